import { Config } from '@backstage/config';
import { Pool, PoolConfig } from 'pg';

/** What one look at the database found. */
export type ProbeResult =
  | { reachable: true }
  | { reachable: false; reason: string };

/** A cheap check that the database answers, for the readiness endpoint. */
export interface DatabaseProbe {
  check(): Promise<ProbeResult>;
  close(): Promise<void>;
}

/** What `postgresConnectionFromConfig` found in `backend.database`. */
export type PostgresConnection =
  | { checked: true; connection: PoolConfig }
  | { checked: false; why: string };

const MANAGEMENT_DATABASE = 'postgres';

/**
 * The server the plugins' databases live on, from `backend.database` (the same keys Backstage's
 * database manager reads). The probe connects to the `postgres` database unless one is named,
 * as the database manager does when it creates the plugins' databases: a plugin's own database
 * may not exist yet, the server is what readiness is about.
 */
export function postgresConnectionFromConfig(
  config: Config,
): PostgresConnection {
  const database = config.getOptionalConfig('backend.database');
  const client = database?.getOptionalString('client');
  if (client !== 'pg') {
    return {
      checked: false,
      why: `backend.database.client is '${client ?? 'unset'}', not 'pg'`,
    };
  }
  const connection = database?.getOptional('connection');
  if (typeof connection === 'string') {
    return {
      checked: true,
      connection: { connectionString: withDatabase(connection) },
    };
  }
  if (
    !connection ||
    typeof connection !== 'object' ||
    Array.isArray(connection)
  ) {
    return { checked: false, why: 'backend.database.connection is not set' };
  }
  const { type, instance, tokenCredential, ...settings } = connection as Record<
    string,
    unknown
  >;
  // Cloud SQL, Azure and RDS connections get short-lived credentials from their SDKs at
  // connect time; only the database manager knows how.
  if (type !== undefined && type !== 'default') {
    return {
      checked: false,
      why: `backend.database.connection.type '${String(type)}' is not checked`,
    };
  }
  return {
    checked: true,
    connection: {
      ...(settings as PoolConfig),
      port: settings.port === undefined ? undefined : Number(settings.port),
      database:
        (settings.database as string | undefined) ?? MANAGEMENT_DATABASE,
    },
  };
}

/** A URL without a database path names the management database (key=value strings are kept). */
function withDatabase(connectionString: string): string {
  if (!/^postgres(ql)?:\/\//i.test(connectionString)) return connectionString;
  const url = new URL(connectionString);
  if (url.pathname === '' || url.pathname === '/') {
    url.pathname = `/${MANAGEMENT_DATABASE}`;
  }
  return url.toString();
}

/**
 * `select 1` on a pool of one connection, bounded by `timeoutMs` end to end. The pool keeps its
 * connection between probes; a connection the server dropped (restart, failover) is discarded
 * by the pool and the next probe opens a fresh one.
 */
export function createPostgresProbe(
  connection: PoolConfig,
  options: { timeoutMs: number },
): DatabaseProbe {
  const { timeoutMs } = options;
  const pool = new Pool({
    ...connection,
    max: 1,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    idleTimeoutMillis: 60_000,
    allowExitOnIdle: true,
    application_name: 'backstage-readiness',
  });
  // An idle connection that the server closes emits here; the next probe reports it.
  pool.on('error', () => {});

  return {
    async check() {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      const query = pool.query('select 1');
      // Past the deadline the query's own timeout still settles it; nobody waits for it then.
      query.catch(() => {});
      try {
        await Promise.race([query, deadline]);
        return { reachable: true };
      } catch (error) {
        return {
          reachable: false,
          reason: (error as Error).message || String(error),
        };
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
