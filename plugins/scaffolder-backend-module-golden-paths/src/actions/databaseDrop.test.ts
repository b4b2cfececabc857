import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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
import { createDropDatabaseAction } from './databaseDrop';

const ADMIN_ENV = 'GOLDEN_PATHS_TEST_DB_ADMIN';
const TOKEN = 'portal-token';
const OWNER = 'user:default/elena.rossi';
const STRANGER = 'user:default/mallory';

/** A PermissionsService that allows `allowed` users and records what it was asked. */
function permissionsAllowing(...allowed: string[]) {
  return {
    authorize: jest.fn(async (requests: any[], { credentials }: any) =>
      requests.map(() => ({
        result: allowed.includes(credentials.principal.userEntityRef)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })),
    ),
    authorizeConditional: jest.fn(),
  };
}

function kubernetesConfig(url: string) {
  return {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [{ name: 'dev-cluster', url, serviceAccountToken: TOKEN }],
        },
      ],
    },
  };
}

function addNamespace(kube: FakeKubernetes, namespace: string) {
  kube.objects.set(`/api/v1/namespaces/${namespace}`, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
    manager: 'acme-golden-paths',
  });
}

const exists = (name: string) =>
  admin(async client => ({
    database:
      (
        await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
          name,
        ])
      ).rowCount === 1,
    role:
      (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]))
        .rowCount === 1,
  }));

describeWithPostgres('acme:database:drop (postgres provider)', () => {
  const run = randomBytes(4).toString('hex');
  const service = `gp-drop-${run}`;
  const foreign = `gp-drop-${run}-x`;
  const database = `${service}-dev`;
  const secretPath = `/api/v1/namespaces/${database}/secrets/${service}-db`;
  let kube: FakeKubernetes;

  const config = () =>
    new ConfigReader({
      goldenPaths: {
        databases: {
          environments: {
            dev: { provider: 'postgres', adminConnectionEnv: ADMIN_ENV },
          },
        },
      },
      ...kubernetesConfig(kube.url),
    });
  const drop = (permissions = permissionsAllowing(OWNER)) =>
    createDropDatabaseAction({
      config: config(),
      permissions: permissions as any,
      loadClient: loadClientForTests,
      env: { [ADMIN_ENV]: adminUrl },
    });
  const dropInput = (confirm: string, name = service) => ({
    name,
    environment: 'dev',
    confirm,
  });

  beforeAll(async () => {
    await loadClientForTests();
    kube = await startFakeKubernetes({ token: TOKEN });
    addNamespace(kube, database);
    addNamespace(kube, `${foreign}-dev`);
  }, 60_000);

  beforeEach(async () => {
    await createDatabaseAction({
      config: config(),
      loadClient: loadClientForTests,
      env: { [ADMIN_ENV]: adminUrl },
    }).handler(
      actionContext({ input: { name: service, environments: ['dev'] } }),
    );
  }, 60_000);

  afterAll(async () => {
    await kube?.close();
    await dropDatabasesAndRoles([database, `${foreign}-dev`]);
  });

  it('refuses without the database name typed as confirmation, naming the field', async () => {
    const permissions = permissionsAllowing(OWNER);
    for (const confirm of ['', service, `${service}-staging`, 'yes']) {
      await expect(
        drop(permissions).handler(
          actionContext({ input: dropInput(confirm), user: OWNER }),
        ),
      ).rejects.toThrow(
        `confirm: type the database's name, ${database}, to drop it`,
      );
    }
    expect(await exists(database)).toEqual({ database: true, role: true });
    expect(kube.objects.has(secretPath)).toBe(true);
  }, 60_000);

  it("refuses a user who owns neither the component nor the platform, asking for the service's component", async () => {
    const permissions = permissionsAllowing(OWNER);
    await expect(
      drop(permissions).handler(
        actionContext({ input: dropInput(database), user: STRANGER }),
      ),
    ).rejects.toThrow(
      `You may not drop the databases of component:default/${service}`,
    );
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'golden-paths.database.drop',
            resourceType: 'catalog-entity',
          }),
          resourceRef: `component:default/${service}`,
        },
      ],
      expect.anything(),
    );
    expect(await exists(database)).toEqual({ database: true, role: true });
    expect(kube.objects.has(secretPath)).toBe(true);
  }, 60_000);

  it('dry-run lists what it would drop and drops nothing', async () => {
    const ctx = actionContext({
      input: dropInput(database),
      user: OWNER,
      isDryRun: true,
    });
    await drop().handler(ctx);
    expect(JSON.stringify(ctx.logger.info.mock.calls)).toContain(
      `Dry run: would drop database ${database}`,
    );
    expect(await exists(database)).toEqual({ database: true, role: true });
    expect(kube.objects.has(secretPath)).toBe(true);
  }, 60_000);

  it('drops the database, its role and the Secret for an allowed user, even with a connection open', async () => {
    const url = kube.objects.get(secretPath).stringData.url as string;
    const service_ = new Client({ connectionString: url });
    await service_.connect();
    service_.on('error', () => {});
    const ctx = actionContext({ input: dropInput(database), user: OWNER });
    await drop().handler(ctx);
    await service_.end().catch(() => {});
    expect(ctx.output).toHaveBeenCalledWith('dropped', `dev/${database}`);
    expect(await exists(database)).toEqual({ database: false, role: false });
    expect(kube.objects.has(secretPath)).toBe(false);

    // A re-run finds nothing left and says so.
    const again = actionContext({ input: dropInput(database), user: OWNER });
    await drop().handler(again);
    expect(JSON.stringify(again.logger.info.mock.calls)).toContain(
      `database ${database} does not exist`,
    );
  }, 60_000);

  it('drops nothing the portal did not create', async () => {
    const name = `${foreign}-dev`;
    await admin(client =>
      client.query(`CREATE DATABASE ${escapeIdentifier(name)}`),
    );
    await expect(
      drop().handler(
        actionContext({ input: dropInput(name, foreign), user: OWNER }),
      ),
    ).rejects.toThrow(/was not created by the portal/);
    expect((await exists(name)).database).toBe(true);
  }, 60_000);
});

describe('acme:database:drop (cloudnativepg provider)', () => {
  let kube: FakeKubernetes;
  const clusterPath =
    '/apis/postgresql.cnpg.io/v1/namespaces/orders-api-dev/clusters/orders-api-db';
  const secretPath = '/api/v1/namespaces/orders-api-dev/secrets/orders-api-db';
  const config = () =>
    new ConfigReader({
      goldenPaths: {
        databases: {
          environments: {
            dev: { provider: 'cloudnativepg', storage: { size: '1Gi' } },
          },
        },
      },
      ...kubernetesConfig(kube.url),
    });

  beforeAll(async () => {
    await loadClientForTests();
  }, 60_000);

  beforeEach(async () => {
    kube = await startFakeKubernetes({ token: TOKEN });
    addNamespace(kube, 'orders-api-dev');
  });

  afterEach(() => kube.close());

  const drop = () =>
    createDropDatabaseAction({
      config: config(),
      permissions: permissionsAllowing(OWNER) as any,
      loadClient: loadClientForTests,
      env: {},
    });

  it('deletes the Cluster and the Secret the portal created', async () => {
    await createDatabaseAction({
      config: config(),
      loadClient: loadClientForTests,
      env: {},
    }).handler(
      actionContext({ input: { name: 'orders-api', environments: ['dev'] } }),
    );
    expect(kube.objects.has(clusterPath)).toBe(true);

    const dry = actionContext({
      input: {
        name: 'orders-api',
        environment: 'dev',
        confirm: 'orders-api-dev',
      },
      user: OWNER,
      isDryRun: true,
    });
    await drop().handler(dry);
    expect(kube.objects.has(clusterPath)).toBe(true);
    expect(kube.objects.has(secretPath)).toBe(true);

    await drop().handler(
      actionContext({
        input: {
          name: 'orders-api',
          environment: 'dev',
          confirm: 'orders-api-dev',
        },
        user: OWNER,
      }),
    );
    expect(kube.objects.has(clusterPath)).toBe(false);
    expect(kube.objects.has(secretPath)).toBe(false);
  });

  it("refuses a Cluster of that name that is not the portal's, and deletes nothing", async () => {
    kube.objects.set(clusterPath, {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'orders-api-db', namespace: 'orders-api-dev' },
      spec: { instances: 1, storage: { size: '1Gi' } },
      manager: 'kubectl',
    });
    await expect(
      drop().handler(
        actionContext({
          input: {
            name: 'orders-api',
            environment: 'dev',
            confirm: 'orders-api-dev',
          },
          user: OWNER,
        }),
      ),
    ).rejects.toThrow(/was not created by the portal/);
    expect(kube.objects.has(clusterPath)).toBe(true);
    expect(kube.requests.some(r => r.method === 'DELETE')).toBe(false);
  });

  it('refuses an environment that is not one of the three, naming the field', async () => {
    await expect(
      drop().handler(
        actionContext({
          input: {
            name: 'orders-api',
            environment: 'qa',
            confirm: 'orders-api-qa',
          },
          user: OWNER,
        }),
      ),
    ).rejects.toThrow(
      /^environment: "qa" is not one of dev, staging, production/,
    );
  });
});
