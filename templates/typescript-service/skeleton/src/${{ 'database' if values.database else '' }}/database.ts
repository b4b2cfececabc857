import pg from 'pg';

/**
 * The service's PostgreSQL database. The connection string comes from DATABASE_URL, which the
 * Kubernetes Deployment reads from the `${{ values.name }}-db` secret.
 */
export function createDatabase(databaseUrl: string | undefined) {
  const pool = databaseUrl
    ? new pg.Pool({ connectionString: databaseUrl, max: 10, idleTimeoutMillis: 30_000 })
    : undefined;
  return {
    /** Readiness check: a trivial query. */
    async ping(): Promise<void> {
      if (!pool) throw new Error('DATABASE_URL is not set');
      await pool.query('select 1');
    },
    async close(): Promise<void> {
      await pool?.end();
    },
  };
}
