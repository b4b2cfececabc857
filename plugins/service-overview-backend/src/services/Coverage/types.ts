import { CoverageSummary } from '@internal/plugin-service-overview-common';
import { UncataloguedPage } from '../../database/RepositoryStore';

export type {
  RepositoryRecord,
  UncataloguedPage,
} from '../../database/RepositoryStore';

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
