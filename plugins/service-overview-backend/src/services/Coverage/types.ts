import {
  CoverageSummary,
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

export type ScanResult = {
  organization: string;
  repositories: number;
  covered: number;
  requests: number;
  /** requests ÷ repositories */
  requestsPerRepository: number | null;
};

export interface CoverageService {
  summary(): Promise<CoverageSummary>;
  uncatalogued(page: {
    offset: number;
    limit: number;
    organization?: string;
  }): Promise<UncataloguedPage>;
  /** Starts a scan now; answers at once. */
  scan(): Promise<{ started: boolean }>;
}
