import { ConfigReader } from '@backstage/config';
import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import { actionContext } from '../__testUtils__/context';
import {
  adminUrl,
  asAdmin as admin,
  describeWithPostgres,
  dropDatabasesAndRoles,
} from '../__testUtils__/postgresAdmin';
import {
  FakeKubernetes,
  loadClientForTests,
  startFakeKubernetes,
} from '../__testUtils__/fakeKubernetes';
import { createDatabaseAction } from './database';

const ADMIN_ENV = 'GOLDEN_PATHS_TEST_DB_ADMIN';

function withDatabase(database: string, url: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Connects with a URL as the service would, or returns the error's message. */
async function tryConnect(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query(
      'SELECT current_user AS user, current_database() AS db',
    );
    return `${rows[0].user}@${rows[0].db}`;
  } catch (error) {
    return String((error as Error).message);
  } finally {
    await client.end().catch(() => {});
  }
}

describeWithPostgres('acme:database:create (postgres provider)', () => {
  const run = randomBytes(4).toString('hex');
  const names = [`gp-db-${run}-a`, `gp-db-${run}-b`, `gp-db-${run}-c`];
  let kube: FakeKubernetes;

  const config = (withCluster: boolean) =>
    new ConfigReader({
      goldenPaths: {
        databases: {
          environments: {
            dev: { provider: 'postgres', adminConnectionEnv: ADMIN_ENV },
          },
        },
      },
      ...(withCluster
        ? {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'dev-cluster',
                      url: kube.url,
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 'portal-token',
                    },
                  ],
                },
              ],
            },
          }
        : {}),
    });

  const action = (withCluster: boolean) =>
    createDatabaseAction({
      config: config(withCluster),
      loadClient: loadClientForTests,
      env: { [ADMIN_ENV]: adminUrl },
    });

  beforeAll(async () => {
    await loadClientForTests();
    kube = await startFakeKubernetes({ token: 'portal-token' });
    // acme:kubernetes:environment runs first and creates the namespaces.
    for (const name of names) {
      kube.objects.set(`/api/v1/namespaces/${name}-dev`, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: `${name}-dev` },
        manager: 'acme-golden-paths',
      });
    }
  }, 60_000);

  afterAll(async () => {
    await kube?.close();
    await dropDatabasesAndRoles(names.map(name => `${name}-dev`));
  });

  it('creates the database and a role that reaches only it, and writes the Secret', async () => {
    const [a, b] = names;
    const ctxB = actionContext({ input: { name: b, environments: ['dev'] } });
    await action(false).handler(ctxB);
    const urlB = ctxB.output.mock.calls.find(
      ([key]: [string]) => key === 'handover',
    )[1].dev as string;

    const ctx = actionContext({ input: { name: a, environments: ['dev'] } });
    await action(true).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('databases', [`dev/${a}-dev`]);
    expect(ctx.output).toHaveBeenCalledWith(
      'resourceRef',
      `resource:default/${a}-db`,
    );
    expect(
      ctx.output.mock.calls.find(([key]: [string]) => key === 'handover'),
    ).toBeUndefined();

    const secret = kube.objects.get(
      `/api/v1/namespaces/${a}-dev/secrets/${a}-db`,
    );
    expect(secret).toBeDefined();
    const url: string = secret.stringData.url;
    expect(new URL(url).username).toBe(`${a}-dev`);
    // The password is in neither the output nor the log.
    const password = decodeURIComponent(new URL(url).password);
    expect(password.length).toBeGreaterThanOrEqual(40);
    expect(JSON.stringify(ctx.output.mock.calls)).not.toContain(password);
    expect(JSON.stringify(ctx.logger.info.mock.calls)).not.toContain(password);

    expect(await tryConnect(url)).toBe(`${a}-dev@${a}-dev`);
    // Its own tables, in its own database.
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE TABLE orders (id int primary key)');
    await client.end();
    // Another service's database and the admin database are out of reach.
    expect(await tryConnect(withDatabase(`${b}-dev`, url))).toMatch(
      /permission denied/,
    );
    expect(await tryConnect(urlB)).toBe(`${b}-dev@${b}-dev`);
    expect(await tryConnect(withDatabase(`${a}-dev`, urlB))).toMatch(
      /permission denied/,
    );
  }, 60_000);

  it('re-runs without loss: the data stays, a new password replaces the old', async () => {
    const [a] = names;
    const hash = () =>
      admin(async client => {
        const { rows } = await client.query(
          'SELECT rolpassword FROM pg_authid WHERE rolname = $1',
          [`${a}-dev`],
        );
        return rows[0].rolpassword as string;
      });
    const hashBefore = await hash();
    const before = kube.objects.get(
      `/api/v1/namespaces/${a}-dev/secrets/${a}-db`,
    ).stringData.url as string;
    await action(true).handler(
      actionContext({ input: { name: a, environments: ['dev'] } }),
    );
    const after = kube.objects.get(
      `/api/v1/namespaces/${a}-dev/secrets/${a}-db`,
    ).stringData.url as string;
    expect(after).not.toBe(before);
    // The server trusts local connections, so the old password is checked by its hash.
    expect(await hash()).not.toBe(hashBefore);
    expect(await hash()).toMatch(/^SCRAM-SHA-256\$/);
    const client = new Client({ connectionString: after });
    await client.connect();
    const { rows } = await client.query('SELECT count(*) FROM orders');
    await client.end();
    expect(rows[0].count).toBe('0');
  }, 60_000);

  it('dry-run creates nothing', async () => {
    const c = names[2];
    const ctx = actionContext({
      input: { name: c, environments: ['dev'] },
      isDryRun: true,
    });
    await action(true).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('databases', [`dev/${c}-dev`]);
    const exists = await admin(client =>
      client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        `${c}-dev`,
      ]),
    );
    expect(exists.rowCount).toBe(0);
    expect(
      kube.objects.has(`/api/v1/namespaces/${c}-dev/secrets/${c}-db`),
    ).toBe(false);
  }, 60_000);

  it('refuses a database of that name the portal did not create', async () => {
    const c = names[2];
    await admin(client =>
      client.query(`CREATE DATABASE ${escapeIdentifier(`${c}-dev`)}`),
    );
    await expect(
      action(true).handler(
        actionContext({ input: { name: c, environments: ['dev'] } }),
      ),
    ).rejects.toThrow(/already exists and was not created by the portal/);
    const role = await admin(client =>
      client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [`${c}-dev`]),
    );
    expect(role.rowCount).toBe(0);
  }, 60_000);

  it('refuses hostile names before reaching the server', async () => {
    for (const name of ['a"; DROP DATABASE postgres; --', 'A', "x'y"]) {
      await expect(
        action(false).handler(
          actionContext({ input: { name, environments: ['dev'] } }),
        ),
      ).rejects.toThrow(/name:/);
    }
  });
});
