import { Knex } from 'knex';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { DEFAULT_DORA_THRESHOLDS } from '@internal/plugin-insights-common';
import { DoraService } from '../services/Dora/DoraService';
import { history, REPOSITORIES } from '../__testUtils__/history';
import { DatabaseDoraStore } from './DatabaseDoraStore';
import { DatabaseGithubStore } from './DatabaseGithubStore';
import { GithubRecord } from './GithubStore';
import { insightsMigrations } from './migrations';

jest.setTimeout(180_000);

const databases = createPostgresTestDatabases();

/** A median as the rows give it, compared to 1e-9 (the counts path interpolates the same). */
function near(hours: number | null) {
  return hours === null ? null : expect.closeTo(hours, 9);
}

/** Incidents with whole-hour restore times, so buckets hold ties and medians fall on edges. */
function ties(): GithubRecord[] {
  return [3, 3, 3, 4, 4, 7, 0.5, 8760.5, 9000].map((hours, i) => {
    const opened = Date.parse('2025-03-03T10:00:00Z') + i * 86_400_000;
    return {
      kind: 'issue' as const,
      issueId: 10_000 + i,
      repository: REPOSITORIES[i % 3],
      number: 10_000 + i,
      title: 'Outage',
      labels: ['incident'],
      openedAt: new Date(opened).toISOString(),
      closedAt: new Date(opened + hours * 3_600_000).toISOString(),
    };
  });
}

describe.each(databases.eachSupportedId())(
  'time to restore from counts on %p',
  databaseId => {
    let knex: Knex;
    let github: DatabaseGithubStore;
    let store: DatabaseDoraStore;
    let counted: DoraService;
    let direct: DoraService;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      github = new DatabaseGithubStore(knex, {
        productionPattern: '^prod(uction)?$',
        incidentPattern: 'incident',
      });
      await github.apply([...history(), ...ties()]);
      store = new DatabaseDoraStore(knex);
      counted = new DoraService(store, DEFAULT_DORA_THRESHOLDS, {
        countsFromRepositories: 1,
      });
      direct = new DoraService(store, DEFAULT_DORA_THRESHOLDS, {
        countsFromRepositories: Infinity,
      });
    });

    afterAll(async () => {
      await knex.destroy();
    });

    /** The counts as their deltas sum, and the same histogram aggregated from the rows. */
    async function countsAndRows() {
      const rows = async (sql: string) =>
        (await knex.raw(sql)).rows.map((r: object) => JSON.stringify(r));
      return {
        counts: await rows(`SELECT week, hour, sum(incidents)::int AS n
          FROM insights_restore_hour_counts GROUP BY week, hour
          HAVING sum(incidents) <> 0 ORDER BY week, hour`),
        fromRows: await rows(`SELECT closed_week AS week,
            insights_lead_hour(restore_hours) AS hour, count(*)::int AS n
          FROM insights_incidents WHERE is_incident AND closed_at IS NOT NULL
          GROUP BY 1, 2 ORDER BY 1, 2`),
      };
    }

    /** Time to restore of a summary read each way, for scopes that take the counts path. */
    async function bothWays(repositories: string[], from: string, to: string) {
      const input = {
        repositories,
        from: new Date(from),
        to: new Date(to),
        scope: { repositories: repositories.length },
      };
      const queries: string[] = [];
      const listener = (q: { sql: string }) => queries.push(q.sql);
      knex.on('query', listener);
      let a;
      try {
        a = await counted.summary(input);
      } finally {
        knex.removeListener('query', listener);
      }
      // The counted summary read the restore counts, not every incident.
      expect(
        queries.filter(sql => sql.includes('insights_restore_hour_counts')),
      ).toHaveLength(1);
      const b = await direct.summary(input);
      const restores = (s: typeof a) => ({
        window: s.timeToRestore,
        weekly: s.weekly.map(w => [
          w.weekStart,
          w.incidentsRestored,
          w.medianTimeToRestoreHours,
        ]),
      });
      return { counted: restores(a), direct: restores(b) };
    }

    it.each([
      ['the whole history, on week edges', 8, '2024-12-30', '2025-07-07'],
      [
        'a window cut inside weeks',
        8,
        '2025-01-15T06:30:00Z',
        '2025-06-10T18:00:00Z',
      ],
      [
        'most repositories (others subtracted)',
        6,
        '2025-02-01',
        '2025-05-20T12:00:00Z',
      ],
      [
        'a window shorter than a week',
        8,
        '2025-03-04T00:00:00Z',
        '2025-03-08T00:00:00Z',
      ],
    ])(
      'gives the exact figures of every incident read over %s',
      async (_name, n, from, to) => {
        const got = await bothWays(REPOSITORIES.slice(0, n), from, to);
        expect(got.counted.window.incidents).toBe(got.direct.window.incidents);
        expect(got.counted).toEqual({
          window: {
            ...got.direct.window,
            medianHours: near(got.direct.window.medianHours),
          },
          weekly: got.direct.weekly.map(([week, incidents, median]) => [
            week,
            incidents,
            near(median as number | null),
          ]),
        });
      },
    );

    it('picks the median among ties and the last bucket', async () => {
      // Incidents restored in 3, 3, 3, 4 and 4 h close on 3–7 March 2025 (ties in two
      // buckets), 8760.5 and 9000 h ones in the last bucket (≥ 8760 h) in 2026; with the
      // generated ones around them, the exact median must still match the rows'.
      for (const [from, to] of [
        ['2025-03-03T12:00:00Z', '2025-03-08T18:00:00Z'],
        ['2025-03-01', '2026-05-01'],
      ]) {
        const got = await bothWays(REPOSITORIES, from, to);
        expect(got.counted.window.incidents).toBe(got.direct.window.incidents);
        expect(got.counted.window.medianHours).toBeCloseTo(
          got.direct.window.medianHours!,
          9,
        );
      }
    });

    it('keeps the counts equal to the rows through closings, relabels, moves and folds', async () => {
      expect((await countsAndRows()).counts).toEqual(
        (await countsAndRows()).fromRows,
      );
      await github.apply([
        // Reopened (no longer restored), then another closed later.
        {
          kind: 'issue',
          issueId: 10_000,
          repository: REPOSITORIES[0],
          number: 10_000,
          title: 'Outage',
          labels: ['incident'],
          openedAt: '2025-03-03T10:00:00Z',
          closedAt: null,
        },
        {
          kind: 'issue',
          issueId: 10_001,
          repository: REPOSITORIES[1],
          number: 10_001,
          title: 'Outage',
          labels: ['incident'],
          openedAt: '2025-03-04T10:00:00Z',
          closedAt: '2025-03-20T10:00:00Z',
        },
        // No longer an incident.
        {
          kind: 'issue',
          issueId: 10_002,
          repository: REPOSITORIES[2],
          number: 10_002,
          title: 'Outage',
          labels: ['question'],
          openedAt: '2025-03-05T10:00:00Z',
          closedAt: '2025-03-05T13:00:00Z',
        },
      ]);
      let now = await countsAndRows();
      expect(now.counts).toEqual(now.fromRows);
      await store.foldCounts();
      now = await countsAndRows();
      expect(now.counts).toEqual(now.fromRows);
      // Folded: one row per key.
      const keys = await knex.raw(
        'SELECT count(*) AS n, count(DISTINCT (week, hour)) AS k FROM insights_restore_hour_counts',
      );
      expect(Number(keys.rows[0].n)).toBe(Number(keys.rows[0].k));
      const got = await bothWays(REPOSITORIES, '2025-01-01', '2025-07-01');
      expect(got.counted.window.incidents).toBe(got.direct.window.incidents);
      expect(got.counted.window.medianHours).toBeCloseTo(
        got.direct.window.medianHours!,
        9,
      );
    });

    it('steps down and up again, the counts refilled from the rows', async () => {
      // the day counts of lead times (20261208) first, then the restore counts
      await knex.migrate.down(insightsMigrations);
      expect(await knex.schema.hasTable('insights_lead_hour_day_counts')).toBe(
        false,
      );
      await knex.migrate.down(insightsMigrations);
      expect(await knex.schema.hasTable('insights_restore_hour_counts')).toBe(
        false,
      );
      expect(
        await knex.schema.hasColumn('insights_incidents', 'restore_hours'),
      ).toBe(false);
      await knex.migrate.latest(insightsMigrations);
      const now = await countsAndRows();
      expect(now.counts).toEqual(now.fromRows);
      expect(now.counts.length).toBeGreaterThan(10);
    });
  },
);
