import { z } from 'zod';

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

const pageSize = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25);

/** The first page of a services query: filters and order stay fixed for its cursors. */
export const servicesQuerySchema = z
  .object({
    owner: z.string().min(1).max(200).optional(),
    system: z.string().min(1).max(200).optional(),
    lifecycle: z.string().min(1).max(100).optional(),
    goldenPath: z.string().min(1).max(200).optional(),
    q: z.string().min(1).max(200).optional(),
    sort: z
      .enum(Object.keys(serviceSortFields) as [ServiceSortField])
      .default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: pageSize,
  })
  .strict();

/** A following page: only the cursor the previous answer gave, and a page size. */
export const servicesCursorSchema = z
  .object({ cursor: z.string().min(1).max(4000), limit: pageSize })
  .strict();

export type ServicesQuery = z.infer<typeof servicesQuerySchema>;
export type ServicesCursor = z.infer<typeof servicesCursorSchema>;
