import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  FakeKubernetes,
  loadClientForTests,
  startFakeKubernetes,
  startSilentServer,
} from '../__testUtils__/fakeKubernetes';
import { mockLogger } from '../__testUtils__/context';
import { createKubernetesEnvironmentAction } from './kubernetesEnvironment';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-api
spec:
  replicas: 2
  selector:
    matchLabels: { app.kubernetes.io/name: orders-api }
  template:
    metadata:
      labels: { app.kubernetes.io/name: orders-api }
    spec:
      containers:
        - name: orders-api
          image: ghcr.io/acme-retail/orders-api:latest
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: orders-api
spec:
  selector: { app.kubernetes.io/name: orders-api }
  ports: [{ port: 80, targetPort: 8080 }]
`;

function clusterConfig(url: string, token = 'portal-token') {
  return new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'dev-cluster',
              url,
              authProvider: 'serviceAccount',
              serviceAccountToken: token,
            },
          ],
        },
      ],
    },
  });
}

describe('acme:kubernetes:environment', () => {
  let workspace: string;

  // The first load of @kubernetes/client-node takes a few seconds.
  beforeAll(() => loadClientForTests(), 60_000);
  let kube: FakeKubernetes;

  beforeEach(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-k8s-'));
    fs.mkdirSync(path.join(workspace, 'k8s/base'), { recursive: true });
    fs.writeFileSync(
      path.join(workspace, 'k8s/base/deployment.yaml'),
      DEPLOYMENT,
    );
    fs.writeFileSync(path.join(workspace, 'k8s/base/service.yaml'), SERVICE);
    fs.writeFileSync(
      path.join(workspace, 'k8s/base/kustomization.yaml'),
      'resources: []\n',
    );
    kube = await startFakeKubernetes({
      token: 'portal-token',
      forbiddenNamespaces: ['locked-dev'],
    });
  });

  afterEach(async () => {
    await kube.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const input = {
    name: 'orders-api',
    owner: 'group:default/payments-team',
    system: 'system:default/checkout',
    environments: ['dev', 'staging'],
  };

  function run(
    config: ConfigReader,
    overrides: Record<string, unknown> = {},
    isDryRun = false,
  ) {
    const action = createKubernetesEnvironmentAction({
      config,
      loadClient: loadClientForTests,
    });
    const ctx = {
      ...createMockActionContext({
        input: { ...input, ...overrides } as any,
        workspacePath: workspace,
        logger: mockLogger() as any,
      }),
      isDryRun,
    };
    return { ctx, done: action.handler(ctx as any) };
  }

  it('is a no-op with a log line when no cluster is configured', async () => {
    const { ctx, done } = run(new ConfigReader({}));
    await done;
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('No Kubernetes cluster is configured'),
    );
    expect(ctx.output).toHaveBeenCalledWith('applied', []);
    expect(kube.requests).toHaveLength(0);
  });

  it('creates labelled namespaces, quotas, limit ranges and workloads with server-side apply', async () => {
    const { ctx, done } = run(clusterConfig(kube.url));
    await done;

    const namespace = kube.objects.get('/api/v1/namespaces/orders-api-dev');
    expect(namespace.metadata.labels).toMatchObject({
      'acme.example/owner': 'payments-team',
      'acme.example/system': 'checkout',
      'backstage.io/kubernetes-id': 'orders-api',
    });
    expect(namespace.metadata.annotations['acme.example/owner']).toBe(
      'group:default/payments-team',
    );
    const quota = kube.objects.get(
      '/api/v1/namespaces/orders-api-dev/resourcequotas/golden-path-quota',
    );
    expect(quota.spec.hard).toMatchObject({
      'requests.cpu': '1',
      'limits.memory': '4Gi',
      pods: '10',
    });
    const stagingQuota = kube.objects.get(
      '/api/v1/namespaces/orders-api-staging/resourcequotas/golden-path-quota',
    );
    expect(stagingQuota.spec.hard.pods).toBe('20');
    expect(
      kube.objects.get(
        '/api/v1/namespaces/orders-api-dev/limitranges/golden-path-limits',
      ).spec.limits[0].default,
    ).toEqual({ cpu: '500m', memory: '512Mi' });
    const deployment = kube.objects.get(
      '/apis/apps/v1/namespaces/orders-api-staging/deployments/orders-api',
    );
    expect(deployment.metadata.labels['backstage.io/kubernetes-id']).toBe(
      'orders-api',
    );
    expect(
      kube.objects.has(
        '/api/v1/namespaces/orders-api-staging/services/orders-api',
      ),
    ).toBe(true);

    const patches = kube.requests.filter(r => r.method === 'PATCH');
    expect(patches).toHaveLength(10); // 2 environments × (namespace, quota, limits, deployment, service)
    for (const patch of patches) {
      expect(patch.contentType).toBe('application/apply-patch+yaml');
      expect(patch.query.get('fieldManager')).toBe('acme-golden-paths');
      expect(patch.query.get('force')).toBe('true');
    }
    expect(ctx.output).toHaveBeenCalledWith('namespaces', [
      'orders-api-dev',
      'orders-api-staging',
    ]);
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'dev-cluster');
  });

  it('is idempotent: a re-run applies the same objects and changes nothing', async () => {
    await run(clusterConfig(kube.url)).done;
    const first = JSON.stringify([...kube.objects.entries()]);
    await run(clusterConfig(kube.url)).done;
    expect(JSON.stringify([...kube.objects.entries()])).toBe(first);
    expect(kube.objects.size).toBe(10);
  });

  it('supports a server-side dry run that persists nothing', async () => {
    // The fake server, like a real one, needs the namespace to exist for namespaced objects.
    const { ctx, done } = run(clusterConfig(kube.url), {
      environments: ['dev'],
      dryRun: true,
    });
    await expect(done).rejects.toThrow(/namespaces "orders-api-dev" not found/);
    expect(kube.objects.size).toBe(0);
    expect(
      kube.requests.find(r => r.method === 'PATCH')?.query.get('dryRun'),
    ).toBe('All');
    expect(ctx.output).not.toHaveBeenCalledWith('applied', expect.anything());
  });

  it('supports the scaffolder dry run without contacting the cluster', async () => {
    const { ctx, done } = run(clusterConfig(kube.url), {}, true);
    await done;
    expect(kube.requests).toHaveLength(0);
    expect(ctx.output).toHaveBeenCalledWith(
      'applied',
      expect.arrayContaining([
        'Namespace orders-api-dev',
        'Deployment orders-api-staging/orders-api',
      ]),
    );
  });

  it('fails clearly on a forbidden namespace and applies nothing after it', async () => {
    const { done } = run(clusterConfig(kube.url), {
      name: 'locked',
      environments: ['dev'],
    });
    await expect(done).rejects.toThrow(
      /Cluster "dev-cluster" refused to apply Namespace locked-dev \(HTTP 403: namespaces "locked-dev" is forbidden/,
    );
    expect(kube.objects.size).toBe(0);
    expect(kube.requests.filter(r => r.method === 'PATCH')).toHaveLength(1);
  });

  it('fails clearly when the token is refused', async () => {
    const { done } = run(clusterConfig(kube.url, 'wrong-token'));
    await expect(done).rejects.toThrow(/Cluster "dev-cluster" .*401/);
  });

  it('fails clearly when the cluster does not answer', async () => {
    const silent = await startSilentServer();
    try {
      const { done } = run(clusterConfig(silent.url), { timeoutSeconds: 1 });
      await expect(done).rejects.toThrow(
        new RegExp(
          `Cluster "dev-cluster" at ${silent.url} did not answer while applying Namespace orders-api-dev`,
        ),
      );
    } finally {
      await silent.close();
    }
  });

  it('fails clearly when nothing listens at the cluster URL', async () => {
    const closed = await startSilentServer();
    await closed.close();
    const { done } = run(clusterConfig(closed.url), { timeoutSeconds: 2 });
    await expect(done).rejects.toThrow(
      /did not answer while applying Namespace orders-api-dev: .*ECONNREFUSED/,
    );
  });

  it('refuses cluster-wide kinds and unknown clusters', async () => {
    fs.writeFileSync(
      path.join(workspace, 'k8s/base/role.yaml'),
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: x\n',
    );
    await expect(run(clusterConfig(kube.url)).done).rejects.toThrow(
      /role.yaml: ClusterRole cannot be applied by a golden path/,
    );
    fs.rmSync(path.join(workspace, 'k8s/base/role.yaml'));
    await expect(
      run(clusterConfig(kube.url), { cluster: 'prod' }).done,
    ).rejects.toThrow(
      /no cluster named "prod" is configured \(configured: dev-cluster\)/,
    );
    expect(kube.requests).toHaveLength(0);
  });
});
