import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadClientForTests } from '@internal/kubernetes-clusters/testUtils';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { DatabaseCostStore } from '../../database/DatabaseCostStore';
import {
  claim,
  ClusterStandIn,
  cronJob,
  job,
  pod,
  pricedDaemonSet,
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

/**
 * The `ops` namespace of the `eu-batch` cluster, on 2026-06-15, collected at 10:30, at the same
 * prices (a core-hour 0.04, a GiB-hour 0.005):
 * - log-agent (search), a DaemonSet of (100m, 128Mi) wanted on 6 nodes, placed on 4 and left on
 *   1 it no longer should: 5 pods, 0.5 cores and 0.625 GiB; cpu 0.5 × 24 × 0.04 = 0.48, memory
 *   0.625 × 24 × 0.005 = 0.075; 0.555. Its two Pods are not priced again.
 * - reindex (search, labelled on the Job only), a Job of two Pods of (1, 1Gi): one 04:00–10:00
 *   (6 h), one from 09:00 still running (to midnight, 15 h): 21 core-hours and 21 GiB-hours;
 *   21 × 0.04 + 21 × 0.005 = 0.84 + 0.105 = 0.945.
 * - nightly-report (checkout, labelled on the CronJob only): its Jobs' Pods of (500m, 2Gi) ran
 *   the 14th 22:00–22:30 (nothing today), the 14th 23:30–the 15th 00:30 (0.5 h today) and
 *   01:00–03:00 (2 h): 2.5 h; cpu 0.5 × 2.5 × 0.04 = 0.05, memory 2 × 2.5 × 0.005 = 0.025; 0.075.
 * - debug-shell (checkout), a bare Pod of (250m, 512Mi) from 06:00, running: 18 h;
 *   cpu 0.25 × 18 × 0.04 = 0.18, memory 0.5 × 18 × 0.005 = 0.045; 0.225.
 * - not priced: a Pod of checkout's ReplicaSet (its Deployment is), a bare Pod still pending, a
 *   bare Pod that finished the day before.
 * search 0.555 + 0.945 = 1.50; checkout 0.075 + 0.225 = 0.30.
 */
const batchCluster = {
  daemonSets: [
    pricedDaemonSet({
      name: 'log-agent',
      namespace: 'ops',
      kubernetesId: 'search',
      requests: { cpu: '100m', memory: '128Mi' },
      desired: 6,
      scheduled: 4,
      misscheduled: 1,
    }),
  ],
  jobs: [
    job({ name: 'reindex', namespace: 'ops', kubernetesId: 'search' }),
    job({
      name: 'nightly-report-29099',
      namespace: 'ops',
      cronJob: 'nightly-report',
    }),
    job({
      name: 'nightly-report-29100',
      namespace: 'ops',
      cronJob: 'nightly-report',
    }),
    job({
      name: 'nightly-report-29101',
      namespace: 'ops',
      cronJob: 'nightly-report',
    }),
  ],
  cronJobs: [
    cronJob({
      name: 'nightly-report',
      namespace: 'ops',
      kubernetesId: 'checkout',
    }),
  ],
  pods: [
    ...['a', 'b'].map(node =>
      pod({
        name: `log-agent-${node}`,
        namespace: 'ops',
        kubernetesId: 'search',
        owner: { kind: 'DaemonSet', name: 'log-agent' },
        requests: { cpu: '100m', memory: '128Mi' },
        startTime: '2026-06-01T00:00:00Z',
      }),
    ),
    pod({
      name: 'checkout-5d9f-x2x4q',
      namespace: 'ops',
      kubernetesId: 'checkout',
      owner: { kind: 'ReplicaSet', name: 'checkout-5d9f' },
      requests: { cpu: '250m', memory: '512Mi' },
      startTime: '2026-06-10T00:00:00Z',
    }),
    pod({
      name: 'reindex-7kq2p',
      namespace: 'ops',
      owner: { kind: 'Job', name: 'reindex' },
      requests: { cpu: '1', memory: '1Gi' },
      startTime: '2026-06-15T04:00:00Z',
      finishedAt: '2026-06-15T10:00:00Z',
    }),
    pod({
      name: 'reindex-m3zt9',
      namespace: 'ops',
      owner: { kind: 'Job', name: 'reindex' },
      requests: { cpu: '1', memory: '1Gi' },
      startTime: '2026-06-15T09:00:00Z',
    }),
    ...[
      ['29099', '2026-06-14T22:00:00Z', '2026-06-14T22:30:00Z'],
      ['29100', '2026-06-14T23:30:00Z', '2026-06-15T00:30:00Z'],
      ['29101', '2026-06-15T01:00:00Z', '2026-06-15T03:00:00Z'],
    ].map(([run, startTime, finishedAt]) =>
      pod({
        name: `nightly-report-${run}-abcde`,
        namespace: 'ops',
        owner: { kind: 'Job', name: `nightly-report-${run}` },
        requests: { cpu: '500m', memory: '2Gi' },
        startTime,
        finishedAt,
      }),
    ),
    pod({
      name: 'debug-shell',
      namespace: 'ops',
      kubernetesId: 'checkout',
      requests: { cpu: '250m', memory: '512Mi' },
      startTime: '2026-06-15T06:00:00Z',
    }),
    pod({
      name: 'scratch',
      namespace: 'ops',
      requests: { cpu: '1', memory: '1Gi' },
    }),
    pod({
      name: 'old-debug',
      namespace: 'ops',
      kubernetesId: 'checkout',
      requests: { cpu: '1', memory: '1Gi' },
      startTime: '2026-06-14T08:00:00Z',
      finishedAt: '2026-06-14T09:00:00Z',
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

    it('prices DaemonSets by their placed pods, Jobs (under their CronJob) and bare Pods by the hours they ran, and no Pod twice', async () => {
      const { store } = await setUp();
      const cluster = await startClusterStandIn({
        token: TOKEN,
        objects: batchCluster,
      });
      servers.push(cluster);
      const collector = createCostCollector({
        clusters: [
          {
            name: 'eu-batch',
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
        clusters: [{ cluster: 'eu-batch', source: 'requests', workloads: 4 }],
      });
      expect(cluster.requests).toEqual(
        expect.arrayContaining([
          'GET /apis/apps/v1/daemonsets',
          'GET /apis/batch/v1/jobs',
          'GET /apis/batch/v1/cronjobs',
          'GET /api/v1/pods',
        ]),
      );

      const search = await store.costsByWorkload(
        'component:default/search',
        window,
      );
      expect(
        search
          .map(w => [w.kind, w.name, round(w.cost.cpu), round(w.cost.total)])
          .sort(),
      ).toEqual([
        ['DaemonSet', 'log-agent', 0.48, 0.555],
        ['Job', 'reindex', 0.84, 0.945],
      ]);

      const checkout = await store.costsByWorkload(
        'component:default/checkout',
        window,
      );
      expect(
        checkout
          .map(w => [
            w.kind,
            w.name,
            round(w.cost.cpu),
            round(w.cost.memory),
            round(w.cost.total),
          ])
          .sort(),
      ).toEqual([
        ['CronJob', 'nightly-report', 0.05, 0.025, 0.075],
        ['Pod', 'debug-shell', 0.18, 0.045, 0.225],
      ]);

      // no other row: the DaemonSet's and the ReplicaSet's Pods, the pending and the finished
      // bare Pods are not priced
      const teams = await store.costsByTeam(window);
      expect(
        teams.map(t => [t.ownerRef, t.services, round(t.cost.total)]),
      ).toEqual([
        ['group:default/discovery-team', 1, 1.5],
        ['group:default/payments-team', 1, 0.3],
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
      // the cluster that refuses the portal's token, on a stand-in of its own
      const refusing = await startClusterStandIn({ token: TOKEN, objects: {} });
      servers.push(cluster, opencost, refusing);
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
            url: refusing.url,
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
      // the cluster OpenCost prices is asked for its quotas only, not for its workloads
      expect(cluster.requests).toEqual(['GET /api/v1/resourcequotas']);
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
