import { mockServices } from '@backstage/backend-test-utils';
import { ClusterTarget } from './clusters';
import { readComponentDeployments } from './componentDeployments';
import { NoResponseError, withTimeout } from './timeout';
import {
  deploymentObject,
  KubernetesStandIn,
  loadClientForTests,
  startKubernetesStandIn,
  startSilentServer,
} from './__testUtils__';

const TOKEN = 'portal-sa-token';
const loadClient = async () => loadClientForTests();
const logger = mockServices.logger.mock();

describe('readComponentDeployments', () => {
  let standIn: KubernetesStandIn;
  let cluster: ClusterTarget;

  beforeAll(async () => {
    standIn = await startKubernetesStandIn({
      token: TOKEN,
      deployments: [
        deploymentObject({
          name: 'checkout',
          namespace: 'checkout-staging',
          image: 'ghcr.io/acme/checkout:1.2.0',
          replicas: 2,
          ready: 2,
        }),
        deploymentObject({
          name: 'payments',
          namespace: 'checkout-staging',
          image: 'ghcr.io/acme/payments:3.0.0',
          replicas: 1,
          ready: 1,
        }),
      ],
      forbiddenNamespaces: ['checkout-production'],
    });
    cluster = {
      name: 'stand-in',
      url: standIn.url,
      serviceAccountToken: TOKEN,
      skipTLSVerify: false,
    };
  });
  afterAll(() => standIn.close());

  const read = (options: {
    cluster?: ClusterTarget;
    namespace?: string;
    kubernetesId?: string;
    timeoutMs?: number;
  }) =>
    readComponentDeployments({
      cluster: options.cluster ?? cluster,
      namespace: options.namespace ?? 'checkout-staging',
      kubernetesId: options.kubernetesId ?? 'checkout',
      timeoutMs: options.timeoutMs ?? 5_000,
      logger,
      loadClient,
    });

  it("lists the component's Deployments by its label, not another's", async () => {
    const result = await read({});
    expect(result.status).toBe('found');
    expect(
      result.status === 'found' &&
        result.deployments.map(d => d.metadata?.name),
    ).toEqual(['checkout']);
    expect(standIn.requests).toContain(
      'GET /apis/apps/v1/namespaces/checkout-staging/deployments?labelSelector=backstage.io%2Fkubernetes-id%3Dcheckout',
    );
  });

  it('says none is labelled, a refusal (403, 401) without the token, a namespace or id Kubernetes could not hold', async () => {
    expect(await read({ kubernetesId: 'cart' })).toEqual({
      status: 'notFound',
      message:
        'no Deployment labelled backstage.io/kubernetes-id=cart in namespace checkout-staging on cluster "stand-in"',
    });
    expect(await read({ namespace: 'checkout-production' })).toEqual({
      status: 'forbidden',
      message:
        'cluster "stand-in" refused to list Deployments in checkout-production (HTTP 403); the portal\'s service account needs list on deployments there',
    });
    const wrongToken = await read({
      cluster: { ...cluster, serviceAccountToken: 'wrong' },
    });
    expect(wrongToken.status).toBe('forbidden');
    expect(JSON.stringify(wrongToken)).not.toContain('wrong');
    const before = standIn.requests.length;
    expect((await read({ namespace: 'Checkout/../x' })).status).toBe(
      'notFound',
    );
    expect((await read({ kubernetesId: 'a=b,c' })).status).toBe('notFound');
    // neither was sent to the cluster
    expect(standIn.requests.length).toBe(before);
  });

  it('gives up on a silent cluster after the timeout and frees its connection', async () => {
    const silent = await startSilentServer();
    try {
      expect(
        await read({
          cluster: { ...cluster, url: silent.url },
          timeoutMs: 300,
        }),
      ).toEqual({
        status: 'unreachable',
        message:
          'cluster "stand-in" could not be read (no answer within 300 ms)',
      });
      await new Promise(resolve => setTimeout(resolve, 100));
      expect(await silent.openConnections()).toBe(0);
    } finally {
      await silent.close();
    }
  });
});

describe('withTimeout', () => {
  it('passes the outcome through, or says no response in whole seconds', async () => {
    await expect(withTimeout(Promise.resolve(7), 1_000)).resolves.toBe(7);
    await expect(
      withTimeout(Promise.reject(new Error('refused')), 1_000),
    ).rejects.toThrow('refused');
    const never = new Promise<number>(() => {});
    const late = withTimeout(never, 1_400);
    await expect(late).rejects.toBeInstanceOf(NoResponseError);
    // 1 400 ms rounds to 1 s
    await expect(late).rejects.toThrow('no response within 1 s');
  });
});
