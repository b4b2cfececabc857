import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { createHmac } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { portalRootHttpRouterServiceFactory } from './rootHttpRouter';

const SECRET = 'rate-limit-test-secret';

/** The GitHub events modules, loaded directly (their feature loader uses import()). */
function eventsModulesGithub() {
  const dist = dirname(
    require.resolve('@backstage/plugin-events-backend-module-github'),
  );
  return ['eventsModuleGithubWebhook', 'eventsModuleGithubEventRouter'].map(
    name =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(join(dist, 'service', `${name}.cjs.js`)).default,
  );
}

/** A JWT-shaped token for a user, as the frontend sends; the probe route does not verify it. */
function tokenOf(userEntityRef: string) {
  const part = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES256' })}.${part({ sub: userEntityRef })}.c2ln`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** An address of this machine other than loopback. */
function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find(info => info && info.family === 'IPv4' && !info.internal)?.address;
}

const probePlugin = createBackendPlugin({
  pluginId: 'probe',
  register(reg) {
    reg.registerInit({
      deps: { http: coreServices.httpRouter },
      async init({ http }) {
        http.use((_req, res) => {
          res.json({ ok: true });
        });
        http.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});

describe('per-user rate limit', () => {
  const backend = createBackend();
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    backend.add(portalRootHttpRouterServiceFactory);
    // The default root logger reads every package's config schema to redact secrets.
    backend.add(mockServices.rootLogger.factory());
    backend.add(
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: `http://localhost:${port}`, listen: { port } },
          userRateLimit: {
            window: { minutes: 1 },
            requestsPerWindow: 3,
          },
          events: {
            modules: { github: { webhookSecret: SECRET } },
            // The bus's long polls end quickly, so the backend stops at once.
            notifyTimeoutMs: 1000,
          },
        },
      }),
    );
    // The events bus keeps its queue in memory when the database is not PostgreSQL.
    backend.add(
      mockServices.database.mock({
        getClient: async () =>
          ({ client: { config: { client: 'memory' } } } as any),
      }).factory,
    );
    // Token handling is the routes' business; the limit sits in front of it.
    backend.add(mockServices.auth.factory());
    backend.add(mockServices.httpAuth.factory());
    backend.add(probePlugin);
    backend.add(eventsPlugin);
    for (const module of eventsModulesGithub()) backend.add(module);
    await backend.start();
    // Loopback stays exempt (the plugins' calls to each other, here the events bus); the test
    // calls over this machine's own network address, as a browser through the ingress would.
    const address = externalAddress();
    if (!address) throw new Error('The test needs a non-loopback IPv4 address');
    baseUrl = `http://${address}:${port}`;
  });

  afterAll(() => backend.stop());

  const asUser = (user: string) =>
    fetch(`${baseUrl}/api/probe/ping`, {
      headers: { Authorization: `Bearer ${tokenOf(user)}` },
    });

  it('answers 429 once a user has spent the window’s budget, without starving other users', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await asUser('user:default/script.runner')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);

    const limited = await asUser('user:default/script.runner');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error.message).toMatch(
      /at most 3 per 60 s for each user/,
    );

    expect((await asUser('user:default/elena.rossi')).status).toBe(200);
  });

  it('limits callers without a token by their address', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await fetch(`${baseUrl}/api/probe/ping`)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('keeps taking GitHub webhook deliveries while the address is over its budget', async () => {
    for (let i = 0; i < 3; i++) await fetch(`${baseUrl}/api/probe/ping`);
    expect((await fetch(`${baseUrl}/api/probe/ping`)).status).toBe(429);

    const body = JSON.stringify({ zen: 'Keep it logically awesome.' });
    const signature = `sha256=${createHmac('sha256', SECRET)
      .update(body)
      .digest('hex')}`;
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const delivery = await fetch(`${baseUrl}/api/events/http/github`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-GitHub-Event': 'ping',
          'X-GitHub-Delivery': `delivery-${i}`,
          'X-Hub-Signature-256': signature,
        },
        body,
      });
      statuses.push(delivery.status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202]);
  });

  it('counts requests a proxy on loopback forwards, and not the backend’s own loopback calls', async () => {
    const loopback = baseUrl.replace(/\/\/[^:]+:/, '//127.0.0.1:');
    const viaLoopback = (headers: Record<string, string>) =>
      fetch(`${loopback}/api/probe/ping`, {
        headers: {
          Authorization: `Bearer ${tokenOf('user:default/sidecar.user')}`,
          ...headers,
        },
      }).then(r => r.status);

    const forwarded = [];
    for (let i = 0; i < 4; i++) {
      forwarded.push(await viaLoopback({ 'X-Forwarded-For': '203.0.113.9' }));
    }
    expect(forwarded).toEqual([200, 200, 200, 429]);
    expect(await viaLoopback({ Forwarded: 'for=203.0.113.9' })).toBe(429);

    // The same user's budget is spent, but a call made on loopback without a proxy is the
    // backend's own (a plugin calling another) and never limited.
    expect(await viaLoopback({})).toBe(200);
  });

  it('keeps health probes out of the limit', async () => {
    const health = await fetch(`${baseUrl}/.backstage/health/v1/liveness`);
    expect(health.status).toBe(200);
  });
});
