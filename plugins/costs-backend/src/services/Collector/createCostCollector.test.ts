import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadClientForTests } from '@internal/kubernetes-clusters/testUtils';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { DatabaseCostStore } from '../../database/DatabaseCostStore';
import {
  claim,
  ClusterStandIn,
  pricedDeployment,
  pricedStatefulSet,
  resourceQuota,
  startClusterStandIn,
} from '../../__testUtils__/clusterStandIn';
import { component, PRICES } from '../../__testUtils__/fixtures';
import {
  allocation,
  OpenCostStandIn,
  startOpenCostStandIn,
} from '../../__testUtils__/openCostStandIn';
import { readCatalogAttribution } from './catalogAttribution';
import { createCostCollector } from './createCostCollector';

jest.setTimeout(60_000);

const TOKEN = 'portal-service-account-token';
const round = (x: number) => Math.round(x * 1e9) / 1e9;
const GiB = 1024 ** 3;
const today = '2026-06-15';
const window = { from: '2026-06-14', to: '2026-06-16' };

const catalog = catalogServiceMock({
  entities: [
    component('checkout', 'payments-team'),
    // its workloads carry another id than its name
    component('payments-ledger', 'group:default/payments-team', {
      'backstage.io/kubernetes-id': 'ledger',
    }),
    component('search', 'discovery-team'),
  ],
});

/**
 * The `payments` namespace of the `eu-requests` cluster, priced at 0.04 per core-hour, 0.005 per
 * GiB-hour and 0.10 per GiB-month:
 * - checkout, 3 × (250m, 512Mi): cpu 0.75 × 24 × 0.04 = 0.72, memory 1.5 × 24 × 0.005 = 0.18;
 *   0.90 a day
 * - ledger, a StatefulSet of 1 × (500m, 1Gi): cpu 0.48, memory 0.12; 0.60 a day; its claim
 *   data-ledger-0 of 20Gi (no label of its own): 20 × 0.10 × 24/730 = 48/730 a day
 * - batch, 1 × (100m, 128Mi) without a label: cpu 0.096, memory 0.015; 0.111 a day, no owner
 * The quota: 4 cores and 8Gi, of which the API server counts 1.35 cores and 2.625Gi used.
 */
const requestsCluster = {
  deployments: [
    pricedDeployment({
      name: 'checkout',
      namespace: 'payments',
      replicas: 3,
      requests: { cpu: '250m', memory: '512Mi' },
    }),
    pricedDeployment({
      name: 'batch',
      namespace: 'payments',
      kubernetesId: null,
      replicas: 1,
      requests: { cpu: '100m', memory: '128Mi' },
    }),
  ],
  statefulSets: [
    pricedStatefulSet({
      name: 'ledger',
      namespace: 'payments',
      kubernetesId: 'ledger',
      replicas: 1,
      requests: { cpu: '500m', memory: '1Gi' },
      claimTemplate: 'data',
    }),
  ],
  persistentVolumeClaims: [
    claim({ name: 'data-ledger-0', namespace: 'payments', capacity: '20Gi' }),
  ],
  resourceQuotas: [
    resourceQuota({
      name: 'compute',
      namespace: 'payments',
      hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '20' },
      used: { 'requests.cpu': '1350m', 'requests.memory': '2688Mi', pods: '5' },
    }),
  ],
};

describe.each(createPostgresTestDatabases().eachSupportedId())(
  'the cost collector on %p',
  databaseId => {
    const databases = createPostgresTestDatabases();
    const servers: Array<ClusterStandIn | OpenCostStandIn> = [];
    afterAll(async () => {
      await Promise.all(servers.map(s => s.close()));
    });

    async function setUp() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseCostStore.create({
        database: mockServices.database({ knex }),
      });
      return { knex, store };
    }

    it('prices the requests of every workload, attributes them to service and team, and prices the idle quota', async () => {
      const { store } = await setUp();
      const cluster = await startClusterStandIn({
        token: TOKEN,
        objects: requestsCluster,
      });
      servers.push(cluster);
      const collector = createCostCollector({
        clusters: [
          {
            name: 'eu-requests',
            url: cluster.url,
            serviceAccountToken: TOKEN,
            skipTLSVerify: false,
          },
        ],
        prices: PRICES,
        currency: 'EUR',
        opencost: new Map(),
        timeoutMs: 5_000,
        store,
        attribution: () =>
          readCatalogAttribution({ catalog, auth: mockServices.auth() }),
        logger: mockServices.logger.mock(),
        now: () => new Date(`${today}T10:30:00Z`),
        loadClient: async () => loadClientForTests(),
      });

      await expect(collector.collect()).resolves.toEqual({
        day: today,
        clusters: [
          { cluster: 'eu-requests', source: 'requests', workloads: 4 },
        ],
      });
      expect(cluster.requests).toEqual(
        expect.arrayContaining([
          'GET /apis/apps/v1/deployments',
          'GET /apis/apps/v1/statefulsets',
          'GET /api/v1/persistentvolumeclaims',
          'GET /api/v1/resourcequotas',
        ]),
      );

      const checkout = await store.costsByWorkload(
        'component:default/checkout',
        window,
      );
      expect(checkout).toHaveLength(1);
      expect(checkout[0]).toMatchObject({
        cluster: 'eu-requests',
        namespace: 'payments',
        kind: 'Deployment',
        name: 'checkout',
        source: 'requests',
        days: 1,
      });
      expect(checkout[0].cost.cpu).toBeCloseTo(0.72, 10);
      expect(checkout[0].cost.memory).toBeCloseTo(0.18, 10);
      expect(checkout[0].cost.total).toBeCloseTo(0.9, 10);

      // the claim made for the StatefulSet goes with it
      const ledger = await store.costsByWorkload(
        'component:default/payments-ledger',
        window,
      );
      expect(ledger.map(w => [w.kind, w.name])).toEqual([
        ['StatefulSet', 'ledger'],
        ['PersistentVolumeClaim', 'data-ledger-0'],
      ]);
      expect(ledger[0].cost.total).toBeCloseTo(0.6, 10);
      expect(ledger[1].cost.storage).toBeCloseTo(48 / 730, 10);

      // the team: 0.90 + 0.60 + 48/730; the unlabelled batch job has no owner
      const teams = await store.costsByTeam(window);
      expect(
        teams.map(t => [t.ownerRef, t.services, round(t.cost.total)]),
      ).toEqual([
        ['group:default/payments-team', 2, round(1.5 + 48 / 730)],
        [null, 0, round(0.111)],
      ]);

      // quota: hard 4 × 0.96 + 8 × 0.12 = 4.80; idle (4 − 1.35) × 0.96 + (8 − 2.625) × 0.12
      //   = 2.544 + 0.645 = 3.189; share 3.189 / 4.80 = 0.664375
      const [quota] = await store.namespaceIdle(window);
      expect(quota).toMatchObject({
        cluster: 'eu-requests',
        namespace: 'payments',
        days: 1,
      });
      expect(quota.quotaCost).toBeCloseTo(4.8, 10);
      expect(quota.idleCost).toBeCloseTo(3.189, 10);
      expect(quota.idleShare).toBeCloseTo(0.664375, 10);

      // a later run the same day replaces the day's figures, it does not add to them
      await collector.collect();
      const again = await store.scopeCosts(
        { kind: 'team', ownerRef: 'group:default/payments-team' },
        window,
      );
      expect(again.total!.total).toBeCloseTo(1.5 + 48 / 730, 10);
      expect(again.daily).toEqual([
        { day: today, total: expect.closeTo(1.5 + 48 / 730, 10) },
      ]);
    });

    it("takes a cluster's OpenCost allocation of yesterday and today where it has an endpoint, and reports a cluster that refuses", async () => {
      const { store } = await setUp();
      const cluster = await startClusterStandIn({
        token: TOKEN,
        objects: {},
      });
      const opencost = await startOpenCostStandIn(win => ({
        'shop/deployment/search': allocation({
          cluster: 'eu-opencost',
          namespace: 'shop',
          controllerKind: 'deployment',
          controller: 'search',
          kubernetesId: 'search',
          window: win,
          // yesterday a full day, today the hours so far
          cpuCost: win.startsWith(today) ? 0.5 : 1.2,
          ramCost: 0.3,
          pvCost: 0.1,
          networkCost: 0.05,
          cpuCoreRequestAverage: 1.25,
          ramByteRequestAverage: 2 * GiB,
        }),
        __idle__: {
          ...allocation({
            cluster: 'eu-opencost',
            namespace: '',
            controllerKind: '',
            controller: '',
            window: win,
            cpuCost: 9,
            ramCost: 9,
            pvCost: 0,
            cpuCoreRequestAverage: 0,
            ramByteRequestAverage: 0,
          }),
          name: '__idle__',
        },
      }));
      servers.push(cluster, opencost);
      const logger = mockServices.logger.mock();
      const collector = createCostCollector({
        clusters: [
          {
            name: 'eu-opencost',
            url: cluster.url,
            serviceAccountToken: TOKEN,
            skipTLSVerify: false,
          },
          {
            name: 'us-wrong-token',
            url: cluster.url,
            serviceAccountToken: 'not-the-token',
            skipTLSVerify: false,
          },
        ],
        prices: PRICES,
        currency: 'EUR',
        opencost: new Map([['eu-opencost', opencost.url]]),
        timeoutMs: 5_000,
        store,
        attribution: () =>
          readCatalogAttribution({ catalog, auth: mockServices.auth() }),
        logger,
        now: () => new Date(`${today}T10:30:00Z`),
        loadClient: async () => loadClientForTests(),
      });

      const collection = await collector.collect();
      expect(collection.clusters[0]).toEqual({
        cluster: 'eu-opencost',
        source: 'opencost',
        workloads: 1,
      });
      expect(collection.clusters[1]).toMatchObject({
        cluster: 'us-wrong-token',
        source: 'requests',
        workloads: 0,
        error: expect.stringContaining('401'),
      });
      expect(opencost.requests).toEqual([
        `GET /allocation/compute?${new URLSearchParams({
          window: '2026-06-14T00:00:00Z,2026-06-15T00:00:00Z',
          aggregate: 'namespace,controllerKind,controller',
          accumulate: 'true',
          includeIdle: 'false',
        })}`,
        `GET /allocation/compute?${new URLSearchParams({
          window: '2026-06-15T00:00:00Z,2026-06-16T00:00:00Z',
          aggregate: 'namespace,controllerKind,controller',
          accumulate: 'true',
          includeIdle: 'false',
        })}`,
      ]);

      // OpenCost's figures as it priced them: yesterday 1.2 + 0.3 + 0.1 + 0.05 network = 1.65,
      // today 0.5 + 0.3 + 0.1 + 0.05 = 0.95; the idle allocation is no workload
      const search = await store.scopeCosts(
        { kind: 'entity', entityRef: 'component:default/search' },
        window,
      );
      expect(search.daily).toEqual([
        { day: '2026-06-14', total: expect.closeTo(1.65, 10) },
        { day: '2026-06-15', total: expect.closeTo(0.95, 10) },
      ]);
      expect(search.sources).toEqual(['opencost']);
      expect(search.total!.cpu).toBeCloseTo(1.7, 10);
      const workloads = await store.costsByWorkload(
        'component:default/search',
        window,
      );
      expect(workloads).toEqual([
        expect.objectContaining({
          cluster: 'eu-opencost',
          namespace: 'shop',
          kind: 'Deployment',
          name: 'search',
          source: 'opencost',
          days: 2,
        }),
      ]);
      expect((await store.costsByTeam(window)).map(t => t.ownerRef)).toEqual([
        'group:default/discovery-team',
      ]);
    });
  },
);
