import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  deploymentObject,
  KubernetesStandIn,
  loadClientForTests,
  startKubernetesStandIn,
  startSilentServer,
} from '@internal/kubernetes-clusters/testUtils';
import { createClusterVersions } from './createClusterVersions';

const TOKEN = 'portal-sa-token';
const SHA = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
const checkout = { name: 'checkout', kubernetesId: 'checkout' };

function configFor(
  clusters: object[],
  environments?: object[],
  extra: object = {},
) {
  return new ConfigReader({
    kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] },
    deployments: { ...(environments ? { environments } : {}), ...extra },
  });
}

const versionsFor = (config: ConfigReader) =>
  createClusterVersions({
    config,
    logger: mockServices.logger.mock(),
    loadClient: async () => loadClientForTests(),
  });

describe('createClusterVersions', () => {
  let cluster: KubernetesStandIn;

  beforeAll(async () => {
    cluster = await startKubernetesStandIn({
      token: TOKEN,
      forbiddenNamespaces: ['checkout-production'],
      deployments: [
        deploymentObject({
          name: 'checkout',
          namespace: 'checkout-staging',
          image: `ghcr.io/acme/checkout:${SHA}`,
          replicas: 2,
          ready: 2,
        }),
        // the worker of the same component, mid-rollout and labelled with its version
        deploymentObject({
          name: 'checkout-worker',
          kubernetesId: 'checkout',
          namespace: 'checkout-staging',
          image: 'ghcr.io/acme/checkout-worker:latest',
          version: '1.4.0',
          replicas: 3,
          ready: 1,
          updated: 1,
        }),
        // another component in the same namespace is not ours
        deploymentObject({
          name: 'payments',
          namespace: 'checkout-staging',
          image: 'ghcr.io/acme/payments:9',
          replicas: 1,
          ready: 1,
        }),
        deploymentObject({
          name: 'checkout',
          namespace: 'checkout-dev',
          image: 'ghcr.io/acme/checkout:4d5e6f7',
          replicas: 1,
          ready: 0,
          progressDeadlineExceeded: true,
        }),
      ],
    });
  });

  afterAll(() => cluster.close());

  const standInCluster = () => ({
    name: 'stand-in',
    url: cluster.url,
    authProvider: 'serviceAccount',
    serviceAccountToken: TOKEN,
  });

  it("reads the component's Deployments in its namespace: version, replicas and rollout", async () => {
    const versions = versionsFor(configFor([standInCluster()]));
    expect(await versions.read('staging', checkout)).toEqual({
      status: 'running',
      cluster: 'stand-in',
      namespace: 'checkout-staging',
      workloads: [
        {
          name: 'checkout',
          image: `ghcr.io/acme/checkout:${SHA}`,
          version: SHA,
          desiredReplicas: 2,
          readyReplicas: 2,
          rollout: 'complete',
        },
        {
          name: 'checkout-worker',
          image: 'ghcr.io/acme/checkout-worker:latest',
          version: '1.4.0',
          desiredReplicas: 3,
          readyReplicas: 1,
          rollout: 'progressing',
        },
      ],
    });
    expect(cluster.requests).toContain(
      'GET /apis/apps/v1/namespaces/checkout-staging/deployments?labelSelector=backstage.io%2Fkubernetes-id%3Dcheckout',
    );
    expect(await versions.read('dev', checkout)).toMatchObject({
      status: 'running',
      workloads: [
        {
          version: '4d5e6f7',
          readyReplicas: 0,
          desiredReplicas: 1,
          rollout: 'failed',
        },
      ],
    });
  });

  it('says when the namespace has no Deployment of the component', async () => {
    const versions = versionsFor(configFor([standInCluster()]));
    expect(
      await versions.read('staging', {
        name: 'orders',
        kubernetesId: 'orders',
      }),
    ).toEqual({
      status: 'notFound',
      cluster: 'stand-in',
      namespace: 'orders-staging',
      message:
        'no Deployment labelled backstage.io/kubernetes-id=orders in namespace orders-staging on cluster "stand-in"',
    });
  });

  it('says the cluster refused the portal (403), without the answer body', async () => {
    const versions = versionsFor(configFor([standInCluster()]));
    expect(await versions.read('production', checkout)).toEqual({
      status: 'forbidden',
      cluster: 'stand-in',
      namespace: 'checkout-production',
      message:
        'cluster "stand-in" refused to list Deployments in checkout-production (HTTP 403); the portal\'s service account needs list on deployments there',
    });
  });

  it('says the cluster refused the portal without its token (401)', async () => {
    const versions = versionsFor(
      configFor([{ ...standInCluster(), serviceAccountToken: 'wrong' }]),
    );
    const state = await versions.read('staging', checkout);
    expect(state.status).toBe('forbidden');
    expect(state.message).toContain('HTTP 401');
    expect(JSON.stringify(state)).not.toContain('wrong');
  });

  it('says a cluster that does not answer in time is unreachable', async () => {
    const silent = await startSilentServer();
    try {
      const versions = versionsFor(
        configFor([{ ...standInCluster(), url: silent.url }], undefined, {
          clusterTimeoutMs: 300,
        }),
      );
      expect(await versions.read('staging', checkout)).toEqual({
        status: 'unreachable',
        cluster: 'stand-in',
        namespace: 'checkout-staging',
        message:
          'cluster "stand-in" could not be read (no answer within 300 ms)',
      });
      // the request was abandoned, not left hanging on the silent cluster
      await new Promise(resolve => setTimeout(resolve, 100));
      expect(await silent.openConnections()).toBe(0);
    } finally {
      await silent.close();
    }
  });

  it('says a cluster that refuses connections is unreachable', async () => {
    const closed = await startSilentServer();
    await closed.close();
    const versions = versionsFor(
      configFor([{ ...standInCluster(), url: closed.url }]),
    );
    const state = await versions.read('staging', checkout);
    expect(state.status).toBe('unreachable');
    expect(state.message).toMatch(/^cluster "stand-in" could not be read \(/);
  });

  it('reads each environment from its own cluster', async () => {
    const versions = versionsFor(
      configFor(
        [
          { ...standInCluster(), name: 'elsewhere', url: 'http://127.0.0.1:9' },
          standInCluster(),
        ],
        [
          { name: 'dev', cluster: 'elsewhere' },
          { name: 'staging', cluster: 'stand-in' },
        ],
      ),
    );
    expect(await versions.read('staging', checkout)).toMatchObject({
      status: 'running',
      cluster: 'stand-in',
    });
  });

  it('says so when no cluster is configured, and asks nobody', async () => {
    const versions = createClusterVersions({
      config: new ConfigReader({}),
      logger: mockServices.logger.mock(),
      loadClient: () => {
        throw new Error('no client should be loaded');
      },
    });
    expect(await versions.read('staging', checkout)).toEqual({
      status: 'notConfigured',
      message:
        'no Kubernetes cluster is configured (kubernetes.clusterLocatorMethods)',
    });
  });

  it("says so when the environment's cluster signs in with each user's credentials", async () => {
    const versions = versionsFor(
      configFor(
        [{ name: 'gke', url: 'https://gke.example', authProvider: 'google' }],
        [{ name: 'staging', cluster: 'gke' }],
      ),
    );
    expect(await versions.read('staging', checkout)).toEqual({
      status: 'notConfigured',
      message:
        'cluster "gke" signs in with each user\'s credentials (authProvider google); the portal cannot read it with its own',
    });
  });

  it('refuses to start with an environment naming a cluster that is not configured', () => {
    expect(() =>
      versionsFor(
        configFor([standInCluster()], [{ name: 'staging', cluster: 'nope' }]),
      ),
    ).toThrow(
      'deployments.environments[0].cluster: no cluster named "nope" in kubernetes.clusterLocatorMethods',
    );
  });

  it('never sends a name that cannot be a namespace or a label value to the cluster', async () => {
    const versions = versionsFor(configFor([standInCluster()]));
    const before = cluster.requests.length;
    expect(await versions.read('Staging_1', checkout)).toMatchObject({
      status: 'notFound',
      namespace: 'checkout-Staging_1',
    });
    expect(
      await versions.read('staging', {
        name: 'checkout',
        kubernetesId: 'checkout,app=x',
      }),
    ).toMatchObject({ status: 'notFound' });
    expect(cluster.requests.length).toBe(before);
  });
});
