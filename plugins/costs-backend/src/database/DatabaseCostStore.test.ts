import { mockServices } from '@backstage/backend-test-utils';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { ClusterDay, WorkloadDay } from './CostStore';
import { DatabaseCostStore } from './DatabaseCostStore';

jest.setTimeout(60_000);

const PAYMENTS = 'group:default/payments-team';
const WEB = 'group:default/web-team';

function workload(
  name: string,
  total: number,
  owner?: { entityRef: string; ownerRef: string },
): WorkloadDay {
  // the split is cpu 50 %, memory 25 %, storage 25 % (exact in binary) of the total, to check each sum
  return {
    namespace: 'shop',
    kind: 'Deployment',
    name,
    ...(owner ?? {}),
    cpuCores: 1,
    memoryBytes: 1,
    storageBytes: 0,
    cost: {
      cpu: total * 0.5,
      memory: total * 0.25,
      storage: total * 0.25,
      total,
    },
  };
}

const checkout = {
  entityRef: 'component:default/checkout',
  ownerRef: PAYMENTS,
};
const ledger = {
  entityRef: 'component:default/payments-ledger',
  ownerRef: PAYMENTS,
};
const web = { entityRef: 'component:default/storefront', ownerRef: WEB };

function day(d: string, cluster: string, workloads: WorkloadDay[]): ClusterDay {
  return {
    day: d,
    cluster,
    source: 'requests',
    currency: 'EUR',
    workloads,
    quotas: [],
  };
}

describe.each(createPostgresTestDatabases().eachSupportedId())(
  'DatabaseCostStore on %p',
  databaseId => {
    const databases = createPostgresTestDatabases();

    async function store() {
      const knex = await databases.init(databaseId);
      return DatabaseCostStore.create({
        database: mockServices.database({ knex }),
      });
    }

    it('sums by day, team, service and workload in SQL, within the window only', async () => {
      const costs = await store();
      // 1 March on two clusters, 2 March on one; 1 April lies outside the window
      await costs.replaceClusterDay(
        day('2026-03-01', 'eu', [
          workload('checkout', 10, checkout),
          workload('ledger', 4, ledger),
          workload('storefront', 6, web),
          workload('batch', 1),
        ]),
      );
      await costs.replaceClusterDay(
        day('2026-03-01', 'us', [workload('checkout', 5, checkout)]),
      );
      await costs.replaceClusterDay(
        day('2026-03-02', 'eu', [workload('checkout', 10, checkout)]),
      );
      await costs.replaceClusterDay(
        day('2026-04-01', 'eu', [workload('checkout', 100, checkout)]),
      );
      const march = { from: '2026-03-01', to: '2026-04-01' };

      // organisation: 10 + 4 + 6 + 1 + 5 = 26 on the 1st, 10 on the 2nd; 36 in all
      const organisation = await costs.scopeCosts(
        { kind: 'organisation' },
        march,
      );
      expect(organisation).toEqual({
        daysWithData: 2,
        total: { cpu: 18, memory: 9, storage: 9, total: 36 },
        daily: [
          { day: '2026-03-01', total: 26 },
          { day: '2026-03-02', total: 10 },
        ],
        sources: ['requests'],
      });

      // payments-team: checkout 10 + 5 + 10 = 25, ledger 4; 29 in two services
      expect(await costs.costsByTeam(march)).toEqual([
        {
          ownerRef: PAYMENTS,
          services: 2,
          cost: { cpu: 14.5, memory: 7.25, storage: 7.25, total: 29 },
        },
        {
          ownerRef: WEB,
          services: 1,
          cost: { cpu: 3, memory: 1.5, storage: 1.5, total: 6 },
        },
        {
          ownerRef: null,
          services: 0,
          cost: { cpu: 0.5, memory: 0.25, storage: 0.25, total: 1 },
        },
      ]);
      expect(
        (await costs.costsByService(PAYMENTS, march)).map(s => [
          s.entityRef,
          s.cost.total,
        ]),
      ).toEqual([
        ['component:default/checkout', 25],
        ['component:default/payments-ledger', 4],
      ]);
      expect(
        (await costs.costsByWorkload(checkout.entityRef, march)).map(w => [
          w.cluster,
          w.days,
          w.cost.total,
        ]),
      ).toEqual([
        ['eu', 2, 20],
        ['us', 1, 5],
      ]);
    });

    it('replaces a cluster day instead of adding to it, and keeps the other clusters', async () => {
      const costs = await store();
      await costs.replaceClusterDay(
        day('2026-03-01', 'eu', [workload('checkout', 10, checkout)]),
      );
      await costs.replaceClusterDay(
        day('2026-03-01', 'us', [workload('checkout', 5, checkout)]),
      );
      await costs.replaceClusterDay(
        day('2026-03-01', 'eu', [workload('checkout', 7, checkout)]),
      );
      const scope = await costs.scopeCosts(
        { kind: 'entity', entityRef: checkout.entityRef },
        { from: '2026-03-01', to: '2026-03-02' },
      );
      expect(scope.total?.total).toBe(12);
    });

    it('has no total, not 0, where nothing was collected, and counts a day with an empty cluster as covered', async () => {
      const costs = await store();
      const q1 = { from: '2026-01-01', to: '2026-04-01' };
      expect(await costs.scopeCosts({ kind: 'organisation' }, q1)).toEqual({
        daysWithData: 0,
        total: null,
        daily: [],
        sources: [],
      });
      await costs.replaceClusterDay(day('2026-02-10', 'eu', []));
      const team = await costs.scopeCosts(
        { kind: 'team', ownerRef: PAYMENTS },
        q1,
      );
      expect(team.daysWithData).toBe(1);
      expect(team.total).toBeNull();
    });

    it('sums the idle quota over the window and divides in SQL', async () => {
      const costs = await store();
      const quota = (d: string, quotaCost: number, idleCost: number) => ({
        ...day(d, 'eu', []),
        quotas: [
          {
            namespace: 'shop',
            hard: { cpuCores: 4 },
            used: { cpuCores: 1 },
            quotaCost,
            idleCost,
          },
        ],
      });
      // day 1: 3 idle of 4; day 2: 1 idle of 4 → (3 + 1) / (4 + 4) = 0.5, not the mean of 0.75
      // and 0.25 by chance only: day 3 weighs more, 6 idle of 8 → (3 + 1 + 6) / 16 = 0.625
      await costs.replaceClusterDay(quota('2026-03-01', 4, 3));
      await costs.replaceClusterDay(quota('2026-03-02', 4, 1));
      await costs.replaceClusterDay(quota('2026-03-03', 8, 6));
      expect(
        await costs.namespaceIdle({ from: '2026-03-01', to: '2026-03-04' }),
      ).toEqual([
        {
          cluster: 'eu',
          namespace: 'shop',
          days: 3,
          quotaCost: 16,
          idleCost: 10,
          idleShare: 0.625,
        },
      ]);
    });
  },
);
