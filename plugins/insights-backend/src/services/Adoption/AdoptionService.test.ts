import { createPostgresTestDatabases } from '@internal/test-databases';
import { insightsMigrations } from '../../database/migrations';
import { component } from '../../__testUtils__/github';
import { DatabaseAdoptionStore } from '../../database/DatabaseAdoptionStore';
import { DatabaseGithubStore } from '../../database/DatabaseGithubStore';
import { AdoptionService } from './AdoptionService';
import { ScaffolderTask } from './TaskSource';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

const task = (
  id: string,
  status: string,
  createdAt: string,
  template: string,
  repo?: string,
): ScaffolderTask => ({
  id,
  status,
  createdAt,
  spec: {
    templateInfo: { entityRef: `template:default/${template}` },
    parameters: {
      owner: 'payments-team',
      ...(repo ? { repoUrl: `github.com?owner=acme&repo=${repo}` } : {}),
    },
  },
});

describe.each(databases.eachSupportedId())(
  'adoption KPIs on %p',
  databaseId => {
    it('computes the KPIs worked out by hand', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      const store = new DatabaseGithubStore(knex, {
        productionPattern: '^prod(uction)?$',
        incidentPattern: 'incident',
      });
      await store.apply([
        {
          kind: 'workflowRun',
          runId: 1,
          runAttempt: 1,
          repository: 'acme/b',
          name: 'ci',
          status: 'completed',
          conclusion: 'success',
          updatedAt: '2025-03-01T00:00:00Z',
        },
        {
          kind: 'deployment',
          deploymentId: 9,
          repository: 'acme/new-svc',
          environment: 'production',
          sha: 's',
          createdAt: '2025-03-04T03:00:00Z',
        },
        {
          kind: 'deploymentStatus',
          deploymentId: 9,
          state: 'success',
          at: '2025-03-04T04:00:00Z',
        },
      ]);
      const tasks = [
        task(
          't1',
          'completed',
          '2025-03-03T10:00:00Z',
          'node-service',
          'new-svc',
        ),
        task('t2', 'failed', '2025-03-04T10:00:00Z', 'node-service'),
        task(
          't3',
          'completed',
          '2025-03-11T10:00:00Z',
          'java-service',
          'other',
        ),
        task('t4', 'processing', '2025-03-12T10:00:00Z', 'node-service'),
        task('t0', 'completed', '2025-02-20T10:00:00Z', 'node-service'), // before the window
      ];
      const service = new AdoptionService(new DatabaseAdoptionStore(knex), {
        tasksSince: async () => tasks,
      });
      const summary = await service.summary({
        components: [
          component('a', 'payments-team', 'acme/a', {
            'backstage.io/source-template': 'template:default/node-service',
          }),
          component('b', 'payments-team', 'acme/b', {
            'backstage.io/techdocs-ref': 'dir:.',
            'backstage.io/kubernetes-id': 'b',
          }),
          component('c', 'storefront-team', 'acme/c'),
        ],
        from: new Date('2025-03-01T00:00:00Z'),
        to: new Date('2025-04-01T00:00:00Z'),
      });
      const kpi = Object.fromEntries(summary.kpis.map(k => [k.id, k]));
      // a: golden path; b: owner + docs + CI (acme/b has a run) + Kubernetes; c: neither.
      // Teams: payments (a, b) on it, storefront (c) not → 1 ÷ 2 = 0.5 < 0.8, not met.
      expect(kpi.teamAdoption).toMatchObject({
        value: 0.5,
        numerator: 1,
        denominator: 2,
        met: false,
      });
      // Components: 2 ÷ 3.
      expect(kpi.componentAdoption).toMatchObject({ value: 2 / 3, met: false });
      // Tasks in March: t1 ok, t2 failed, t3 ok, t4 still running → 2 ÷ 3 finished.
      expect(kpi.selfServiceCompletion).toMatchObject({
        value: 2 / 3,
        numerator: 2,
        denominator: 3,
        met: false,
      });
      // new-svc created 3 Mar 10:00, first production deployment 4 Mar 04:00 → 18 h ≤ 24: met.
      // (acme/other, created by t3, has not deployed yet: 1 of 2 counted.)
      expect(kpi.timeToFirstDeployment).toMatchObject({
        value: 18,
        numerator: 1,
        denominator: 2,
        met: true,
      });
      // Completeness (description, owner, system, lifecycle, docs, repository):
      // a 4/6 (no system, no docs), b 5/6 (no system), c 4/6 → (4 + 5 + 4) ÷ 18 = 13/18 ≈ 0.722, not met.
      expect(kpi.catalogCompleteness.value).toBeCloseTo(13 / 18, 10);
      expect(kpi.catalogCompleteness.met).toBe(false);
      // Weeks: 3 Mar (t1, t2 node), 10 Mar (t3 java, t4 node).
      expect(summary.goldenPathUsage).toEqual([
        {
          weekStart: '2025-03-03T00:00:00.000Z',
          template: 'template:default/node-service',
          runs: 2,
        },
        {
          weekStart: '2025-03-10T00:00:00.000Z',
          template: 'template:default/java-service',
          runs: 1,
        },
        {
          weekStart: '2025-03-10T00:00:00.000Z',
          template: 'template:default/node-service',
          runs: 1,
        },
      ]);
      await knex.destroy();
    });
  },
);
