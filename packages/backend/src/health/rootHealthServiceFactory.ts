import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { DatabaseAwareRootHealthService } from './DatabaseAwareRootHealthService';
import {
  createPostgresProbe,
  postgresConnectionFromConfig,
} from './postgresProbe';

/** A probe slower than this counts as a database that is away (a Kubernetes probe's default timeout is 1 s). */
export const PROBE_TIMEOUT_MS = 1_000;

/**
 * Replaces Backstage's root health service: `/.backstage/health/v1/readiness` answers 503 while
 * PostgreSQL does not answer `select 1`; `/.backstage/health/v1/liveness` does not depend on it.
 */
export const rootHealthServiceFactory = createServiceFactory({
  service: coreServices.rootHealth,
  deps: {
    lifecycle: coreServices.rootLifecycle,
    config: coreServices.rootConfig,
    rootLogger: coreServices.rootLogger,
  },
  async factory({ lifecycle, config, rootLogger }) {
    const logger = rootLogger.child({ service: 'rootHealth' });
    const found = postgresConnectionFromConfig(config);
    if (!found.checked) {
      logger.warn(`Readiness does not check the database: ${found.why}`);
    }
    return new DatabaseAwareRootHealthService({
      lifecycle,
      logger,
      probe: found.checked
        ? createPostgresProbe(found.connection, { timeoutMs: PROBE_TIMEOUT_MS })
        : undefined,
    });
  },
});
