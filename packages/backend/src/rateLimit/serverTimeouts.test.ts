import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import http from 'node:http';
import net from 'node:net';
import { portalRootHttpRouterServiceFactory } from './rootHttpRouter';
import {
  DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
  readServerTimeouts,
  releaseConnectionsOnClose,
} from './serverTimeouts';

const withServer = (server?: object) =>
  new ConfigReader(server ? { backend: { server } } : {});

describe('readServerTimeouts', () => {
  it.each([
    // Nothing configured: 75 s, above the 60 s idle timeout of NGINX's ingress and AWS's
    // balancers; headers 1 s above it.
    [undefined, 75_000, 76_000],
    // Milliseconds, as Backstage reads a number; headers follow the keep-alive.
    [{ keepAliveTimeout: 620_000 }, 620_000, 621_000],
    // A duration string and a HumanDuration: 2 min = 120,000 ms; 90 s = 90,000 ms.
    [
      { keepAliveTimeout: '2m', headersTimeout: { seconds: 130 } },
      120_000,
      130_000,
    ],
    [{ headersTimeout: '90s' }, 75_000, 90_000],
  ])('%j → keep-alive %d ms, headers %d ms', (server, keepAlive, headers) => {
    expect(readServerTimeouts(withServer(server))).toEqual({
      keepAliveTimeoutMs: keepAlive,
      headersTimeoutMs: headers,
    });
  });

  it('refuses a headers timeout that is not above the keep-alive timeout', () => {
    expect(() =>
      readServerTimeouts(
        withServer({ keepAliveTimeout: '80s', headersTimeout: '60s' }),
      ),
    ).toThrow(
      'backend.server.headersTimeout (60000 ms) must be above backend.server.keepAliveTimeout (80000 ms)',
    );
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A backend with the portal's root HTTP router only, and the HTTP server it listens with. */
async function startBackend(server?: object) {
  const listening: http.Server[] = [];
  const listen = http.Server.prototype.listen;
  const spy = jest
    .spyOn(http.Server.prototype, 'listen')
    .mockImplementation(function record(this: http.Server, ...args: any[]) {
      listening.push(this);
      return listen.apply(this, args as Parameters<typeof listen>);
    });
  const port = await freePort();
  const backend = createBackend();
  backend.add(portalRootHttpRouterServiceFactory);
  // The default root logger reads every package's config schema to redact secrets.
  backend.add(mockServices.rootLogger.factory());
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: `http://localhost:${port}`,
          listen: { port, host: '127.0.0.1' },
          ...(server ? { server } : {}),
        },
      },
    }),
  );
  await backend.start();
  spy.mockRestore();
  return { backend, port, server: listening[0] };
}

/** Whether the server has closed an idle keep-alive connection after `idleMs`. */
async function closedAfterIdle(port: number, idleMs: number) {
  const socket = net.connect(port, '127.0.0.1');
  let closed = false;
  socket.on('close', () => {
    closed = true;
  });
  socket.on('data', () => {});
  socket.write(
    'GET /.backstage/health/v1/liveness HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n',
  );
  await new Promise(resolve => setTimeout(resolve, idleMs));
  socket.destroy();
  return closed;
}

describe('the backend’s HTTP server', () => {
  it('keeps idle connections for 75 s unless configured', async () => {
    const { backend, server } = await startBackend();
    try {
      expect(server.keepAliveTimeout).toBe(DEFAULT_KEEP_ALIVE_TIMEOUT_MS);
      expect(server.headersTimeout).toBe(DEFAULT_KEEP_ALIVE_TIMEOUT_MS + 1000);
    } finally {
      await backend.stop();
    }
  });

  it('keeps idle connections as long as backend.server.keepAliveTimeout says', async () => {
    const { backend, server, port } = await startBackend({
      keepAliveTimeout: 200,
    });
    try {
      expect(server.keepAliveTimeout).toBe(200);
      expect(server.headersTimeout).toBe(1200);
      expect(await closedAfterIdle(port, 100)).toBe(false);
      // Node waits a further second (its keep-alive buffer) before it closes.
      expect(await closedAfterIdle(port, 2000)).toBe(true);
    } finally {
      await backend.stop();
    }
  });
});

describe('releaseConnectionsOnClose', () => {
  it('closes a kept-alive connection as soon as its running request is answered, not after the keep-alive timeout', async () => {
    let answer: (() => void) | undefined;
    const server = http.createServer((_req, res) => {
      answer = () => res.end('done');
    });
    server.keepAliveTimeout = DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
    releaseConnectionsOnClose(server);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const agent = new http.Agent({ keepAlive: true });
    const response = new Promise<http.IncomingMessage>(resolve =>
      http.get({ port, host: '127.0.0.1', agent }, resolve),
    );
    while (!answer) await new Promise(r => setTimeout(r, 10));

    // Backstage's stop: idle connections closed (none yet), then close().
    server.closeIdleConnections();
    const started = Date.now();
    const closed = new Promise<void>(resolve => server.close(() => resolve()));
    answer();
    const res = await response;
    res.resume();
    expect(res.headers.connection).toBe('close');
    await closed;
    // Without the release, close() waits out the 75 s keep-alive timeout.
    expect(Date.now() - started).toBeLessThan(5_000);
    agent.destroy();
  });
});
