import { databaseServiceFactory as stockDatabaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  DatabaseService,
  resolvePackagePath,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { databaseServiceFactory } from './databaseServiceFactory';
import { advisoryLockKey, guardMigrations, Knex } from './migrationLock';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

// The set that was left with two lock rows in the reported failure: Backstage's public key
// store, which every plugin database holds.
const publicKeys = {
  directory: resolvePackagePath(
    '@backstage/backend-defaults',
    'migrations/auth',
  ),
  tableName: 'backstage_backend_public_keys__knex_migrations',
};
const LOCK_TABLE = `${publicKeys.tableName}_lock`;

type Migration = {
  up(knex: Knex): Promise<unknown>;
  down(knex: Knex): Promise<unknown>;
  config?: { transaction: boolean };
};

/** Migrations from memory: a table, then `second` (run outside a transaction, like CREATE INDEX CONCURRENTLY). */
function source(second: (knex: Knex) => Promise<unknown>) {
  const migrations: Record<string, Migration> = {
    '001_first': {
      up: knex => knex.schema.createTable('first', t => t.increments()),
      down: knex => knex.schema.dropTable('first'),
    },
    '002_second': {
      up: second,
      down: async () => {},
      config: { transaction: false },
    },
  };
  return {
    tableName: 'slow_knex_migrations',
    migrationSource: {
      getMigrations: async () => Object.keys(migrations),
      getMigrationName: (name: string) => name,
      getMigration: async (name: string) => migrations[name],
    },
  };
}

async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

describe.each(databases.eachSupportedId())('migrations on %s', databaseId => {
  let base: Knex;
  const replicas: Knex[] = [];

  beforeEach(async () => {
    base = await databases.init(databaseId);
  });

  afterEach(async () => {
    await Promise.all(replicas.splice(0).map(client => client.destroy()));
  });

  /**
   * One backend process: its own database service (own DatabaseManager and pool), on the test
   * database, under `name` as its PostgreSQL application_name.
   */
  async function replica(
    name: string,
    factory: ServiceFactory<
      DatabaseService,
      'plugin',
      'singleton'
    > = databaseServiceFactory,
    knexConfig: object = {},
  ): Promise<Knex> {
    const { database, ...server } = base.client.config.connection;
    const tester = ServiceFactoryTester.from(factory, {
      dependencies: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: {
                client: 'pg',
                connection: { ...server, application_name: name },
                ensureExists: false,
                knexConfig,
                plugin: { test: { connection: { database } } },
              },
            },
          },
        }),
      ],
    });
    const client = await (await tester.getSubject('test')).getClient();
    replicas.push(client);
    return client;
  }

  const stock = (name: string) => replica(name, stockDatabaseServiceFactory);

  async function lockRows(table = LOCK_TABLE) {
    return base(table).select('is_locked').orderBy('index');
  }

  /** A database in one of the states the reported failure or a killed process leaves behind. */
  async function breakLockTable(rows: number[]) {
    await base.migrate.latest(publicKeys);
    await base(LOCK_TABLE).delete();
    await base(LOCK_TABLE).insert(rows.map(is_locked => ({ is_locked })));
  }

  it('with the stock database service, replicas starting together on a fresh database fail and can leave it broken', async () => {
    // The race is timing-dependent; within a few rounds it always shows.
    let failures: string[] = [];
    for (let round = 0; round < 10 && !failures.length; round += 1) {
      const fresh = await databases.init(databaseId);
      base = fresh;
      const clients = await Promise.all([1, 2, 3, 4].map(n => stock(`r${n}`)));
      const results = await Promise.allSettled(
        clients.map(client => client.migrate.latest(publicKeys)),
      );
      failures = results.flatMap(r =>
        r.status === 'rejected' ? [String(r.reason.message)] : [],
      );
    }
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.join('\n')).toMatch(
      /already exists|duplicate key|Migration table is already locked/,
    );
  });

  it('N replicas starting together on a fresh database all migrate, and leave one unlocked lock row', async () => {
    for (let round = 0; round < 3; round += 1) {
      base = await databases.init(databaseId);
      const clients = await Promise.all(
        [1, 2, 3, 4, 5].map(n => replica(`r${n}`)),
      );
      await expect(
        Promise.all(clients.map(client => client.migrate.latest(publicKeys))),
      ).resolves.toHaveLength(5);
      await expect(lockRows()).resolves.toEqual([{ is_locked: 0 }]);
      const applied = await base(publicKeys.tableName).select('name');
      expect(applied.length).toBeGreaterThan(0);
      expect(new Set(applied.map(m => m.name)).size).toBe(applied.length);
      // and the next start, of a single replica, too
      await expect(
        (await replica('later')).migrate.latest(publicKeys),
      ).resolves.toBeDefined();
    }
  });

  it.each([
    ['two unlocked rows (the reported failure)', [0, 0]],
    ['one row locked by a killed process', [1]],
    ['three rows, some locked', [1, 0, 0]],
  ])(
    'a lock table with %s is repaired and the start succeeds',
    async (_, rows) => {
      await breakLockTable(rows);
      await expect(
        (await stock('stock')).migrate.latest(publicKeys),
      ).rejects.toThrow('Migration table is already locked');

      const [a, b] = await Promise.all([replica('a'), replica('b')]);
      await expect(
        Promise.all([
          a.migrate.latest(publicKeys),
          b.migrate.latest(publicKeys),
        ]),
      ).resolves.toHaveLength(2);
      await expect(lockRows()).resolves.toEqual([{ is_locked: 0 }]);
    },
  );

  it('a replica that starts while another migrates waits for it instead of failing, also through CREATE INDEX CONCURRENTLY', async () => {
    let release = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    let started = false;
    // Like the catalog's migrations: an index built concurrently, which waits for every
    // transaction in the database that is older than it, a waiting replica's included.
    const slow = source(async knex => {
      started = true;
      await released;
      await knex.raw('CREATE INDEX CONCURRENTLY first_id ON first (id)');
    });
    const first = (await replica('first')).migrate.latest(slow);
    await until(async () => started, 'the first migration to start');

    let secondSettled = false;
    const second = (await replica('second')).migrate.latest(slow);
    second.finally(() => (secondSettled = true)).catch(() => {});
    await new Promise(resolve => setTimeout(resolve, 1500));
    expect(secondSettled).toBe(false);
    const { rows: holders } = await base.raw(
      "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted",
    );
    expect(holders).toEqual([{ application_name: 'first' }]);
    // Another migration set of the same database is not held up meanwhile.
    await expect(
      (await replica('other')).migrate.latest(publicKeys),
    ).resolves.toBeDefined();

    release();
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);
    await expect(lockRows('slow_knex_migrations_lock')).resolves.toEqual([
      { is_locked: 0 },
    ]);
    await expect(base('slow_knex_migrations').pluck('name')).resolves.toEqual([
      '001_first',
      '002_second',
    ]);
  }, 30_000);

  it('a replica killed in the middle of a migration leaves the database startable', async () => {
    const slow = source(knex => knex.raw('SELECT pg_sleep(60)'));
    // Its knex gives up soon on the connection it wants for cleaning up after the failure.
    const doomed = await replica('doomed', databaseServiceFactory, {
      acquireConnectionTimeout: 1000,
    });
    const migrating = doomed.migrate.latest(slow);
    await until(async () => {
      const { rows } = await base.raw(
        "SELECT 1 FROM pg_stat_activity WHERE application_name = 'doomed' AND query LIKE '%pg_sleep%' AND state = 'active'",
      );
      return rows.length === 1;
    }, 'the slow migration to run');

    // A dead process cleans nothing up: its pool goes, then its connections.
    const gone = doomed.destroy();
    await base.raw(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'doomed'",
    );
    await expect(migrating).rejects.toThrow();
    await gone;
    await expect(lockRows('slow_knex_migrations_lock')).resolves.toEqual([
      { is_locked: 1 },
    ]);
    await expect(
      (await stock('stock')).migrate.latest(source(async () => {})),
    ).rejects.toThrow('Migration table is already locked');

    const restarted = await replica('restarted');
    await expect(
      restarted.migrate.latest(source(async () => {})),
    ).resolves.toBeDefined();
    await expect(lockRows('slow_knex_migrations_lock')).resolves.toEqual([
      { is_locked: 0 },
    ]);
    await expect(base('slow_knex_migrations').pluck('name')).resolves.toEqual([
      '001_first',
      '002_second',
    ]);
  });
});

describe('advisoryLockKey', () => {
  it('differs per database, schema and migrations table, and fits a bigint', () => {
    const keys = [
      advisoryLockKey('backstage_plugin_roi', 'public', 'knex_migrations'),
      advisoryLockKey('backstage_plugin_auth', 'public', 'knex_migrations'),
      advisoryLockKey('backstage_plugin_roi', 'roi', 'knex_migrations'),
      advisoryLockKey('backstage_plugin_roi', 'public', publicKeys.tableName),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      expect(BigInt(key)).toBeGreaterThanOrEqual(-(2n ** 63n));
      expect(BigInt(key)).toBeLessThan(2n ** 63n);
    }
    expect(
      advisoryLockKey('backstage_plugin_roi', 'public', 'knex_migrations'),
    ).toBe(keys[0]);
  });
});

describe('on SQLite', () => {
  it('the database service leaves the client as it is and its migrations work', async () => {
    const tester = ServiceFactoryTester.from(databaseServiceFactory, {
      dependencies: [mockServices.rootConfig.factory({ data: {} })],
    });
    const client = await (await tester.getSubject('test')).getClient();
    expect(client.client.dialect).toBe('sqlite3');
    expect(guardMigrations(client)).toBe(client);
    await expect(
      client.migrate.latest(source(async () => {})),
    ).resolves.toBeDefined();
    await expect(client('slow_knex_migrations').pluck('name')).resolves.toEqual(
      ['001_first', '002_second'],
    );
    await client.destroy();
  });
});
