import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import type { Client as PgClient } from 'pg';

/** The knex client a plugin gets from the database service. */
export type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/** Where knex records the migrations of one set (its lock table is `<tableName>_lock`). */
export interface MigrationTable {
  tableName: string;
  schemaName?: string;
}

/**
 * The Migrator methods that create knex's migration tables or take its lock row: each of them
 * runs under the advisory lock. `status` and `make` only read or write files.
 */
const GUARDED_METHODS = [
  'latest',
  'up',
  'down',
  'rollback',
  'to',
  'before',
  'list',
  'currentVersion',
  'forceFreeMigrationsLock',
] as const;

const guarded = Symbol.for('portal.migrationLock.guarded');

/** How often a waiting instance tries the advisory lock again (on average). */
const RETRY_MS = 250;

type AnyFunction = (...args: unknown[]) => unknown;
type MigrationConfig = { tableName?: string; schemaName?: string } | undefined;

/**
 * The advisory lock key of one migration set: a 64-bit hash of database, schema and migrations
 * table, so that plugins (and the several sets one plugin database holds, such as the public
 * keys' and the scheduler's) never wait for one another.
 */
export function advisoryLockKey(
  database: string,
  schema: string,
  tableName: string,
): string {
  return createHash('sha256')
    .update(`knex-migrations\0${database}\0${schema}\0${tableName}`)
    .digest()
    .readBigInt64BE(0)
    .toString();
}

/** The migrations table a Migrator call works on: its own config, then the client's, then knex's default. */
export function migrationTableOf(
  knex: Knex,
  config: MigrationConfig,
): MigrationTable {
  const clientConfig = (knex.client.config?.migrations ?? {}) as {
    tableName?: string;
    schemaName?: string;
  };
  return {
    tableName: config?.tableName ?? clientConfig.tableName ?? 'knex_migrations',
    schemaName: config?.schemaName ?? clientConfig.schemaName,
  };
}

/**
 * Brings knex's lock table back to the one row with `is_locked = 0` that its migrator expects.
 * Only safe while holding the set's advisory lock: then no other migrator can be between
 * taking and freeing knex's lock, so a second row (two processes that both found the table
 * empty and each inserted one) or a set flag (a process killed while migrating outside a
 * transaction) is a leftover. Returns what it found when it had to change something.
 */
export async function repairLockTable(
  knex: Knex,
  { tableName, schemaName }: MigrationTable,
): Promise<{ rows: number; locked: number } | undefined> {
  const lockTable = `${tableName}_lock`;
  const schema = schemaName ? knex.schema.withSchema(schemaName) : knex.schema;
  if (!(await schema.hasTable(lockTable))) {
    return undefined;
  }
  return knex.transaction(async trx => {
    const table = () =>
      schemaName ? trx(lockTable).withSchema(schemaName) : trx(lockTable);
    const rows: { index: number; is_locked: number | null }[] = await table()
      .select('index', 'is_locked')
      .orderBy('index')
      .forUpdate();
    const locked = rows.filter(row => row.is_locked !== 0).length;
    if (rows.length <= 1 && locked === 0) {
      return undefined;
    }
    if (rows.length > 1) {
      await table().whereNot('index', rows[0].index).delete();
    }
    if (locked > 0) {
      await table().update({ is_locked: 0 });
    }
    return { rows: rows.length, locked };
  });
}

/**
 * Runs `fn` while holding the PostgreSQL advisory lock of a migration set, after repairing the
 * set's knex lock table. The lock is held by a connection of its own, outside the plugin's pool
 * (so a pool of one connection cannot deadlock); it is released explicitly when `fn` settles
 * and by PostgreSQL itself when that connection ends, including when the process dies.
 */
export async function withMigrationLock<T>(
  knex: Knex,
  table: MigrationTable,
  fn: () => Promise<T>,
  logger?: LoggerService,
): Promise<T> {
  // Through the pool: the same database, schema search path and role the migrations use.
  const {
    rows: [where],
  } = await knex.raw<{ rows: { database: string; schema: string | null }[] }>(
    'SELECT current_database() AS database, current_schema() AS schema',
  );
  const schema = table.schemaName ?? where.schema ?? '';
  const key = advisoryLockKey(where.database, schema, table.tableName);
  const name = `${where.database}.${schema}.${table.tableName}`;

  const connection: PgClient = await knex.client.acquireRawConnection();
  try {
    // The session holds the lock while idle: the server must not end it for idling, and
    // keepalives let the server notice a vanished host and free the lock. (Through
    // pg_settings: idle_session_timeout is unknown before PostgreSQL 14.)
    await connection.query(
      `SELECT set_config(name, value, false)
         FROM (VALUES ('idle_session_timeout', '0'), ('tcp_keepalives_idle', '30'),
                      ('tcp_keepalives_interval', '10'), ('tcp_keepalives_count', '3'))
              AS wanted(name, value)
        WHERE name IN (SELECT name FROM pg_settings)`,
    );
    // Waits by trying again, never in a blocking pg_advisory_lock: a statement waiting in this
    // database keeps its snapshot, and CREATE INDEX CONCURRENTLY in the holder's migration (the
    // catalog has some) waits for every older snapshot, so holder and waiter would wait for
    // each other forever, a cycle PostgreSQL cannot see.
    for (let attempt = 0; ; attempt += 1) {
      const tried = await connection.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS locked',
        [key],
      );
      if (tried.rows[0].locked) break;
      if (attempt === 0) {
        logger?.info(
          `Waiting for another instance to finish the migrations of ${name}`,
        );
      }
      await new Promise(resolve =>
        setTimeout(resolve, RETRY_MS / 2 + Math.random() * RETRY_MS),
      );
    }
    const repaired = await repairLockTable(knex, table);
    if (repaired) {
      logger?.warn(
        `Repaired the migration lock table of ${name}: it had ${repaired.rows} row(s), ${repaired.locked} of them locked by a migration that is no longer running`,
      );
    }
    return await fn();
  } finally {
    await connection
      .query('SELECT pg_advisory_unlock($1::bigint)', [key])
      .catch(() => {});
    await knex.client.destroyRawConnection(connection).catch(() => {});
  }
}

/**
 * Makes every migration that runs through `knex.migrate` on PostgreSQL take the advisory lock
 * of its migration set first (see {@link withMigrationLock}), so that replicas starting
 * together run each set one after the other instead of racing in knex's own table creation and
 * lock row. Other databases (SQLite) are returned unchanged. Idempotent.
 */
export function guardMigrations(
  knex: Knex,
  options: { logger?: LoggerService } = {},
): Knex {
  if (knex.client.dialect !== 'postgresql') {
    return knex;
  }
  if ((knex as unknown as Record<symbol, unknown>)[guarded]) {
    return knex;
  }
  const descriptor = Object.getOwnPropertyDescriptor(knex, 'migrate');
  const getMigrator = descriptor?.get;
  if (!getMigrator || !descriptor.configurable) {
    // Fail loudly: a knex release that changed this must not silently drop the guard.
    throw new Error(
      'Cannot guard knex migrations: knex.migrate is no longer a configurable getter',
    );
  }
  Object.defineProperty(knex, 'migrate', {
    configurable: true,
    enumerable: descriptor.enumerable,
    get() {
      const migrator = getMigrator.call(this) as Record<string, unknown>;
      for (const method of GUARDED_METHODS) {
        const original = migrator[method];
        if (typeof original !== 'function') continue;
        migrator[method] = (config: MigrationConfig, ...rest: unknown[]) =>
          withMigrationLock(
            knex,
            migrationTableOf(knex, config),
            async () =>
              (original as AnyFunction).call(migrator, config, ...rest),
            options.logger,
          );
      }
      return migrator;
    },
  });
  Object.defineProperty(knex, guarded, { value: true });
  return knex;
}
