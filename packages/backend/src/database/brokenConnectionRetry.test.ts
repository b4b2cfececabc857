import { databaseServiceFactory as stockDatabaseServiceFactory } from '@backstage/backend-defaults/database';
import { DatabaseService, ServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { isBrokenConnectionError } from './brokenConnectionRetry';
import { databaseServiceFactory } from './databaseServiceFactory';
import { Knex } from './migrationLock';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

const POOL = 4;

describe.each(databases.eachSupportedId())(
  'connections the server ended, on %s',
  databaseId => {
    let base: Knex;
    const clients: Knex[] = [];

    beforeEach(async () => {
      base = await databases.init(databaseId);
    });

    afterEach(async () => {
      await Promise.all(clients.splice(0).map(client => client.destroy()));
    });

    /** A plugin's client from `factory`, its pool warm with POOL idle connections named `name`. */
    async function pluginClient(
      name: string,
      factory: ServiceFactory<
        DatabaseService,
        'plugin',
        'singleton'
      > = databaseServiceFactory,
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
                  knexConfig: { pool: { min: 0, max: POOL } },
                  plugin: { test: { connection: { database } } },
                },
              },
            },
          }),
        ],
      });
      const client = await (await tester.getSubject('test')).getClient();
      clients.push(client);
      await client.schema.createTable('saves', table => {
        table.increments('id');
        table.string('name');
      });
      await Promise.all(
        Array.from({ length: POOL }, () => client.raw('select pg_sleep(0.05)')),
      );
      return client;
    }

    /** What a PostgreSQL restart or failover does to the pool: every connection ended by the server. */
    async function terminateConnections(name: string) {
      const { rows } = await base.raw(
        'select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = ?',
        [name],
      );
      expect(rows.length).toBe(POOL);
    }

    const queries = (client: Knex) =>
      Promise.allSettled(
        Array.from({ length: POOL }, (_, i) =>
          i % 2
            ? client('saves').insert({ name: `save ${i}` })
            : client.raw('select 1'),
        ),
      );

    it('with the stock database service, the queries that take an ended connection fail', async () => {
      const client = await pluginClient('stock', stockDatabaseServiceFactory);
      await terminateConnections('stock');
      const results = await queries(client);
      const failed = results.flatMap(r =>
        r.status === 'rejected' ? [r.reason] : [],
      );
      expect(failed.length).toBeGreaterThan(0);
      expect(failed.every(isBrokenConnectionError)).toBe(true);
    });

    it('sends a statement that met an ended connection once more, on a fresh one', async () => {
      const client = await pluginClient('portal');
      await terminateConnections('portal');
      const results = await queries(client);
      expect(results.map(r => r.status)).toEqual(Array(POOL).fill('fulfilled'));
      // Each insert ran once: the failed attempt never reached the table.
      expect(await client('saves').count({ count: '*' }).first()).toEqual({
        count: String(POOL / 2),
      });
    });

    it('never resends a statement of a transaction', async () => {
      const client = await pluginClient('transaction');
      await terminateConnections('transaction');
      const results = await Promise.allSettled(
        Array.from({ length: POOL }, (_, i) =>
          client.transaction(trx => trx('saves').insert({ name: `save ${i}` })),
        ),
      );
      const failed = results.flatMap(r =>
        r.status === 'rejected' ? [r.reason] : [],
      );
      // A transaction that began on an ended connection fails as a whole, as before.
      expect(failed.length).toBeGreaterThan(0);
      expect(await client('saves').count({ count: '*' }).first()).toEqual({
        count: String(POOL - failed.length),
      });
    });
  },
);

describe('isBrokenConnectionError', () => {
  it.each([
    [
      {
        code: '57P01',
        message: 'terminating connection due to administrator command',
      },
      true,
    ],
    [
      {
        code: '57P02',
        message:
          'terminating connection because of crash of another server process',
      },
      true,
    ],
    [{ code: '57P03', message: 'the database system is starting up' }, true],
    [{ message: 'Connection terminated unexpectedly' }, true],
    // As knex passes it on, the statement in front.
    [{ message: 'select 1 - Connection terminated unexpectedly' }, true],
    [
      {
        message:
          'Client has encountered a connection error and is not queryable',
      },
      true,
    ],
    [{ code: 'ECONNRESET', message: 'read ECONNRESET' }, true],
    [
      {
        code: '23505',
        message: 'duplicate key value violates unique constraint',
      },
      false,
    ],
    [
      {
        code: '57014',
        message: 'canceling statement due to statement timeout',
      },
      false,
    ],
    [{ message: 'Connection terminated due to connection timeout' }, false],
    [undefined, false],
  ])('%j → %s', (error, broken) => {
    expect(isBrokenConnectionError(error)).toBe(broken);
  });
});
