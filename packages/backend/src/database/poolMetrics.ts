import { metrics } from '@opentelemetry/api';
import type { Knex } from './migrationLock';

/** The parts of knex's connection pool (tarn) that say how busy it is. */
type Pool = {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
};

const pools = new Map<string, Knex>();
let registered = false;

/**
 * Reports each plugin's knex pool as `portal_database_pool_connections{plugin, state}`: `used`
 * and `free` connections, and `pending` acquisitions (requests waiting for a connection, the
 * sign of a pool too small for the load). One instrument for every plugin, read at each scrape
 * (docs/observability.md); without an OpenTelemetry SDK the API is a no-op.
 */
export function observePool(pluginId: string, client: Knex): void {
  pools.set(pluginId, client);
  if (registered) return;
  registered = true;
  metrics
    .getMeter('developer-portal')
    .createObservableGauge('portal.database.pool.connections', {
      description:
        'Connections of each plugin’s database pool: used, free, and acquisitions pending',
    })
    .addCallback(result => {
      for (const [plugin, knex] of pools) {
        const pool = (knex.client as { pool?: Pool }).pool;
        if (!pool) continue;
        result.observe(pool.numUsed(), { plugin, state: 'used' });
        result.observe(pool.numFree(), { plugin, state: 'free' });
        result.observe(pool.numPendingAcquires(), {
          plugin,
          state: 'pending',
        });
      }
    });
}
