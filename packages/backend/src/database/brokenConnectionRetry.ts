import type { Knex } from './migrationLock';

/**
 * Errors that say the server ended the connection, not that the statement was wrong:
 * admin_shutdown (pg_terminate_backend, a fast shutdown or restart), crash_shutdown,
 * cannot_connect_now, and the socket closing under the driver.
 */
const CONNECTION_ERROR_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  'ECONNRESET',
  'EPIPE',
]);

export function isBrokenConnectionError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
  };
  return (
    (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) ||
    (typeof message === 'string' &&
      /^Connection terminated( unexpectedly)?$/.test(message))
  );
}

type QueryObject = { sql: string; bindings?: unknown[] };
type Connection = { __knexTxId?: string };
type KnexClient = {
  acquireConnection(): Promise<Connection>;
  releaseConnection(connection: Connection): Promise<unknown>;
  _query(connection: Connection, obj: QueryObject): Promise<unknown>;
};

const retrying = Symbol.for('portal.database.brokenConnectionRetry');

/**
 * When PostgreSQL ends a pooled connection (a restart, a failover, `pg_terminate_backend`), pg
 * learns it only when the server's goodbye reaches the socket; knex then drops the connection
 * at its next acquisition. A query that takes the connection before that moment fails with
 * 57P01 or "Connection terminated unexpectedly", and the request answered 500.
 *
 * This sends such a query once more, on another connection, when it was the first statement on
 * a connection just taken from the pool and outside a transaction: the server never ran it
 * (its backend had already exited), or, if the server was terminating it mid-statement, rolled
 * it back. Statements of a transaction are never resent, since the transaction is gone; the
 * caller sees the error as before. See docs/decisions/database-connection-faults.md.
 */
export function retryOnBrokenConnection(knex: Knex): Knex {
  const client = knex.client as unknown as KnexClient & Record<symbol, unknown>;
  if (client[retrying]) return knex;
  Object.defineProperty(client, retrying, { value: true });

  const freshFromPool = new WeakSet<Connection>();
  const acquire = client.acquireConnection;
  const query = client._query;

  client.acquireConnection = async function acquireConnection() {
    const connection = await acquire.call(this);
    freshFromPool.add(connection);
    return connection;
  };

  // knex's transaction clients are built from the client's prototype, so this instance's
  // `_query` never runs a transaction's statements; `__knexTxId` is the second guard.
  client._query = async function queryOnce(connection, obj) {
    const first = freshFromPool.delete(connection) && !connection.__knexTxId;
    try {
      return await query.call(this, connection, obj);
    } catch (error) {
      if (!first || !isBrokenConnectionError(error)) throw error;
      const replacement = await acquire.call(this);
      try {
        return await query.call(this, replacement, obj);
      } finally {
        await this.releaseConnection(replacement);
      }
    }
  };
  return knex;
}
