import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import net from 'node:net';
import { portalRootHttpRouterServiceFactory } from './rootHttpRouter';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A route that answers only when the test opens the gate, counting how many run at once. */
const work = {
  running: 0,
  mostAtOnce: 0,
  gate: Promise.resolve(),
  open: () => {},
};
function closeGate() {
  work.gate = new Promise(resolve => {
    work.open = resolve;
  });
}

const slowPlugin = createBackendPlugin({
  pluginId: 'slow',
  register(reg) {
    reg.registerInit({
      deps: { http: coreServices.httpRouter },
      async init({ http }) {
        http.use(async (_req, res) => {
          work.running += 1;
          work.mostAtOnce = Math.max(work.mostAtOnce, work.running);
          await work.gate;
          work.running -= 1;
          res.json({ ok: true });
        });
        http.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

const until = async (check: () => boolean) => {
  while (!check()) await new Promise(resolve => setTimeout(resolve, 10));
};

describe('requests in flight', () => {
  const backend = createBackend();
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    backend.add(portalRootHttpRouterServiceFactory);
    backend.add(mockServices.rootLogger.factory());
    backend.add(
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: `http://localhost:${port}`,
            listen: { port, host: '127.0.0.1' },
          },
          requestConcurrency: { maxInFlight: 2, maxQueued: 2 },
        },
      }),
    );
    backend.add(mockServices.auth.factory());
    backend.add(mockServices.httpAuth.factory());
    backend.add(slowPlugin);
    await backend.start();
    baseUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(() => backend.stop());

  // As through a load balancer: forwarded requests are counted, the backend's own are not.
  const slow = (
    headers: Record<string, string> = { 'X-Forwarded-For': '203.0.113.7' },
  ) => fetch(`${baseUrl}/api/slow/work`, { headers }).then(r => r.status);

  it('works on at most maxInFlight at once, queues the rest, answers health at once and 503 past the queue', async () => {
    closeGate();
    const admitted = [slow(), slow(), slow(), slow()];
    await until(() => work.running === 2);

    const started = Date.now();
    const readiness = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
    expect(readiness.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);

    // Two in flight and two waiting: the next one finds the queue full.
    expect(await slow()).toBe(503);
    expect(work.running).toBe(2);

    work.open();
    expect(await Promise.all(admitted)).toEqual([200, 200, 200, 200]);
    expect(work.mostAtOnce).toBe(2);
  });

  it('never queues the backend’s own loopback calls', async () => {
    closeGate();
    work.mostAtOnce = 0;
    const forwarded = [slow(), slow()];
    await until(() => work.running === 2);
    const own = slow({});
    await until(() => work.running === 3);
    work.open();
    expect(await Promise.all([...forwarded, own])).toEqual([200, 200, 200]);
  });

  it('lets a request that gave up while waiting leave the queue', async () => {
    closeGate();
    const inFlight = [slow(), slow()];
    await until(() => work.running === 2);
    const abandoned = new AbortController();
    const gaveUp = fetch(`${baseUrl}/api/slow/work`, {
      headers: { 'X-Forwarded-For': '203.0.113.7' },
      signal: abandoned.signal,
    }).catch(() => 'aborted');
    const waiting = slow();
    await new Promise(resolve => setTimeout(resolve, 50));
    abandoned.abort();
    expect(await gaveUp).toBe('aborted');
    await new Promise(resolve => setTimeout(resolve, 50));
    // The queue holds only the one still waiting: one more fits, the next does not.
    const more = [slow()];
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(await slow()).toBe(503);
    work.open();
    expect(await Promise.all([...inFlight, waiting, ...more])).toEqual([
      200, 200, 200, 200,
    ]);
  });
});
