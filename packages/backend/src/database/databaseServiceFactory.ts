import { DatabaseManager } from '@backstage/backend-defaults/database';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { retryOnBrokenConnection } from './brokenConnectionRetry';
import { guardMigrations } from './migrationLock';
import { observePool } from './poolMetrics';

/**
 * The database service of Backstage's backend-defaults (same DatabaseManager, same
 * configuration, same SQLite fallback without `backend.database`), except that each plugin's
 * knex client runs its migrations under a PostgreSQL advisory lock: see migrationLock.ts and
 * docs/decisions/migrations-across-replicas.md; and its pool is reported as a metric
 * (poolMetrics.ts); and a statement that meets a connection the server has just ended is run
 * again on another connection (brokenConnectionRetry.ts). Every knex migration of the backend (the
 * plugins' own, the public key store's, the scheduler's) goes through a client from here.
 */
export const databaseServiceFactory = createServiceFactory({
  service: coreServices.database,
  deps: {
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
    rootLifecycle: coreServices.rootLifecycle,
    rootLogger: coreServices.rootLogger,
  },
  async createRootContext({ config, rootLifecycle, rootLogger }) {
    return DatabaseManager.fromConfig(
      config.getOptional('backend.database')
        ? config
        : new ConfigReader({
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          }),
      { rootLifecycle, rootLogger },
    );
  },
  async factory({ pluginMetadata, lifecycle, logger }, databaseManager) {
    const database = databaseManager.forPlugin(pluginMetadata.getId(), {
      lifecycle,
      logger,
    });
    return {
      ...database,
      getClient: async () => {
        const client = await database.getClient();
        observePool(pluginMetadata.getId(), client);
        return guardMigrations(retryOnBrokenConnection(client), { logger });
      },
    };
  },
});
