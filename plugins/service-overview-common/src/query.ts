/** Columns the services page sorts by, and the catalog field behind each. */
export const serviceSortFields = {
  name: 'metadata.name',
  owner: 'spec.owner',
  system: 'spec.system',
  lifecycle: 'spec.lifecycle',
  goldenPath: 'metadata.annotations.acme.example/template',
} as const;
export type ServiceSortField = keyof typeof serviceSortFields;

export const MAX_PAGE_SIZE = 100;

/** The first page of a services query: filters and order stay fixed for its cursors. */
export type ServicesQuery = {
  owner?: string;
  system?: string;
  lifecycle?: string;
  goldenPath?: string;
  /** Matched against name, title and owner. */
  q?: string;
  sort: ServiceSortField;
  order: 'asc' | 'desc';
  limit: number;
};

/** A following page: only the cursor the previous answer gave, and a page size. */
export type ServicesCursor = { cursor: string; limit: number };
