import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  deploymentObject,
  KubernetesStandIn,
  loadClientForTests,
  startKubernetesStandIn,
  startSilentServer,
} from '@internal/kubernetes-clusters/testUtils';
import { EntityRecord } from '../../database/ScorecardStore';
import { createKubernetesRetriever } from './createKubernetesRetriever';

const TOKEN = 'portal-service-account-token';
const probe = { httpGet: { path: '/healthz', port: 8080 } };

/** The golden path's Deployment of a component in production, with a pod spec. */
function production(
  name: string,
  replicas: number,
  container: object,
  kubernetesId = name,
) {
  const d = deploymentObject({
    name,
    namespace: `${name}-production`,
    kubernetesId,
    image: `ghcr.io/acme-retail/${name}:1.0.0`,
    replicas,
    ready: replicas,
  });
  d.spec.template.spec.containers = [
    { name, image: `ghcr.io/acme-retail/${name}:1.0.0`, ...container },
  ] as typeof d.spec.template.spec.containers;
  return d;
}

const hardened = {
  readinessProbe: probe,
  livenessProbe: probe,
  resources: {
    requests: { cpu: '100m', memory: '128Mi' },
    limits: { cpu: '500m', memory: '256Mi' },
  },
  securityContext: {
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
  },
};

function component(name: string, annotations: Record<string, string> = {}) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
  } as Entity;
}

function record(name: string, kind = 'Component'): EntityRecord {
  return {
    entityRef: `${kind.toLowerCase()}:default/${name}`,
    title: name,
    kind,
    type: 'service',
    lifecycle: 'production',
    tags: [],
    ownerRef: 'group:default/payments-team',
    repository: null,
  };
}

const catalog = catalogServiceMock({
  entities: [
    component('checkout'),
    // its Deployments carry another id than its name
    component('cart', { 'backstage.io/kubernetes-id': 'cart-api' }),
    component('legacy'),
    component('nowhere'),
  ],
});

describe('createKubernetesRetriever against a Kubernetes API stand-in', () => {
  let cluster: KubernetesStandIn;

  beforeAll(async () => {
    cluster = await startKubernetesStandIn({
      token: TOKEN,
      deployments: [
        production('checkout', 3, hardened),
        production('cart', 2, hardened, 'cart-api'),
        // a Deployment of cart in staging: not production, not read
        {
          ...production('cart', 1, {}, 'cart-api'),
          metadata: {
            ...production('cart', 1, {}, 'cart-api').metadata,
            namespace: 'cart-staging',
          },
        },
        production('legacy', 1, {
          readinessProbe: probe,
          securityContext: { privileged: true },
        }),
      ],
    });
  });
  afterAll(() => cluster.close());

  it('derives each component’s facts from its production Deployments', async () => {
    const retriever = createKubernetesRetriever({
      clusters: [
        {
          name: 'production',
          url: cluster.url,
          serviceAccountToken: TOKEN,
          skipTLSVerify: false,
        },
      ],
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      loadClient: async () => loadClientForTests(),
      now: () => new Date('2026-06-05T00:00:00.000Z'),
    });
    const facts = await retriever.collect([
      record('checkout'),
      record('cart'),
      record('legacy'),
      record('nowhere'),
      record('payments-api', 'API'),
    ]);
    const of = (name: string) =>
      Object.fromEntries(
        facts
          .filter(f => f.entityRef === `component:default/${name}`)
          .map(f => [f.factId, f.value]),
      );
    expect(of('checkout')).toEqual({
      'kubernetes.hasProbes': true,
      'kubernetes.hasResourceRequestsAndLimits': true,
      'kubernetes.productionReplicas': 3,
      'kubernetes.restrictiveSecurityContext': true,
    });
    // found through backstage.io/kubernetes-id=cart-api in cart-production
    expect(of('cart')).toMatchObject({ 'kubernetes.productionReplicas': 2 });
    // one replica, no liveness probe, no resources, privileged
    expect(of('legacy')).toEqual({
      'kubernetes.hasProbes': false,
      'kubernetes.hasResourceRequestsAndLimits': false,
      'kubernetes.productionReplicas': 1,
      'kubernetes.restrictiveSecurityContext': false,
    });
    // nothing runs in production: not collected
    expect(of('nowhere')).toEqual({
      'kubernetes.hasProbes': null,
      'kubernetes.hasResourceRequestsAndLimits': null,
      'kubernetes.productionReplicas': null,
      'kubernetes.restrictiveSecurityContext': null,
    });
    expect(facts.some(f => f.entityRef.startsWith('api:'))).toBe(false);
    // one list per component, in its production namespace, by its id
    expect(cluster.requests).toEqual(
      expect.arrayContaining([
        'GET /apis/apps/v1/namespaces/checkout-production/deployments?labelSelector=backstage.io%2Fkubernetes-id%3Dcheckout',
        'GET /apis/apps/v1/namespaces/cart-production/deployments?labelSelector=backstage.io%2Fkubernetes-id%3Dcart-api',
      ]),
    );
    expect(cluster.requests).toHaveLength(4);
  });

  it('keeps the earlier facts of a component no cluster would show (refused, silent)', async () => {
    const silent = await startSilentServer();
    const logger = mockServices.logger.mock();
    try {
      const retriever = createKubernetesRetriever({
        clusters: [
          {
            name: 'production',
            url: cluster.url,
            serviceAccountToken: 'wrong-token',
            skipTLSVerify: false,
          },
          { name: 'silent', url: silent.url, skipTLSVerify: false },
        ],
        catalog,
        auth: mockServices.auth(),
        logger,
        loadClient: async () => loadClientForTests(),
        timeoutMs: 200,
      });
      expect(await retriever.collect([record('checkout')])).toEqual([]);
      expect(logger.warn).toHaveBeenCalledWith(
        'Scorecards could not read a component’s workloads',
        expect.objectContaining({ entityRef: 'component:default/checkout' }),
      );
      const [, meta] = logger.warn.mock.calls.find(
        ([message]) =>
          message === 'Scorecards could not read a component’s workloads',
      )!;
      expect(JSON.stringify(meta)).not.toContain('wrong-token');
    } finally {
      await silent.close();
    }
  });
});
