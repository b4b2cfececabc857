import { Knex } from 'knex';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { insightsMigrations } from '../../migrations';
import { DatabaseGithubStore } from './DatabaseGithubStore';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

const R = 'acme/payments';
const H = 3_600_000;
const T0 = Date.parse('2025-03-03T12:00:00Z');
const at = (hours: number) => new Date(T0 + hours * H).toISOString();

/** What the lead-time queries read for a deployment's changes. */
async function changesOf(knex: Knex, deploymentId: number) {
  const rows = await knex('insights_deployment_changes')
    .where({ deployment_id: deploymentId })
    .orderBy('sha')
    .select('sha', 'repository', 'deployed_at', 'lead_hours', 'deployed_week');
  return rows.map(r => ({
    sha: r.sha,
    repository: r.repository,
    deployedAt: r.deployed_at && new Date(r.deployed_at).toISOString(),
    leadHours: r.lead_hours === null ? null : Number(r.lead_hours),
    week: r.deployed_week && new Date(r.deployed_week).toISOString(),
  }));
}

describe.each(databases.eachSupportedId())(
  'Deployment changes on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseGithubStore;
    let nextId = 1;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      store = new DatabaseGithubStore(knex, {
        productionPattern: '^prod(uction)?$',
        incidentPattern: 'incident',
      });
    });

    afterAll(async () => {
      await knex.destroy();
    });

    const deploy = async (environment: string, sha: string) => {
      const deploymentId = nextId++;
      await store.apply([
        {
          kind: 'deployment',
          deploymentId,
          repository: R,
          environment,
          sha,
          createdAt: at(-1),
        },
      ]);
      return deploymentId;
    };
    const succeed = (deploymentId: number, hours: number) =>
      store.apply([
        {
          kind: 'deploymentStatus',
          deploymentId,
          state: 'success',
          at: at(hours),
        },
      ]);

    /** Changes as the backfill's compare reports them, commits authored at T0 + hours. */
    const compared = (deploymentId: number, commits: Record<string, number>) =>
      store.apply([
        {
          kind: 'deploymentChanges',
          deploymentId,
          repository: R,
          commits: Object.entries(commits).map(([sha, hours]) => ({
            sha,
            authoredAt: at(hours),
          })),
        },
      ]);

    it('carries the deployment time once the deployment succeeds, and the earliest success', async () => {
      const id = await deploy('production', 'a2');
      // Changes known from compare before any status: counted nowhere yet.
      await compared(id, { a1: -16, a2: -4 });
      expect(await changesOf(knex, id)).toEqual([
        {
          sha: 'a1',
          repository: R,
          deployedAt: null,
          leadHours: null,
          week: null,
        },
        {
          sha: 'a2',
          repository: R,
          deployedAt: null,
          leadHours: null,
          week: null,
        },
      ]);

      // Success at T0 + 2 h (Monday 3 March 2025, 14:00 UTC): lead 2 + 16 = 18 h and 2 + 4 = 6 h.
      await succeed(id, 2);
      expect(await changesOf(knex, id)).toEqual([
        {
          sha: 'a1',
          repository: R,
          deployedAt: at(2),
          leadHours: 18,
          week: '2025-03-03T00:00:00.000Z',
        },
        {
          sha: 'a2',
          repository: R,
          deployedAt: at(2),
          leadHours: 6,
          week: '2025-03-03T00:00:00.000Z',
        },
      ]);

      // A later success changes nothing; an earlier one (T0 − 13 h = Sunday 2 March,
      // 23:00 UTC) moves the changes to it and to the week before: lead 16 − 13 = 3 h, and
      // 4 − 13 = −9 h (authored after the deployment, which the metrics drop).
      await succeed(id, 5);
      expect((await changesOf(knex, id))[0].deployedAt).toBe(at(2));
      await succeed(id, -13);
      expect(await changesOf(knex, id)).toEqual([
        {
          sha: 'a1',
          repository: R,
          deployedAt: at(-13),
          leadHours: 3,
          week: '2025-02-24T00:00:00.000Z',
        },
        {
          sha: 'a2',
          repository: R,
          deployedAt: at(-13),
          leadHours: -9,
          week: '2025-02-24T00:00:00.000Z',
        },
      ]);
    });

    it('carries it on changes resolved from pushed commits', async () => {
      await store.apply([
        {
          kind: 'commits',
          repository: R,
          commits: [
            { sha: 'b1', authoredAt: at(20) },
            { sha: 'b2', authoredAt: at(21) },
          ],
        },
      ]);
      const first = await deploy('production', 'b1');
      await succeed(first, 22);
      const second = await deploy('production', 'b2');
      await succeed(second, 30);
      // The first follows the deployment of a2 (above), so its change is b1 alone, deployed
      // at T0 + 22 h: lead 22 − 20 = 2 h; then b2 at T0 + 30 h: lead 30 − 21 = 9 h.
      expect(await changesOf(knex, first)).toEqual([
        {
          sha: 'b1',
          repository: R,
          deployedAt: at(22),
          leadHours: 2,
          week: '2025-03-03T00:00:00.000Z',
        },
      ]);
      expect(await changesOf(knex, second)).toEqual([
        {
          sha: 'b2',
          repository: R,
          deployedAt: at(30),
          leadHours: 9,
          week: '2025-03-03T00:00:00.000Z',
        },
      ]);
    });

    it('follows the production pattern when deployments are reclassified', async () => {
      const id = await deploy('live', 'c1');
      await compared(id, { c1: 40 });
      await succeed(id, 41);
      // "live" is not production under ^prod(uction)?$: the change counts nowhere.
      expect((await changesOf(knex, id))[0].deployedAt).toBeNull();

      const live = new DatabaseGithubStore(knex, {
        productionPattern: '^(prod(uction)?|live)$',
        incidentPattern: 'incident',
      });
      await live.reclassify();
      expect(await changesOf(knex, id)).toEqual([
        {
          sha: 'c1',
          repository: R,
          deployedAt: at(41),
          leadHours: 1,
          week: '2025-03-03T00:00:00.000Z',
        },
      ]);

      await store.reclassify();
      expect((await changesOf(knex, id))[0]).toMatchObject({
        deployedAt: null,
        leadHours: null,
      });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'Migration of stored changes on %p',
  databaseId => {
    it('gives changes stored before it their deployment time, and counts them', async () => {
      const knex = await databases.init(databaseId);
      // Up to the migration before 20261124_changes_carry_their_deployment.js.
      await knex.migrate.up(insightsMigrations);
      await knex.migrate.up(insightsMigrations);
      await knex('insights_deployments').insert([
        {
          deployment_id: 1,
          repository: R,
          environment: 'production',
          is_production: true,
          sha: 'd1',
          created_at: at(0),
          succeeded_at: at(1),
          changes_resolved: true,
        },
        {
          deployment_id: 2,
          repository: R,
          environment: 'staging',
          is_production: false,
          sha: 'd1',
          created_at: at(0),
          succeeded_at: at(1),
          changes_resolved: true,
        },
      ]);
      await knex('insights_deployment_changes').insert([
        { deployment_id: 1, sha: 'd1', authored_at: at(-0.5) },
        { deployment_id: 2, sha: 'd1', authored_at: at(-0.5) },
      ]);

      await knex.migrate.latest(insightsMigrations);
      expect(await changesOf(knex, 1)).toEqual([
        {
          sha: 'd1',
          repository: R,
          deployedAt: at(1),
          leadHours: 1.5,
          week: '2025-03-03T00:00:00.000Z',
        },
      ]);
      expect(await changesOf(knex, 2)).toEqual([
        {
          sha: 'd1',
          repository: R,
          deployedAt: null,
          leadHours: null,
          week: null,
        },
      ]);
      // 20261125_dora_counts.js counts what was stored: the production deployment on Monday
      // 3 March and its one change, 1.5 h → the 1 h bucket of that week.
      const days = await knex('insights_deployment_day_counts').select(
        knex.raw('day::text AS day'),
        'deployments',
      );
      expect(days).toEqual([{ day: '2025-03-03', deployments: 1 }]);
      const hours = await knex('insights_lead_hour_counts').select(
        'week',
        'hour',
        'changes',
      );
      expect(hours).toEqual([
        { week: new Date('2025-03-03T00:00:00Z'), hour: 1, changes: 1 },
      ]);
      await knex.destroy();
    });
  },
);
