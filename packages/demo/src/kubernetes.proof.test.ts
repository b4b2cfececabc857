import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  kubeConfigFor,
  readClusters,
  readComponentDeployments,
} from '@internal/kubernetes-clusters';
import { loadClientForTests } from '@internal/kubernetes-clusters/testUtils';
import { serveDemoCluster } from '@internal/kubernetes-stand-in';
import { parse } from 'yaml';
import { REPOSITORY_ROOT } from './sampleCatalog';

jest.setTimeout(120_000);

const TOKEN = 'demo-cluster-token';

/** A pod's state as the Kubernetes tab shows it: a waiting reason, else its phase. */
function podState(pod: any): string {
  const waiting = pod.status?.containerStatuses?.find(
    (c: any) => c.state?.waiting,
  )?.state.waiting.reason;
  return waiting ?? pod.status?.phase;
}

/**
 * app-config.demo.yaml with the two variables the demo runner sets, as the config loader
 * substitutes them.
 */
function demoConfig(url: string) {
  const text = readFileSync(
    join(REPOSITORY_ROOT, 'app-config.demo.yaml'),
    'utf8',
  )
    .replace('${KUBERNETES_DEMO_URL}', url)
    .replace('${KUBERNETES_DEMO_TOKEN}', TOKEN);
  return new ConfigReader(parse(text));
}

/*
 * Backstage's Kubernetes backend loads @kubernetes/client-node with a dynamic import, which Jest
 * cannot run; the proof reads the demo cluster the way it does instead: the same client, the
 * request its fetcher sends for a component's pods (all namespaces, labelSelector
 * backstage.io/kubernetes-id=<id>), and the portal's own cluster list and Deployment reading.
 */
describe('the demo cluster, configured by app-config.demo.yaml', () => {
  let cluster: Awaited<ReturnType<typeof serveDemoCluster>>;
  const k8s = loadClientForTests();

  beforeAll(async () => {
    cluster = await serveDemoCluster({ token: TOKEN });
  });

  afterAll(async () => {
    await cluster?.close();
  });

  const target = () => {
    const { clusters } = readClusters(demoConfig(cluster.url));
    expect(clusters.map(c => c.name)).toEqual(['demo']);
    return clusters[0];
  };

  it.each([
    // The fixture's workloads: replicas, and which pods are in trouble.
    ['checkout-service', ['Running', 'Running', 'Running']],
    ['legacy-order-export', ['CrashLoopBackOff']],
    ['analytics-pipeline', ['Pending', 'Running']],
    ['identity-service', ['Running', 'Running']],
  ])("has %s's pods in the fixture's states", async (name, states) => {
    const core = kubeConfigFor(k8s, target()).makeApiClient(k8s.CoreV1Api);
    const pods = await core.listPodForAllNamespaces({
      labelSelector: `backstage.io/kubernetes-id=${name}`,
    });
    expect(pods.items.map(podState).sort()).toEqual([...states].sort());
    // Requests on every container, so a cost view can price them.
    for (const pod of pods.items) {
      expect(pod.spec?.containers[0].resources?.requests?.cpu).toBeTruthy();
      expect(pod.spec?.containers[0].resources?.requests?.memory).toBeTruthy();
    }
  });

  it("gives the deployments rows each service's Deployment in its production namespace", async () => {
    const found = await readComponentDeployments({
      cluster: target(),
      namespace: 'checkout-service-production',
      kubernetesId: 'checkout-service',
      timeoutMs: 10_000,
      logger: mockServices.logger.mock(),
      loadClient: async () => k8s,
    });
    expect(found.status).toBe('found');
    const [deployment] = found.status === 'found' ? found.deployments : [];
    expect(deployment.metadata?.name).toBe('checkout-service');
    expect(deployment.status?.readyReplicas).toBe(3);
  });

  it('refuses a request without the service account token', async () => {
    const res = await fetch(`${cluster.url}/api/v1/pods`);
    expect(res.status).toBe(401);
  });
});
