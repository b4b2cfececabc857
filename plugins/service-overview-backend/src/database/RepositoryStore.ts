import {
  LikelyOwner,
  UncataloguedRepository,
} from '@internal/plugin-service-overview-common';

/** A repository as GitHub lists it, with what the scan found out about it. */
export type RepositoryRecord = {
  organization: string;
  name: string;
  url: string;
  description?: string | null;
  pushedAt?: string | null;
  language?: string | null;
  archived: boolean;
  inCatalog: boolean;
  likelyOwner?: string | null;
  likelyOwnerSource?: 'codeowners' | 'admin-team' | null;
};

export type UncataloguedPage = {
  items: UncataloguedRepository[];
  totalItems: number;
};

/** The likely owner an earlier scan found, and the last push it was found for. */
export type KnownOwner = {
  pushedAt: string | null;
  owner?: LikelyOwner;
};

/** Repositories not archived, and how many of them have a catalog entity. */
export type CoverageCounts = {
  repositories: number;
  covered: number;
  /** When the newest of these rows was written: the last scan or webhook. */
  scannedAt?: string;
};

/** One scan of an organisation, as the scan history keeps it. */
export type ScanRecord = {
  organization: string;
  startedAt: Date;
  repositories?: number;
  requests?: number;
  error?: string;
};

/**
 * The repositories of the GitHub organisations and the history of their scans; the only
 * place the service overview speaks SQL.
 */
export interface RepositoryStore {
  /** Replaces what is known about one organisation, in one transaction. */
  replaceOrganization(
    organization: string,
    records: RepositoryRecord[],
  ): Promise<void>;
  /**
   * The likely owners found by earlier scans of repositories not in the catalog, by
   * repository name: a repository not pushed since keeps its owner.
   */
  knownOwners(organization: string): Promise<Map<string, KnownOwner>>;
  upsert(record: RepositoryRecord): Promise<void>;
  rename(
    organization: string,
    from: string,
    to: string,
    url: string,
  ): Promise<void>;
  remove(organization: string, name: string): Promise<void>;
  markInCatalog(organization: string, name: string): Promise<void>;
  counts(organizations: string[]): Promise<CoverageCounts>;
  /** Repositories not archived and not in the catalog, most recently pushed first. */
  uncatalogued(page: {
    organizations: string[];
    offset: number;
    limit: number;
  }): Promise<UncataloguedPage>;
  recordScan(scan: ScanRecord): Promise<void>;
}
