import { SchedulerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { catalogCoverage } from '@internal/plugin-service-overview-common';
import { RepositoryStore } from '../../database/RepositoryStore';
import { CoverageService } from './types';

export const COVERAGE_TASK_ID = 'service-overview-coverage-scan';

/** Coverage numbers and the "not in the catalog yet" list, both answered from SQL. */
export function createCoverageService(options: {
  store: RepositoryStore;
  organizations: string[];
  scheduler: SchedulerService;
}): CoverageService {
  const { store, organizations } = options;
  return {
    async summary() {
      if (organizations.length === 0) {
        return {
          configured: false,
          organizations: [],
          repositories: 0,
          covered: 0,
          share: null,
        };
      }
      const counts = await store.counts(organizations);
      return {
        configured: true,
        organizations,
        repositories: counts.repositories,
        covered: counts.covered,
        share: catalogCoverage(counts.covered, counts.repositories),
        ...(counts.scannedAt ? { scannedAt: counts.scannedAt } : {}),
      };
    },
    async uncatalogued(page) {
      const scope = page.organization
        ? organizations.filter(o => o === page.organization)
        : organizations;
      return store.uncatalogued({ ...page, organizations: scope });
    },
    async scan() {
      if (organizations.length === 0) {
        throw new ConflictError('GitHub discovery is off: set GITHUB_ORG to scan');
      }
      await options.scheduler.triggerTask(COVERAGE_TASK_ID);
      return { started: true };
    },
  };
}
