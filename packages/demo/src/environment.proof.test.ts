import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { loadClientForTests } from '@internal/kubernetes-clusters/testUtils';
import { serveDemoCluster } from '@internal/kubernetes-stand-in';
import { createKubernetesEnvironmentAction } from '@internal/plugin-scaffolder-backend-module-golden-paths';

jest.setTimeout(120_000);

const TOKEN = 'demo-cluster-token';

/** What a golden path's k8s/base holds for a service (one object of each kind it may apply). */
function manifests(name: string) {
  const labels = `{ app.kubernetes.io/name: ${name} }`;
  return {
    'serviceaccount.yaml': `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n`,
    'deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 2
  selector:
    matchLabels: ${labels}
  template:
    metadata:
      labels: ${labels}
    spec:
      serviceAccountName: ${name}
      containers:
        - name: ${name}
          image: ghcr.io/acme-retail/${name}:1.0.0
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 512Mi }
`,
    'service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: ${labels}
  ports: [{ port: 80, targetPort: 8080 }]
`,
    'pdb.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${name}
spec:
  minAvailable: 1
  selector:
    matchLabels: ${labels}
`,
    'hpa.yaml': `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: ${name} }
  minReplicas: 2
  maxReplicas: 6
`,
    'kustomization.yaml': 'resources: []\n',
  };
}

/** The demo's configuration of the `demo` cluster (app-config.demo.yaml), with its variables set. */
function demoClusterConfig(url: string, token = TOKEN) {
  return new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'demo',
              url,
              authProvider: 'serviceAccount',
              serviceAccountToken: token,
              skipTLSVerify: true,
              skipMetricsLookup: true,
            },
          ],
        },
      ],
    },
  });
}

/*
 * The golden paths' environment action (`acme:kubernetes:environment`, as "Add an environment"
 * and the service templates run it) against the demo cluster, with the real
 * @kubernetes/client-node: resource discovery, reads and server-side apply over HTTP.
 */
describe('the environment action on the demo cluster', () => {
  let cluster: Awaited<ReturnType<typeof serveDemoCluster>>;
  let workspace: string;

  beforeAll(() => loadClientForTests(), 60_000);

  beforeEach(async () => {
    cluster = await serveDemoCluster({ token: TOKEN });
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-environment-'));
  });

  afterEach(async () => {
    await cluster.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function run(
    input: {
      name: string;
      owner: string;
      system?: string;
      environments: string[];
      dryRun?: boolean;
    },
    token = TOKEN,
  ) {
    const base = path.join(workspace, 'k8s/base');
    fs.mkdirSync(base, { recursive: true });
    for (const [file, text] of Object.entries(manifests(input.name))) {
      fs.writeFileSync(path.join(base, file), text);
    }
    const action = createKubernetesEnvironmentAction({
      config: demoClusterConfig(cluster.url, token),
      loadClient: async () => loadClientForTests(),
    });
    const ctx = createMockActionContext({ input, workspacePath: workspace });
    await action.handler(ctx as any);
    return ctx.output as jest.Mock;
  }

  const stored = (kind: string, namespace: string | undefined, name: string) =>
    cluster.objects.find(
      o =>
        o.kind === kind &&
        o.metadata?.name === name &&
        o.metadata?.namespace === namespace,
    );

  it("creates a new service's environments: labelled namespaces, quotas, limits and its workloads", async () => {
    const output = await run({
      name: 'orders-api',
      owner: 'group:default/payments-team',
      system: 'system:default/checkout',
      environments: ['dev', 'staging'],
    });
    expect(output).toHaveBeenCalledWith('cluster', 'demo');
    expect(output).toHaveBeenCalledWith('namespaces', [
      'orders-api-dev',
      'orders-api-staging',
    ]);
    for (const environment of ['dev', 'staging']) {
      const ns = `orders-api-${environment}`;
      const namespace = stored('Namespace', undefined, ns);
      expect(namespace.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'acme-developer-portal',
        'backstage.io/kubernetes-id': 'orders-api',
        'acme.example/owner': 'payments-team',
        'acme.example/environment': environment,
        'pod-security.kubernetes.io/enforce': 'restricted',
      });
      expect(namespace.metadata.managedFields).toEqual([
        expect.objectContaining({
          manager: 'acme-golden-paths',
          operation: 'Apply',
        }),
      ]);
      expect(
        stored('ResourceQuota', ns, 'golden-path-quota').spec.hard,
      ).toBeDefined();
      expect(
        stored('LimitRange', ns, 'golden-path-limits').spec.limits[0].default,
      ).toEqual({ cpu: '500m', memory: '512Mi' });
      for (const kind of [
        'ServiceAccount',
        'Deployment',
        'Service',
        'PodDisruptionBudget',
        'HorizontalPodAutoscaler',
      ]) {
        expect({
          kind,
          labels: stored(kind, ns, 'orders-api')?.metadata.labels,
        }).toEqual({
          kind,
          labels: expect.objectContaining({
            'backstage.io/kubernetes-id': 'orders-api',
            'acme.example/environment': environment,
          }),
        });
      }
    }
    // What the Kubernetes tab then lists for the service, by its label, across namespaces.
    const res = await fetch(
      `${cluster.url}/apis/apps/v1/deployments?labelSelector=backstage.io/kubernetes-id%3Dorders-api`,
      { headers: { authorization: `Bearer ${TOKEN}` } },
    );
    const list = await res.json();
    expect(list.items.map((d: any) => d.metadata.namespace).sort()).toEqual([
      'orders-api-dev',
      'orders-api-staging',
    ]);
  });

  it('is idempotent: a re-run applies the same objects and adds none', async () => {
    const input = {
      name: 'orders-api',
      owner: 'group:default/payments-team',
      environments: ['dev'],
    };
    const first = await run(input);
    const count = cluster.objects.length;
    const second = await run(input);
    expect(cluster.objects.length).toBe(count);
    const applied = (output: jest.Mock) =>
      output.mock.calls.find(([key]) => key === 'applied')?.[1];
    expect(applied(second)).toEqual(applied(first));
  });

  it('stores nothing on a server-side dry run', async () => {
    const before = JSON.stringify(cluster.objects);
    const output = await run({
      name: 'orders-api',
      owner: 'group:default/payments-team',
      environments: ['dev'],
      dryRun: true,
    });
    expect(output).toHaveBeenCalledWith(
      'applied',
      expect.arrayContaining(['Namespace orders-api-dev']),
    );
    expect(JSON.stringify(cluster.objects)).toBe(before);
    expect(cluster.requests).toContainEqual(
      expect.stringMatching(
        /^PATCH \/api\/v1\/namespaces\/orders-api-dev\?.*dryRun=All/,
      ),
    );
  });

  it("updates a demo service's production namespace for its own team, and refuses it to another", async () => {
    await run({
      name: 'checkout-service',
      owner: 'group:default/payments-team',
      system: 'system:default/checkout',
      environments: ['production'],
    });
    const deployment = stored(
      'Deployment',
      'checkout-service-production',
      'checkout-service',
    );
    expect(deployment.spec.template.spec.containers[0].image).toBe(
      'ghcr.io/acme-retail/checkout-service:1.0.0',
    );

    await expect(
      run({
        name: 'checkout-service',
        owner: 'group:default/storefront-team',
        environments: ['production'],
      }),
    ).rejects.toThrow(
      'belongs to group:default/payments-team, not group:default/storefront-team',
    );
  });

  it("fails clearly when the cluster refuses the portal's token", async () => {
    await expect(
      run(
        {
          name: 'orders-api',
          owner: 'group:default/payments-team',
          environments: ['dev'],
        },
        'not-the-token',
      ),
    ).rejects.toThrow(
      /Cluster "demo" refused to apply Namespace orders-api-dev \(HTTP 401/,
    );
  });
});
