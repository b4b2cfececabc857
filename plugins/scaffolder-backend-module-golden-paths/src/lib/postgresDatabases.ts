import { ConflictError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { dns1123LabelProblem } from './names';

/** Marks a database or role as created by the portal for one service (its COMMENT). */
export function managedComment(service: string): string {
  return `managed-by acme-developer-portal for ${service}`;
}

/** The database and the role named `name`, each with its COMMENT, when they exist. */
async function readMarks(client: Client, name: string) {
  const existingDb = await client.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [name],
  );
  const existingRole = await client.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_authid') AS comment FROM pg_roles WHERE rolname = $1`,
    [name],
  );
  return { existingDb, existingRole };
}

export type DatabaseCredentials = {
  host: string;
  port: number;
  database: string;
  username: string;
  password: string;
};

export type EnsureDatabaseResult = {
  database: string;
  role: string;
  /** What was (or, in a dry run, would be) done, for the task log. Never holds the password. */
  steps: string[];
  /** Undefined in a dry run. */
  credentials?: DatabaseCredentials;
};

/** A password of 32 random bytes, URL-safe so it survives connection strings unquoted. */
export function generatePassword(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Creates, on the server behind `adminConnectionString`, the database `database` and a login role
 * of the same name that owns it and may connect to nothing else (CONNECT is revoked from PUBLIC),
 * with a freshly generated password. CREATE DATABASE cannot run in a transaction, so every step is
 * idempotent instead: a re-run after a crash finds what exists and completes the rest. A database
 * or role of that name that the portal did not create for `service` is a conflict, never taken
 * over. A re-run sets a new password (the old one is not kept anywhere to hand out again).
 */
export async function ensurePostgresDatabase(options: {
  adminConnectionString: string;
  database: string;
  service: string;
  dryRun: boolean;
}): Promise<EnsureDatabaseResult> {
  const { database, service, dryRun } = options;
  // Names are checked against a strict pattern and still quoted: two independent defences.
  const problem = dns1123LabelProblem(database);
  if (problem) throw new Error(`database "${database}" ${problem}`);
  const role = database;
  const db = escapeIdentifier(database);
  const rl = escapeIdentifier(role);
  const comment = managedComment(service);

  const client = new Client({
    connectionString: options.adminConnectionString,
  });
  await client.connect();
  try {
    const { existingDb, existingRole } = await readMarks(client, database);
    if (existingDb.rowCount && existingDb.rows[0].comment !== comment) {
      throw new ConflictError(
        `A database named ${database} already exists and was not created by the portal for ${service}; choose another name`,
      );
    }
    if (existingRole.rowCount && existingRole.rows[0].comment !== comment) {
      throw new ConflictError(
        `A role named ${role} already exists and was not created by the portal for ${service}; choose another name`,
      );
    }

    const steps: string[] = [];
    steps.push(
      existingRole.rowCount
        ? `set a new password for role ${role}`
        : `create login role ${role}`,
    );
    steps.push(
      existingDb.rowCount
        ? `database ${database} exists; check its owner and grants`
        : `create database ${database} owned by ${role}`,
    );
    if (dryRun) return { database, role, steps };

    const password = generatePassword();
    // CREATE/ALTER ROLE take no bind parameters: the password goes in as a quoted literal.
    const roleOptions = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD ${escapeLiteral(
      password,
    )}`;
    await client.query('BEGIN');
    try {
      await client.query(
        existingRole.rowCount
          ? `ALTER ROLE ${rl} WITH ${roleOptions}`
          : `CREATE ROLE ${rl} WITH ${roleOptions}`,
      );
      await client.query(`COMMENT ON ROLE ${rl} IS ${escapeLiteral(comment)}`);
      // The admin must be a member of the role to make it a database's owner (PostgreSQL 16+).
      await client.query(`GRANT ${rl} TO CURRENT_USER`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    if (!existingDb.rowCount) {
      await client.query(`CREATE DATABASE ${db} OWNER ${rl}`);
    }
    await client.query('BEGIN');
    try {
      await client.query(`ALTER DATABASE ${db} OWNER TO ${rl}`);
      await client.query(
        `COMMENT ON DATABASE ${db} IS ${escapeLiteral(comment)}`,
      );
      await client.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
      await client.query(
        `GRANT CONNECT, CREATE, TEMPORARY ON DATABASE ${db} TO ${rl}`,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    return {
      database,
      role,
      steps,
      credentials: {
        host: String(client.host),
        port: Number(client.port),
        database,
        username: role,
        password,
      },
    };
  } finally {
    await client.end();
  }
}

/**
 * Drops, on the server behind `adminConnectionString`, the database `database` and its login role,
 * both only if the portal created them for `service` (their COMMENT); open connections to the
 * database are ended first (`WITH (FORCE)`). Missing ones are skipped, so a re-run after a
 * crash completes the rest. In a dry run it checks and lists what it would do.
 */
export async function dropPostgresDatabase(options: {
  adminConnectionString: string;
  database: string;
  service: string;
  dryRun: boolean;
}): Promise<{ steps: string[] }> {
  const { database, service, dryRun } = options;
  const problem = dns1123LabelProblem(database);
  if (problem) throw new Error(`database "${database}" ${problem}`);
  const comment = managedComment(service);
  const client = new Client({
    connectionString: options.adminConnectionString,
  });
  await client.connect();
  try {
    const { existingDb, existingRole } = await readMarks(client, database);
    for (const [what, found] of [
      ['database', existingDb],
      ['role', existingRole],
    ] as const) {
      if (found.rowCount && found.rows[0].comment !== comment) {
        throw new ConflictError(
          `The ${what} ${database} was not created by the portal for ${service}; the portal drops only what it created`,
        );
      }
    }
    const steps = [
      existingDb.rowCount
        ? `drop database ${database}`
        : `database ${database} does not exist; nothing to drop`,
      existingRole.rowCount
        ? `drop role ${database}`
        : `role ${database} does not exist; nothing to drop`,
    ];
    if (dryRun) return { steps };
    // DROP DATABASE cannot run in a transaction either; each statement is safe to repeat.
    await client.query(
      `DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`,
    );
    await client.query(`DROP ROLE IF EXISTS ${escapeIdentifier(database)}`);
    return { steps };
  } finally {
    await client.end();
  }
}
