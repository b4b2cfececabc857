import { ConfigReader } from '@backstage/config';
import { actionContext } from '../__testUtils__/context';
import {
  cnpgClusterProblems,
  FakeKubernetes,
  loadClientForTests,
  startFakeKubernetes,
} from '../__testUtils__/fakeKubernetes';
import { cnpgCluster, CnpgClusters } from '../lib/cnpgClusters';
import { readDatabaseEnvironment } from '../lib/databaseProviders';
import { createDatabaseAction } from './database';

const TOKEN = 'portal-token-cnpg';

function config(options: { kubeUrl?: string; backup?: boolean } = {}) {
  return new ConfigReader({
    goldenPaths: {
      databases: {
        environments: {
          dev: {
            provider: 'cloudnativepg',
            storage: { size: '5Gi', storageClass: 'fast' },
          },
          production: {
            provider: 'cloudnativepg',
            instances: 3,
            storage: { size: '50Gi' },
            ...(options.backup
              ? {
                  backup: {
                    destinationPath: 's3://acme-db-backups/production/',
                    credentialsSecret: 'db-backup-credentials',
                    retentionPolicy: '14d',
                  },
                }
              : {}),
          },
        },
      },
    },
    ...(options.kubeUrl
      ? {
          kubernetes: {
            clusterLocatorMethods: [
              {
                type: 'config',
                clusters: [
                  {
                    name: 'dev-cluster',
                    url: options.kubeUrl,
                    serviceAccountToken: TOKEN,
                  },
                ],
              },
            ],
          },
        }
      : {}),
  });
}

const clusterPath = (name: string, env: string) =>
  `/apis/postgresql.cnpg.io/v1/namespaces/${name}-${env}/clusters/${name}-db`;
const secretPath = (name: string, env: string) =>
  `/api/v1/namespaces/${name}-${env}/secrets/${name}-db`;

describe('acme:database:create (cloudnativepg provider)', () => {
  let kube: FakeKubernetes;
  const action = (backup = false) =>
    createDatabaseAction({
      config: config({ kubeUrl: kube.url, backup }),
      loadClient: loadClientForTests,
      env: {},
    });

  beforeAll(async () => {
    await loadClientForTests();
  }, 60_000);

  beforeEach(async () => {
    kube = await startFakeKubernetes({ token: TOKEN });
    for (const ns of [
      'orders-api-dev',
      'orders-api-production',
      'billing-dev',
    ]) {
      kube.objects.set(`/api/v1/namespaces/${ns}`, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
        manager: 'acme-golden-paths',
      });
    }
  });

  afterEach(async () => {
    await kube.close();
  });

  it('writes the owner Secret, then a Cluster bootstrapped with the database and owner named after the service', async () => {
    const ctx = actionContext({
      input: { name: 'orders-api', environments: ['dev'] },
    });
    await action().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('databases', [
      'dev/orders-api-dev',
    ]);
    // The same catalog Resource as with the postgres provider: the template emits it.
    expect(ctx.output).toHaveBeenCalledWith(
      'resourceRef',
      'resource:default/orders-api-db',
    );

    const secret = kube.objects.get(secretPath('orders-api', 'dev'));
    expect(secret.type).toBe('kubernetes.io/basic-auth');
    expect(secret.stringData.username).toBe('orders-api-dev');
    const url = new URL(secret.stringData.url);
    expect(url.hostname).toBe('orders-api-db-rw.orders-api-dev.svc');
    expect(url.port).toBe('5432');
    expect(url.pathname).toBe('/orders-api-dev');
    expect(decodeURIComponent(url.password)).toBe(secret.stringData.password);
    expect(secret.stringData.password.length).toBeGreaterThanOrEqual(40);

    const cluster = kube.objects.get(clusterPath('orders-api', 'dev'));
    expect(cluster.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'acme-developer-portal',
      'backstage.io/kubernetes-id': 'orders-api',
    });
    expect(cluster.spec).toEqual({
      instances: 1,
      storage: { size: '5Gi', storageClass: 'fast' },
      bootstrap: {
        initdb: {
          database: 'orders-api-dev',
          owner: 'orders-api-dev',
          secret: { name: 'orders-api-db' },
        },
      },
    });
    // The Secret is applied before the Cluster is created: the operator reads it at bootstrap.
    const writes = kube.requests.filter(r =>
      ['PATCH', 'POST'].includes(r.method),
    );
    expect(writes.map(r => r.method)).toEqual(['PATCH', 'POST']);

    const { password } = secret.stringData;
    expect(JSON.stringify(ctx.output.mock.calls)).not.toContain(password);
    expect(JSON.stringify(ctx.logger.info.mock.calls)).not.toContain(password);
  });

  it('takes instances, storage and backups from the environment', async () => {
    await action(true).handler(
      actionContext({
        input: { name: 'orders-api', environments: ['production'] },
      }),
    );
    const { spec } = kube.objects.get(clusterPath('orders-api', 'production'));
    expect(spec.instances).toBe(3);
    expect(spec.storage).toEqual({ size: '50Gi' });
    expect(spec.backup).toEqual({
      retentionPolicy: '14d',
      barmanObjectStore: {
        destinationPath:
          's3://acme-db-backups/production/orders-api-production',
        s3Credentials: {
          accessKeyId: { name: 'db-backup-credentials', key: 'ACCESS_KEY_ID' },
          secretAccessKey: {
            name: 'db-backup-credentials',
            key: 'ACCESS_SECRET_KEY',
          },
        },
      },
    });
  });

  it('re-runs as a no-op: the Cluster and the password stay', async () => {
    await action().handler(
      actionContext({ input: { name: 'orders-api', environments: ['dev'] } }),
    );
    const password = kube.objects.get(secretPath('orders-api', 'dev'))
      .stringData.password;
    const before = kube.requests.length;
    const ctx = actionContext({
      input: { name: 'orders-api', environments: ['dev'] },
    });
    await action().handler(ctx);
    const again = kube.requests.slice(before);
    expect(again.every(r => r.method === 'GET')).toBe(true);
    expect(
      kube.objects.get(secretPath('orders-api', 'dev')).stringData.password,
    ).toBe(password);
    expect(JSON.stringify(ctx.logger.info.mock.calls)).toContain(
      'exists as configured; nothing to do',
    );
  });

  it('leaves a Cluster of its own that differs from the defaults unchanged, and says so', async () => {
    await action().handler(
      actionContext({ input: { name: 'orders-api', environments: ['dev'] } }),
    );
    kube.objects.get(clusterPath('orders-api', 'dev')).spec.instances = 2;
    const ctx = actionContext({
      input: { name: 'orders-api', environments: ['dev'] },
    });
    await action().handler(ctx);
    expect(
      kube.objects.get(clusterPath('orders-api', 'dev')).spec.instances,
    ).toBe(2);
    expect(JSON.stringify(ctx.logger.info.mock.calls)).toContain(
      'differs from the environment',
    );
  });

  it.each([
    ['another tool', {}],
    [
      'another service',
      {
        'app.kubernetes.io/managed-by': 'acme-developer-portal',
        'backstage.io/kubernetes-id': 'billing',
      },
    ],
  ])(
    'refuses a Cluster of that name made by %s, and writes nothing',
    async (_, labels) => {
      kube.objects.set(clusterPath('orders-api', 'dev'), {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'Cluster',
        metadata: {
          name: 'orders-api-db',
          namespace: 'orders-api-dev',
          labels,
        },
        spec: { instances: 1, storage: { size: '1Gi' } },
        manager: 'kubectl',
      });
      await expect(
        action().handler(
          actionContext({
            input: { name: 'orders-api', environments: ['dev'] },
          }),
        ),
      ).rejects.toThrow(/was not created by the portal for orders-api/);
      expect(kube.objects.has(secretPath('orders-api', 'dev'))).toBe(false);
    },
  );

  it('dry-run checks for a conflicting Cluster, lists what it would do and writes nothing', async () => {
    const ctx = actionContext({
      input: { name: 'orders-api', environments: ['dev'] },
      isDryRun: true,
    });
    // A new service's namespace does not exist during a template's dry run.
    kube.objects.delete('/api/v1/namespaces/orders-api-dev');
    await action().handler(ctx);
    expect(kube.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      `GET ${clusterPath('orders-api', 'dev')}`,
    ]);
    expect(JSON.stringify(ctx.logger.info.mock.calls)).toContain(
      'Dry run: would create Cluster orders-api-dev/orders-api-db',
    );

    kube.objects.set(clusterPath('orders-api', 'dev'), {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: { name: 'orders-api-db', namespace: 'orders-api-dev' },
      manager: 'kubectl',
    });
    await expect(
      action().handler(
        actionContext({
          input: { name: 'orders-api', environments: ['dev'] },
          isDryRun: true,
        }),
      ),
    ).rejects.toThrow(/was not created by the portal/);
  });

  it.each([
    ['starting with a digit', '9lives'],
    ['too long for a Cluster name', `s${'x'.repeat(47)}`],
  ])('refuses a name %s before contacting the cluster', async (_, name) => {
    await expect(
      action().handler(
        actionContext({ input: { name, environments: ['dev'] } }),
      ),
    ).rejects.toThrow(/^name: the Cluster/);
    expect(kube.requests).toHaveLength(0);
  });

  it("gets the API server's refusal of an invalid Cluster, naming the fields", async () => {
    const clusters = await CnpgClusters.connect({
      cluster: {
        name: 'dev-cluster',
        url: kube.url,
        serviceAccountToken: TOKEN,
        skipTLSVerify: false,
      },
      loadClient: loadClientForTests,
    });
    const invalid = cnpgCluster(
      {
        service: 'orders-api',
        namespace: 'orders-api-dev',
        database: 'orders-api-dev',
      },
      { instances: 0, storage: { size: '1Gi' } },
    );
    await expect(clusters.create(invalid, false)).rejects.toThrow(
      /rejected Cluster orders-api-dev\/orders-api-db \(HTTP 422: .*spec\.instances: must be an integer of at least 1/,
    );
    expect(kube.objects.has(clusterPath('orders-api', 'dev'))).toBe(false);
  });

  it('needs a configured Kubernetes cluster', async () => {
    await expect(
      createDatabaseAction({ config: config(), env: {} }).handler(
        actionContext({ input: { name: 'orders-api', environments: ['dev'] } }),
      ),
    ).rejects.toThrow(/cloudnativepg, which needs a Kubernetes cluster/);
  });
});

describe('the CloudNativePG Cluster and its config', () => {
  it('is a Cluster the operator accepts, with and without backups', () => {
    for (const backup of [
      undefined,
      {
        destinationPath: 's3://b/dev',
        credentialsSecret: 'creds',
        retentionPolicy: '4w',
      },
    ]) {
      expect(
        cnpgClusterProblems(
          cnpgCluster(
            {
              service: 'orders-api',
              namespace: 'orders-api-dev',
              database: 'orders-api-dev',
            },
            { instances: 1, storage: { size: '1Gi' }, backup },
          ),
        ),
      ).toEqual([]);
    }
  });

  it('stands in for the operator by refusing what it would refuse', () => {
    const cluster = cnpgCluster(
      {
        service: 'orders-api',
        namespace: 'orders-api-dev',
        database: 'orders-api-dev',
      },
      { instances: 1, storage: { size: '1Gi' } },
    ) as any;
    expect(
      cnpgClusterProblems({
        ...cluster,
        metadata: { name: '9-lives-db' },
        spec: { ...cluster.spec, instances: 0, storage: {}, replicas: 2 },
      }),
    ).toEqual([
      'metadata.name: cluster name must be a valid DNS label',
      'spec.replicas: unknown field',
      'spec.instances: must be an integer of at least 1',
      'spec.storage.size: must be a quantity',
    ]);
  });

  it.each([
    [
      { provider: 'mysql' },
      /"mysql" is not supported \(supported: postgres, cloudnativepg\)/,
    ],
    [{ provider: 'cloudnativepg' }, /storage/],
    [
      { provider: 'cloudnativepg', storage: { size: 'lots' } },
      /storage.size must be a quantity/,
    ],
    [
      { provider: 'cloudnativepg', instances: 0, storage: { size: '1Gi' } },
      /instances must be an integer from 1 to 9/,
    ],
    [
      {
        provider: 'cloudnativepg',
        storage: { size: '1Gi' },
        backup: {
          destinationPath: 's3://b',
          credentialsSecret: 'c',
          retentionPolicy: '30 days',
        },
      },
      /retentionPolicy must be like 30d/,
    ],
  ])('refuses the config %j', (dev, error) => {
    expect(() =>
      readDatabaseEnvironment(
        new ConfigReader({
          goldenPaths: { databases: { environments: { dev } } },
        }),
        'dev',
      ),
    ).toThrow(error);
  });
});
