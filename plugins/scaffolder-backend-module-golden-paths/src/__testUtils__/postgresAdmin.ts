import { Client, escapeIdentifier } from 'pg';

/** The machine's PostgreSQL as its admin (scripts/with-postgres.mjs sets it; trust auth). */
export const adminUrl = Object.entries(process.env).find(([key]) =>
  /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(key),
)?.[1];

/** `describe` when PostgreSQL is there, `describe.skip` otherwise. */
export const describeWithPostgres = adminUrl ? describe : describe.skip;

/** Runs `fn` with a client connected as the admin. */
export async function asAdmin<T>(
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops the databases and roles named `names`, where they exist. */
export function dropDatabasesAndRoles(names: string[]): Promise<void> {
  return asAdmin(async client => {
    for (const name of names) {
      const id = escapeIdentifier(name);
      await client.query(`DROP DATABASE IF EXISTS ${id} WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS ${id}`);
    }
  });
}
