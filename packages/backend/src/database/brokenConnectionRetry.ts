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
    // knex puts the statement in front of the driver's message: `<sql> - Connection terminated`.
    (typeof message === 'string' &&
      /(^| - )(Connection terminated( unexpectedly)?|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)$/.test(
        message,
      ))
  );
}

type QueryObject = { sql: string; bindings?: unknown[] };
type Connection = { __knexTxId?: string };
type Runner = { run(): Promise<unknown> };
type KnexClient = {
  acquireConnection(): Promise<Connection>;
  _query(connection: Connection, obj: QueryObject): Promise<unknown>;
  runner(builder: unknown): Runner;
};

const retrying = Symbol.for('portal.database.brokenConnectionRetry');
const neverRan = Symbol.for('portal.database.statementNeverRan');

/** How many times one statement is sent again: several pooled connections may have ended at once. */
const MAX_RESENDS = 3;

/**
 * When PostgreSQL ends a pooled connection (a restart, a failover, `pg_terminate_backend`), pg
 * learns it only when the server's goodbye reaches the socket; knex then drops the connection
 * at its next acquisition. A query that takes the connection before that moment fails with
 * 57P01 or "Connection terminated unexpectedly", and the request answered 500.
 *
 * This runs such a query again (up to 3 times, each time on another connection from the
 * pool) when the failed statement was the first on a connection just taken from the pool and
 * outside a transaction: the server never ran it (its backend had already exited), or, if the
 * server was terminating it mid-statement, rolled it back. The query is run again only after
 * knex has given the ended connection back, so a pool whose every connection ended does not
 * wait for itself. Statements of a transaction are never resent, since the transaction is
 * gone; the caller sees the error as before. See docs/decisions/database-connection-faults.md.
 */
export function retryOnBrokenConnection(knex: Knex): Knex {
  const client = knex.client as unknown as KnexClient & Record<symbol, unknown>;
  if (client[retrying]) return knex;
  Object.defineProperty(client, retrying, { value: true });

  const freshFromPool = new WeakSet<Connection>();
  const acquire = client.acquireConnection;
  const query = client._query;
  const runner = client.runner;

  client.acquireConnection = async function acquireConnection() {
    const connection = await acquire.call(this);
    freshFromPool.add(connection);
    return connection;
  };

  // knex's transaction clients are built from the client's prototype, so this instance's
  // `_query` and `runner` never run a transaction's statements; `__knexTxId` is a second guard.
  client._query = async function queryMarkingUnsent(connection, obj) {
    const first = freshFromPool.delete(connection) && !connection.__knexTxId;
    try {
      return await query.call(this, connection, obj);
    } catch (error) {
      if (first && isBrokenConnectionError(error)) {
        Object.defineProperty(error, neverRan, { value: true });
      }
      throw error;
    }
  };

  client.runner = function runnerResending(builder) {
    const first = runner.call(this, builder);
    const run = first.run.bind(first);
    first.run = async () => {
      for (let resends = 0; ; resends += 1) {
        try {
          return await (resends === 0
            ? run()
            : runner.call(this, builder).run());
        } catch (error) {
          const unsent = (error as Record<symbol, unknown> | null)?.[neverRan];
          if (!unsent || resends >= MAX_RESENDS) throw error;
        }
      }
    };
    return first;
  };
  return knex;
}
