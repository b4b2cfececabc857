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
import { HOSTILE_SUFFIXES } from '../__testUtils__/hostile';
import { configuredSecrets, withRedactedOutput } from '../lib/redact';
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
      forbiddenNamespaces: ['orders-api-production'],
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
    // As the module registers it: log lines and errors redacted.
    const action = withRedactedOutput(
      createKubernetesEnvironmentAction({
        config,
        loadClient: loadClientForTests,
      }),
      configuredSecrets(config),
    );
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
    // Pod Security `restricted`, and the portal as its manager.
    expect(namespace.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'app.kubernetes.io/managed-by': 'acme-developer-portal',
    });
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
      // Never forced: fields another manager owns are a conflict, not taken over.
      expect(patch.query.get('force')).not.toBe('true');
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
      environments: ['production'],
    });
    await expect(done).rejects.toThrow(
      /Cluster "dev-cluster" refused to apply Namespace orders-api-production \(HTTP 403: namespaces "orders-api-production" is forbidden/,
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
      /role.yaml: "ClusterRole" cannot be applied by a golden path/,
    );
    fs.rmSync(path.join(workspace, 'k8s/base/role.yaml'));
    await expect(
      run(clusterConfig(kube.url), { cluster: 'prod' }).done,
    ).rejects.toThrow(
      /no cluster named "prod" is configured \(configured: dev-cluster\)/,
    );
    expect(kube.requests).toHaveLength(0);
  });

  describe('applies only what a golden path generates', () => {
    const write = (file: string, text: string) =>
      fs.writeFileSync(path.join(workspace, 'k8s/base', file), text);

    it.each([
      [
        'a Job',
        'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: orders-api\n',
        /job.yaml: "Job" cannot be applied by a golden path \(allowed: ServiceAccount, Service, Deployment, HorizontalPodAutoscaler, PodDisruptionBudget\)/,
      ],
      [
        'a Secret',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-api\n',
        /"Secret" cannot be applied/,
      ],
      [
        'a Namespace',
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: orders-api\n',
        /"Namespace" cannot be applied/,
      ],
      [
        'a Deployment of another API group',
        'apiVersion: evil.example/v1\nkind: Deployment\nmetadata:\n  name: orders-api\n',
        /Deployment must have apiVersion apps\/v1, not "evil.example\/v1"/,
      ],
      [
        'an object named after something else',
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: cluster-admin\n',
        /ServiceAccount "cluster-admin" is not named after the service; a golden path applies only objects named "orders-api"/,
      ],
      [
        'an object for another namespace',
        'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders-api\n  namespace: kube-system\n',
        /ServiceAccount kube-system\/orders-api is for namespace "kube-system"; a golden path applies objects only into orders-api-dev/,
      ],
    ])(
      'refuses %s before contacting the cluster',
      async (_, manifest, message) => {
        write('job.yaml', manifest);
        await expect(run(clusterConfig(kube.url)).done).rejects.toThrow(
          message,
        );
        expect(kube.requests).toHaveLength(0);
      },
    );

    it.each(
      ['owner', 'system', 'name'].flatMap(parameter =>
        HOSTILE_SUFFIXES.slice(0, 4).map(
          ([what, suffix]) => [parameter, what, suffix] as const,
        ),
      ),
    )(
      'refuses a hostile %s (%s) before contacting the cluster',
      async (parameter, _, suffix) => {
        const value = `${
          (input as Record<string, unknown>)[parameter]
        }${suffix}`;
        await expect(
          run(clusterConfig(kube.url), { [parameter]: value }).done,
        ).rejects.toThrow(new RegExp(`^${parameter}: `));
        expect(kube.requests).toHaveLength(0);
      },
    );

    it('refuses environments it does not know', async () => {
      await expect(
        run(clusterConfig(kube.url), { environments: ['kube-system'] }).done,
      ).rejects.toThrow(
        'environments: "kube-system" is not one of dev, staging, production',
      );
      expect(kube.requests).toHaveLength(0);
    });
  });

  describe('never takes over what it did not create', () => {
    const secretPath =
      '/api/v1/namespaces/orders-api-dev/secrets/orders-api-db';
    const seed = (labels: Record<string, string>, annotations = {}) => {
      kube.objects.set('/api/v1/namespaces/orders-api-dev', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'orders-api-dev', labels, annotations },
        manager: 'kubectl',
      });
      kube.objects.set(secretPath, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'orders-api-db', namespace: 'orders-api-dev' },
        data: { url: 'cG9zdGdyZXM6Ly9zZWNyZXQ=' },
        manager: 'kubectl',
      });
      return JSON.stringify([...kube.objects.entries()]);
    };

    it('refuses a namespace that exists without the portal as its manager', async () => {
      const before = seed({ team: 'payments' });
      const { done } = run(clusterConfig(kube.url), { environments: ['dev'] });
      await expect(done).rejects.toThrow(
        'Namespace orders-api-dev already exists on cluster "dev-cluster" and was not created by the portal for this service; the portal does not take over namespaces it did not create.',
      );
      await expect(done).rejects.toMatchObject({ name: 'ConflictError' });
      expect(kube.requests.filter(r => r.method === 'PATCH')).toHaveLength(0);
      expect(JSON.stringify([...kube.objects.entries()])).toBe(before);
    });

    it('refuses a portal namespace of another service or another team', async () => {
      seed({
        'app.kubernetes.io/managed-by': 'acme-developer-portal',
        'backstage.io/kubernetes-id': 'orders',
      });
      await expect(
        run(clusterConfig(kube.url), { environments: ['dev'] }).done,
      ).rejects.toThrow(/was not created by the portal for this service/);
      seed(
        {
          'app.kubernetes.io/managed-by': 'acme-developer-portal',
          'backstage.io/kubernetes-id': 'orders-api',
        },
        { 'acme.example/owner': 'group:default/storefront-team' },
      );
      await expect(
        run(clusterConfig(kube.url), { environments: ['dev'] }).done,
      ).rejects.toThrow(
        'Namespace orders-api-dev on cluster "dev-cluster" belongs to group:default/storefront-team, not group:default/payments-team',
      );
      expect(kube.requests.filter(r => r.method === 'PATCH')).toHaveLength(0);
    });

    it('does not force fields another manager owns in its own namespace', async () => {
      await run(clusterConfig(kube.url), { environments: ['dev'] }).done;
      const deployment =
        '/apis/apps/v1/namespaces/orders-api-dev/deployments/orders-api';
      kube.objects.set(deployment, {
        ...kube.objects.get(deployment),
        manager: 'kubectl-client-side-apply',
      });
      const before = JSON.stringify(kube.objects.get(deployment));
      const { done } = run(clusterConfig(kube.url), { environments: ['dev'] });
      await expect(done).rejects.toThrow(
        /refused to apply Deployment orders-api-dev\/orders-api: another field manager owns it \(HTTP 409/,
      );
      expect(JSON.stringify(kube.objects.get(deployment))).toBe(before);
    });
  });

  describe('keeps secrets out of the task log', () => {
    it('redacts the service account token from a cluster answer that repeats it', async () => {
      const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb3J0YWwifQ.c2lnbmF0dXJl';
      const leaky = await startFakeKubernetes({
        token: 'another-token',
        revealToken: true,
      });
      try {
        const { ctx, done } = run(clusterConfig(leaky.url, token));
        const error = await done.then(
          () => undefined,
          e => e as Error,
        );
        expect(error?.message).toMatch(/HTTP 401/);
        expect(error?.message).toContain('[redacted]');
        expect(`${error?.message}${error?.stack}`).not.toContain(token);
        const logged = JSON.stringify(
          (ctx.logger.info as jest.Mock).mock.calls,
        );
        expect(logged).not.toContain(token);
      } finally {
        await leaky.close();
      }
    });
  });
});
