import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  kubeConfigFor,
  readClusters,
  readComponentDeployments,
} from '@internal/kubernetes-clusters';
import { loadClientForTests } from '@internal/kubernetes-clusters/testUtils';
import { serveDemoCluster } from '@internal/kubernetes-stand-in';
import { parse } from 'yaml';
import { startKubernetesBackend } from './__testUtils__/kubernetesBackend';
import { REPOSITORY_ROOT, SampleEntity, sampleEntities } from './sampleCatalog';

jest.setTimeout(180_000);

const TOKEN = 'demo-cluster-token';

/**
 * app-config.demo.yaml with the two variables the demo runner sets, as the config loader
 * substitutes them.
 */
function demoConfigData(url: string) {
  const text = readFileSync(
    join(REPOSITORY_ROOT, 'app-config.demo.yaml'),
    'utf8',
  )
    .replace('${KUBERNETES_DEMO_URL}', url)
    .replace('${KUBERNETES_DEMO_TOKEN}', TOKEN);
  return parse(text);
}

type PodCounts = { running: number; crashLooping: number; pending: number };

/**
 * What the fixture says each service runs, read from the fixture's own text and the catalog
 * (not from the stand-in's code): every component with a kubernetes-id runs the default
 * replicas unless listed; of its pods `crashLooping` restart in a loop, `pending` cannot be
 * scheduled, the rest run.
 */
function fixtureTruth(entities: SampleEntity[]): Map<string, PodCounts> {
  const fixture = parse(
    readFileSync(
      join(
        REPOSITORY_ROOT,
        'packages/kubernetes-stand-in/fixtures/demo-cluster.yaml',
      ),
      'utf8',
    ),
  );
  const truth = new Map<string, PodCounts>();
  for (const e of entities) {
    const id = e.metadata.annotations?.['backstage.io/kubernetes-id'];
    if (e.kind !== 'Component' || !id) continue;
    const w = fixture.workloads?.[id] ?? {};
    const replicas: number = w.replicas ?? fixture.defaults.replicas;
    const crashLooping: number = w.crashLooping ?? 0;
    const pending: number = w.pending ?? 0;
    truth.set(e.metadata.name, {
      running: replicas - crashLooping - pending,
      crashLooping,
      pending,
    });
  }
  return truth;
}

/**
 * A pod as the Kubernetes tab counts it: crash-looping when a container waits in
 * CrashLoopBackOff, pending in phase Pending, running when Running with every container ready.
 */
function countPods(pods: any[]): PodCounts {
  const counts: PodCounts = { running: 0, crashLooping: 0, pending: 0 };
  for (const pod of pods) {
    const statuses: any[] = pod.status?.containerStatuses ?? [];
    if (statuses.some(c => c.state?.waiting?.reason === 'CrashLoopBackOff')) {
      counts.crashLooping += 1;
    } else if (pod.status?.phase === 'Pending') {
      counts.pending += 1;
    } else if (
      pod.status?.phase === 'Running' &&
      statuses.length > 0 &&
      statuses.every(c => c.ready)
    ) {
      counts.running += 1;
    }
  }
  return counts;
}

describe('the demo cluster, configured by app-config.demo.yaml', () => {
  let cluster: Awaited<ReturnType<typeof serveDemoCluster>>;
  let backend: Awaited<ReturnType<typeof startKubernetesBackend>>;
  const entities = sampleEntities();
  const truth = fixtureTruth(entities);

  beforeAll(async () => {
    cluster = await serveDemoCluster({ token: TOKEN });
    backend = await startKubernetesBackend(
      demoConfigData(cluster.url),
      entities,
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await cluster?.close();
  });

  it("shows on each service's Kubernetes tab the pods the fixture says it runs", async () => {
    // The fixture puts pods in trouble: a crash loop and a pending pod are part of the check.
    const troubled = [...truth.values()];
    expect(troubled.some(t => t.crashLooping > 0)).toBe(true);
    expect(troubled.some(t => t.pending > 0)).toBe(true);
    expect(truth.size).toBeGreaterThan(5);

    for (const [name, expected] of truth) {
      const entity = entities.find(
        e => e.kind === 'Component' && e.metadata.name === name,
      )!;
      // What the Kubernetes tab asks (KubernetesBackendClient.getObjectsByEntity).
      const res = await fetch(
        `${backend.url}/api/kubernetes/services/${name}`,
        {
          method: 'POST',
          headers: {
            authorization: mockCredentials.user.header(),
            'content-type': 'application/json',
          },
          body: JSON.stringify({ entity, auth: {} }),
        },
      );
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.items.map((i: any) => i.cluster.name)).toEqual(['demo']);
      const [demo] = body.items;
      expect(demo.errors).toEqual([]);
      const pods =
        demo.resources.find((r: any) => r.type === 'pods')?.resources ?? [];
      expect({ name, ...countPods(pods) }).toEqual({ name, ...expected });
      // Requests on every container, so the costs can price them.
      for (const pod of pods) {
        expect(pod.spec.containers[0].resources.requests.cpu).toBeTruthy();
        expect(pod.spec.containers[0].resources.requests.memory).toBeTruthy();
      }
      const deployments =
        demo.resources.find((r: any) => r.type === 'deployments')?.resources ??
        [];
      expect(deployments.map((d: any) => d.metadata.name)).toEqual([
        entity.metadata.annotations!['backstage.io/kubernetes-id'],
      ]);
    }
  });

  it("gives the deployments rows each service's Deployment in its production namespace", async () => {
    const k8s = loadClientForTests();
    const [target] = readClusters(
      new ConfigReader(demoConfigData(cluster.url)),
    ).clusters;
    expect(target.name).toBe('demo');
    const found = await readComponentDeployments({
      cluster: target,
      namespace: 'checkout-service-production',
      kubernetesId: 'checkout-service',
      timeoutMs: 10_000,
      logger: mockServices.logger.mock(),
      loadClient: async () => k8s,
    });
    expect(found.status).toBe('found');
    const [deployment] = found.status === 'found' ? found.deployments : [];
    expect(deployment.metadata?.name).toBe('checkout-service');
    expect(deployment.status?.readyReplicas).toBe(
      truth.get('checkout-service')!.running,
    );
    // The same client, as the Kubernetes plugin's fetcher: pods of a service by label.
    const core = kubeConfigFor(k8s, target).makeApiClient(k8s.CoreV1Api);
    const pods = await core.listPodForAllNamespaces({
      labelSelector: 'backstage.io/kubernetes-id=legacy-order-export',
    });
    expect(countPods(pods.items)).toEqual(truth.get('legacy-order-export'));
  });

  it('refuses a request without the service account token', async () => {
    const res = await fetch(`${cluster.url}/api/v1/pods`);
    expect(res.status).toBe(401);
  });
});
