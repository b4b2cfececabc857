import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import net from 'node:net';
import request from 'supertest';
import { rootHealthServiceFactory } from './rootHealthServiceFactory';

function testServer() {
  const url = Object.entries(process.env).find(([name]) =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(name),
  )?.[1];
  if (!url) throw new Error('run the tests through `./portal test`');
  const { hostname, port, username, password } = new URL(url);
  return {
    host: hostname,
    port: Number(port),
    user: decodeURIComponent(username),
    password: decodeURIComponent(password),
  };
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

async function startWithDatabaseAt(connection: object) {
  const { server } = await startTestBackend({
    features: [
      rootHealthServiceFactory,
      mockServices.rootConfig.factory({
        data: { backend: { database: { client: 'pg', connection } } },
      }),
    ],
  });
  return server;
}

describe('rootHealthServiceFactory', () => {
  it('answers ready on the health endpoint while PostgreSQL answers', async () => {
    const server = await startWithDatabaseAt(testServer());
    const readiness = await request(server).get(
      '/.backstage/health/v1/readiness',
    );
    expect(readiness.status).toBe(200);
    expect(readiness.body).toEqual({ status: 'ok' });
  });

  it('answers 503 on readiness and 200 on liveness while PostgreSQL does not answer', async () => {
    const server = await startWithDatabaseAt({
      ...testServer(),
      host: '127.0.0.1',
      port: await closedPort(),
    });
    const readiness = await request(server).get(
      '/.backstage/health/v1/readiness',
    );
    expect(readiness.status).toBe(503);
    expect(readiness.body).toEqual({
      status: 'error',
      message: 'Database is unreachable',
    });
    const liveness = await request(server).get(
      '/.backstage/health/v1/liveness',
    );
    expect(liveness.status).toBe(200);
  });
});
