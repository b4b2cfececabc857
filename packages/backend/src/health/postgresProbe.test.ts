import { ConfigReader } from '@backstage/config';
import net from 'node:net';
import {
  createPostgresProbe,
  postgresConnectionFromConfig,
} from './postgresProbe';

/** The server `./portal test` provides (the machine's, or an embedded one). */
function testServerUrl(): string {
  const url = Object.entries(process.env).find(([name]) =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(name),
  )?.[1];
  if (!url) throw new Error('run the tests through `./portal test`');
  return url;
}

/** A port on which, for a moment, nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

const withDatabase = (database: object) =>
  new ConfigReader({ backend: { database } });

describe('postgresConnectionFromConfig', () => {
  it('reads host, port and credentials, on the management database', () => {
    expect(
      postgresConnectionFromConfig(
        withDatabase({
          client: 'pg',
          connection: {
            host: 'db.internal',
            port: '5433',
            user: 'backstage',
            password: 'secret',
            ssl: { rejectUnauthorized: true },
          },
        }),
      ),
    ).toEqual({
      checked: true,
      connection: {
        host: 'db.internal',
        port: 5433,
        user: 'backstage',
        password: 'secret',
        ssl: { rejectUnauthorized: true },
        database: 'postgres',
      },
    });
  });

  it('keeps a database that the configuration names', () => {
    const found = postgresConnectionFromConfig(
      withDatabase({
        client: 'pg',
        connection: { host: 'db', user: 'u', database: 'portal' },
      }),
    );
    expect(found.checked && found.connection.database).toBe('portal');
  });

  it('adds the management database to a URL without one, and keeps one that has it', () => {
    const url = (connection: string) => {
      const found = postgresConnectionFromConfig(
        withDatabase({ client: 'pg', connection }),
      );
      return found.checked ? found.connection.connectionString : undefined;
    };
    expect(url('postgresql://u:p@db:5432')).toBe(
      'postgresql://u:p@db:5432/postgres',
    );
    expect(url('postgres://u:p@db:5432/portal?sslmode=require')).toBe(
      'postgres://u:p@db:5432/portal?sslmode=require',
    );
    expect(url('host=db user=u')).toBe('host=db user=u');
  });

  it('checks nothing it cannot connect to the way the database manager does', () => {
    expect(
      postgresConnectionFromConfig(withDatabase({ client: 'better-sqlite3' })),
    ).toEqual({
      checked: false,
      why: "backend.database.client is 'better-sqlite3', not 'pg'",
    });
    expect(
      postgresConnectionFromConfig(
        withDatabase({
          client: 'pg',
          connection: { type: 'cloudsql', instance: 'p:r:i', user: 'u' },
        }),
      ),
    ).toEqual({
      checked: false,
      why: "backend.database.connection.type 'cloudsql' is not checked",
    });
    expect(postgresConnectionFromConfig(new ConfigReader({}))).toMatchObject({
      checked: false,
    });
  });
});

describe('createPostgresProbe', () => {
  it('finds the test server reachable, and again on the kept connection', async () => {
    const probe = createPostgresProbe(
      { connectionString: `${testServerUrl()}/postgres` },
      { timeoutMs: 2_000 },
    );
    try {
      await expect(probe.check()).resolves.toEqual({ reachable: true });
      await expect(probe.check()).resolves.toEqual({ reachable: true });
    } finally {
      await probe.close();
    }
  });

  it('reports a refused connection with its reason', async () => {
    const port = await closedPort();
    const probe = createPostgresProbe(
      { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' },
      { timeoutMs: 1_000 },
    );
    try {
      const result = await probe.check();
      expect(result).toEqual({
        reachable: false,
        reason: expect.stringContaining('ECONNREFUSED'),
      });
    } finally {
      await probe.close();
    }
  });

  it('gives up on a server that accepts the connection and never answers', async () => {
    // What a database behind a dead network path or a stopped VM looks like.
    const sockets: net.Socket[] = [];
    const silent = net.createServer(socket => sockets.push(socket));
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const probe = createPostgresProbe(
      { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' },
      { timeoutMs: 300 },
    );
    try {
      const started = Date.now();
      const result = await probe.check();
      const elapsed = Date.now() - started;
      expect(result.reachable).toBe(false);
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(1_500);
    } finally {
      await probe.close();
      sockets.forEach(socket => socket.destroy());
      await new Promise(resolve => silent.close(resolve));
    }
  });
});
