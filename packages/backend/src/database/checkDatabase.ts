import { Client } from 'pg';

/**
 * Connects once to the PostgreSQL server the configuration points at (the POSTGRES_* variables
 * of app-config.yaml) and returns a one-line reason when it cannot be reached, so the backend
 * can stop with that line instead of a page of retries and stack traces.
 */
export async function checkDatabase(
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  if (!env.POSTGRES_HOST) {
    return 'POSTGRES_HOST is not set: start the portal with `./portal start` (embedded PostgreSQL) or set POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER and POSTGRES_PASSWORD';
  }
  const host = env.POSTGRES_HOST;
  const port = Number(env.POSTGRES_PORT || 5432);
  const client = new Client({
    host,
    port,
    user: env.POSTGRES_USER,
    password: env.POSTGRES_PASSWORD,
    database: 'postgres',
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    const reason = (error as Error).message || String(error);
    return `Cannot reach PostgreSQL at ${host}:${port}: ${reason}`;
  } finally {
    await client.end().catch(() => {});
  }
}
