import { Knex } from 'knex';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { DEFAULT_DORA_THRESHOLDS } from '@internal/plugin-insights-common';
import { DoraService } from '../services/Dora/DoraService';
import { DatabaseDoraStore } from './DatabaseDoraStore';
import { DatabaseGithubStore } from './DatabaseGithubStore';
import { GithubRecord } from './GithubStore';
import { insightsMigrations } from './migrations';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

const H = 3_600_000;
const A = 'acme/a';
const B = 'acme/b';
/** Not in the scope: its rows are in the counts and must be subtracted. */
const C = 'acme/unclaimed';

/** A successful production deployment with changes authored `leads` hours before it. */
function deployment(
  deploymentId: number,
  repository: string,
  at: string,
  leads: number[],
  environment = 'production',
): GithubRecord[] {
  const time = Date.parse(at);
  return [
    {
      kind: 'deployment',
      deploymentId,
      repository,
      environment,
      sha: `${deploymentId}-head`,
      createdAt: new Date(time - 600_000).toISOString(),
    },
    {
      kind: 'deploymentStatus',
      deploymentId,
      state: 'success',
      at: new Date(time).toISOString(),
    },
    {
      kind: 'deploymentChanges',
      deploymentId,
      repository,
      commits: leads.map((lead, i) => ({
        sha: `${deploymentId}-${i}`,
        authoredAt: new Date(time - lead * H).toISOString(),
      })),
    },
  ];
}

/** The counts as the deltas sum, and the same figures aggregated from the rows. */
async function countsAndRows(knex: Knex) {
  const query = async (sql: string) =>
    (await knex.raw(sql)).rows.map((r: Record<string, unknown>) =>
      JSON.stringify(r),
    );
  return {
    days: await query(`SELECT day::text, sum(deployments)::int AS n
      FROM insights_deployment_day_counts GROUP BY day HAVING sum(deployments) <> 0 ORDER BY day`),
    daysFromRows:
      await query(`SELECT (succeeded_at AT TIME ZONE 'UTC')::date::text AS day,
        count(*)::int AS n
      FROM insights_deployments WHERE is_production AND succeeded_at IS NOT NULL
      GROUP BY 1 ORDER BY 1`),
    hours:
      await query(`SELECT week, hour, sum(changes)::int AS n FROM insights_lead_hour_counts
      GROUP BY week, hour HAVING sum(changes) <> 0 ORDER BY week, hour`),
    hoursFromRows: await query(`SELECT deployed_week AS week,
        insights_lead_hour(lead_hours) AS hour, count(*)::int AS n
      FROM insights_deployment_changes WHERE deployed_at IS NOT NULL AND lead_hours > 0
      GROUP BY 1, 2 ORDER BY 1, 2`),
    dayHours:
      await query(`SELECT day::text, hour, sum(changes)::int AS n FROM insights_lead_hour_day_counts
      GROUP BY day, hour HAVING sum(changes) <> 0 ORDER BY day, hour`),
    dayHoursFromRows:
      await query(`SELECT (deployed_at AT TIME ZONE 'UTC')::date::text AS day,
        insights_lead_hour(lead_hours) AS hour, count(*)::int AS n
      FROM insights_deployment_changes WHERE deployed_at IS NOT NULL AND lead_hours > 0
      GROUP BY 1, 2 ORDER BY 1, 2`),
  };
}

/** What `measures` answers for a window, read from a summary of the same window. */
const measureOf = (summary: {
  window: { from: string; to: string };
  leadTimeForChanges: { changes: number; medianHours: number | null };
  timeToRestore: { incidents: number; medianHours: number | null };
}) => ({
  from: new Date(summary.window.from),
  to: new Date(summary.window.to),
  changes: summary.leadTimeForChanges.changes,
  medianLeadTimeHours: summary.leadTimeForChanges.medianHours,
  incidentsRestored: summary.timeToRestore.incidents,
  medianTimeToRestoreHours: summary.timeToRestore.medianHours,
});

describe.each(databases.eachSupportedId())('DORA counts on %p', databaseId => {
  let knex: Knex;
  let store: DatabaseGithubStore;
  let doraStore: DatabaseDoraStore;
  /** Reads the counts whenever the scope holds more than half the repositories. */
  let counted: DoraService;
  /** Reads every row of the window. */
  let direct: DoraService;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest(insightsMigrations);
    store = new DatabaseGithubStore(knex, {
      productionPattern: '^prod(uction)?$',
      incidentPattern: 'incident',
    });
    doraStore = new DatabaseDoraStore(knex);
    counted = new DoraService(doraStore, DEFAULT_DORA_THRESHOLDS, {
      countsFromRepositories: 1,
    });
    direct = new DoraService(doraStore, DEFAULT_DORA_THRESHOLDS, {
      countsFromRepositories: Infinity,
    });
    await store.apply([
      // Before the window.
      ...deployment(1, A, '2025-02-28T10:00:00Z', [1]),
      // Saturday 1 March 18:00: the window's partial first day and partial first week.
      ...deployment(2, A, '2025-03-01T18:00:00Z', [2.5, 9000]),
      // Week of Monday 3 March.
      ...deployment(3, A, '2025-03-04T10:00:00Z', [1.25, 1.75, 3]),
      ...deployment(4, B, '2025-03-04T10:00:00Z', [3, -2, 40]),
      ...deployment(5, C, '2025-03-05T12:00:00Z', [1.5, 1.6, 1.7]),
      // Week of Monday 10 March.
      ...deployment(6, B, '2025-03-12T00:00:00Z', [6, 20]),
      // Monday 17 March: a whole day, in the window's partial last week.
      ...deployment(7, A, '2025-03-17T03:00:00Z', [0.5, 0.75]),
      ...deployment(8, C, '2025-03-17T10:00:00Z', [30]),
      // Tuesday 18 March 05:00: the partial last day; then one after the window.
      ...deployment(9, B, '2025-03-18T05:00:00Z', [12]),
      ...deployment(10, A, '2025-03-18T07:00:00Z', [1]),
      // A staging deployment counts nowhere.
      ...deployment(11, A, '2025-03-11T00:00:00Z', [2], 'staging'),
      {
        kind: 'issue',
        issueId: 1,
        repository: B,
        number: 1,
        title: 'Checkout down',
        labels: ['incident'],
        openedAt: '2025-03-12T01:00:00Z',
        closedAt: '2025-03-12T03:00:00Z',
      },
      {
        kind: 'issue',
        issueId: 2,
        repository: C,
        number: 1,
        title: 'Unclaimed outage',
        labels: ['incident'],
        openedAt: '2025-03-05T13:00:00Z',
        closedAt: '2025-03-05T14:00:00Z',
      },
    ]);
  });

  afterAll(async () => {
    await knex.destroy();
  });

  const window = {
    repositories: [A, B],
    from: new Date('2025-03-01T12:00:00Z'),
    to: new Date('2025-03-18T06:00:00Z'),
    scope: { repositories: 2 },
  };

  /** A summary by `counted`, checked to have read the counts. */
  async function readsCounts(input: Parameters<DoraService['summary']>[0]) {
    const queries: string[] = [];
    const listener = (q: { sql: string }) => queries.push(q.sql);
    knex.on('query', listener);
    try {
      const summary = await counted.summary(input);
      // The path probe, then the deliveries, lead-time and restore queries subtract the others.
      expect(
        queries.filter(sql => sql.includes('WITH RECURSIVE deploying')),
      ).toHaveLength(4);
      return summary;
    } finally {
      knex.removeListener('query', listener);
    }
  }

  it.each([
    ['the counts', () => ({ summary: readsCounts })],
    ['every row', () => direct],
  ])('gives the hand-worked figures reading %s', async (_reading, service) => {
    const summary = await service().summary(window);
    // Window: Sat 1 March 12:00 → Tue 18 March 06:00 = 16.75 days; whole weeks: 3 and 10
    // March (17 March + 7 days is past the end); no whole month.
    expect(summary.window).toMatchObject({ weeks: 2, months: 0 });

    // Deployments of A and B in the window: 2 (1 Mar), 3 and 4 (4 Mar), 6 (12 Mar),
    // 7 (17 Mar), 9 (18 Mar) = 6. Not 1 (before), 10 (after), 11 (staging), nor C's 5, 8.
    // Deploy-days per whole week: 3 Mar → {4} = 1; 10 Mar → {12} = 1; median 1 → high.
    expect(summary.deploymentFrequency).toMatchObject({
      deployments: 6,
      medianDeployDaysPerWeek: 1,
      medianDeployDaysPerMonth: null,
      category: 'high',
    });

    // Lead times (hours) of the window's changes, the −2 dropped:
    // 2: 2.5, 9000 | 3: 1.25, 1.75, 3 | 4: 3, 40 | 6: 6, 20 | 7: 0.5, 0.75 | 9: 12
    // Sorted (12): 0.5 0.75 1.25 1.75 2.5 3 3 6 12 20 40 9000
    // median: position 0.5 × 11 = 5.5 → 3 + 0.5 × (3 − 3) = 3 (a tie) → elite
    // p90: position 0.9 × 11 = 9.9 → 20 + 0.9 × (40 − 20) = 38 (across two hour buckets)
    expect(summary.leadTimeForChanges.changes).toBe(12);
    expect(summary.leadTimeForChanges.medianHours).toBe(3);
    expect(summary.leadTimeForChanges.p90Hours).toBeCloseTo(38, 10);
    expect(summary.leadTimeForChanges.category).toBe('elite');

    // The incident on B (12 Mar 01:00) → deployment 6; C's belongs to C. 1 ÷ 6 → low.
    expect(summary.changeFailureRate).toMatchObject({
      deployments: 6,
      failedDeployments: 1,
    });
    expect(summary.changeFailureRate.rate).toBeCloseTo(1 / 6, 12);
    expect(summary.changeFailureRate.category).toBe('low');
    expect(summary.timeToRestore).toEqual({
      incidents: 1,
      medianHours: 2,
      category: 'high',
    });

    // Week of 3 March: 3 and 4 on one day; changes 1.25 1.75 3 3 40 → median 3 (with C's
    // 1.5 1.6 1.7 it would be (1.7 + 1.75) ÷ 2). Week of 10 March: 6 with 6 and 20 →
    // 6 + 0.5 × 14 = 13, failed.
    expect(summary.weekly).toEqual([
      {
        weekStart: '2025-03-03T00:00:00.000Z',
        deployments: 2,
        deployDays: 1,
        changes: 5,
        medianLeadTimeHours: 3,
        failedDeployments: 0,
        changeFailureRate: 0,
        incidentsRestored: 0,
        medianTimeToRestoreHours: null,
      },
      {
        weekStart: '2025-03-10T00:00:00.000Z',
        deployments: 1,
        deployDays: 1,
        changes: 2,
        medianLeadTimeHours: 13,
        failedDeployments: 1,
        changeFailureRate: 1,
        incidentsRestored: 1,
        medianTimeToRestoreHours: 2,
      },
    ]);
  });

  it('counts the repositories with counted deployments outside a scope', async () => {
    // A, B and C have successful production deployments; staging alone would not count.
    expect(await doraStore.otherRepositoriesWithDeployments([A])).toBe(2);
    expect(await doraStore.otherRepositoriesWithDeployments([A, B])).toBe(1);
    expect(
      await doraStore.otherRepositoriesWithDeployments([A, B, C, 'acme/none']),
    ).toBe(0);
    expect(await doraStore.otherRepositoriesWithDeployments([])).toBe(3);
  });

  it('keeps the counts equal to the rows through folds, deletes and reclassification', async () => {
    const before = await readsCounts(window);
    let state = await countsAndRows(knex);
    expect(state.days).toEqual(state.daysFromRows);
    expect(state.hours).toEqual(state.hoursFromRows);
    expect(state.dayHours).toEqual(state.dayHoursFromRows);

    await doraStore.foldCounts();
    state = await countsAndRows(knex);
    expect(state.days).toEqual(state.daysFromRows);
    expect(state.hours).toEqual(state.hoursFromRows);
    expect(state.dayHours).toEqual(state.dayHoursFromRows);
    // One row per key once folded.
    const rows = await knex('insights_lead_hour_counts').count({ n: '*' });
    expect(Number(rows[0].n)).toBe(state.hours.length);
    expect(await counted.summary(window)).toEqual(before);

    // Writes while folds run (two at once): nothing counted twice or lost.
    await Promise.all([
      store.apply(deployment(20, B, '2025-03-13T09:00:00Z', [5, 7])),
      doraStore.foldCounts(),
      doraStore.foldCounts(),
      store.apply(deployment(21, C, '2025-03-13T09:00:00Z', [8])),
    ]);
    state = await countsAndRows(knex);
    expect(state.days).toEqual(state.daysFromRows);
    expect(state.hours).toEqual(state.hoursFromRows);
    expect(state.dayHours).toEqual(state.dayHoursFromRows);

    // Staging becomes production, then a deployment goes (its changes with it).
    const reclassifying = new DatabaseGithubStore(knex, {
      productionPattern: '^(prod(uction)?|staging)$',
      incidentPattern: 'incident',
    });
    await reclassifying.reclassify();
    await knex('insights_deployments').where({ deployment_id: 6 }).delete();
    state = await countsAndRows(knex);
    expect(state.days).toEqual(state.daysFromRows);
    expect(state.hours).toEqual(state.hoursFromRows);
    expect(state.dayHours).toEqual(state.dayHoursFromRows);
    expect(await counted.summary(window)).toEqual(await direct.summary(window));
    await store.reclassify();
  });

  it('gives the same summary from the counts as from the rows, over any window and scope', async () => {
    // Deterministic pseudo-random deployments over ten weeks in five repositories, lead times
    // from a few minutes to beyond a year, many in shared hour buckets, some equal.
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const repos = ['acme/r1', 'acme/r2', 'acme/r3', 'acme/r4', 'acme/r5'];
    const start = Date.parse('2025-05-01T00:00:00Z');
    const records: GithubRecord[] = [];
    for (let id = 100; id < 400; id++) {
      const at = new Date(start + random() * 70 * 24 * H).toISOString();
      const leads = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
        random() < 0.05
          ? 9000 + random() * 100
          : Math.round(random() * 200) / 4,
      );
      records.push(...deployment(id, repos[id % 5], at, leads));
      if (random() < 0.1) {
        records.push({
          kind: 'issue',
          issueId: id,
          repository: repos[id % 5],
          number: id,
          title: 'Incident',
          labels: ['incident'],
          openedAt: new Date(Date.parse(at) + random() * 5 * H).toISOString(),
          closedAt: new Date(Date.parse(at) + 6 * H).toISOString(),
        });
      }
    }
    await store.apply(records);
    const asked: {
      input: {
        repositories: string[];
        from: Date;
        to: Date;
        scope: { repositories: number };
      };
      summary: Awaited<ReturnType<DoraService['summary']>>;
    }[] = [];

    for (let i = 0; i < 12; i++) {
      const from = new Date(start + random() * 40 * 24 * H);
      const to = new Date(
        from.getTime() + (i % 4 === 0 ? 0.5 : random() * 40) * 24 * H,
      );
      // Six of the eight repositories with deployments: the counts path, less the other two.
      const repositories = i % 2 ? [...repos, A] : [...repos.slice(0, 4), A, B];
      const input = {
        repositories,
        from,
        to,
        scope: { repositories: repositories.length },
      };
      const fromCounts = await readsCounts(input);
      expect(fromCounts).toEqual(await direct.summary(input));

      // And the window's lead time as percentile_cont gives it over the rows.
      const reference = await knex.raw(
        `SELECT count(*) AS n,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY lead_hours) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY lead_hours) AS p90
         FROM insights_deployment_changes
         WHERE deployed_at >= ? AND deployed_at < ? AND lead_hours > 0
           AND repository = ANY(?::text[])`,
        [from, to, repositories],
      );
      const ref = reference.rows[0];
      expect(fromCounts.leadTimeForChanges).toMatchObject({
        changes: Number(ref.n),
        medianHours: ref.median,
        p90Hours: ref.p90,
      });

      // The few-windows read gives the summary's figures, on either path, and a window
      // asked without lead times its incidents alone.
      const windows = [
        { from, to },
        { from, to, leadTimes: false },
      ];
      for (const service of [counted, direct]) {
        const [full, incidentsOnly] = await service.measures({
          repositories,
          windows,
        });
        expect(full).toEqual(measureOf(fromCounts));
        expect(incidentsOnly).toEqual({
          ...measureOf(fromCounts),
          changes: null,
          medianLeadTimeHours: null,
        });
      }
      asked.push({ input, summary: fromCounts });
    }

    // Every window at once, with whole-day and whole-week edges and an empty one: each
    // window's figures are its own summary's.
    for (const [f, t] of [
      ['2025-05-05T00:00:00Z', '2025-06-02T00:00:00Z'],
      ['2025-05-01T00:00:00Z', '2025-07-01T00:00:00Z'],
      ['2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'],
    ]) {
      const input = {
        repositories: [...repos, A],
        from: new Date(f),
        to: new Date(t),
        scope: { repositories: 6 },
      };
      asked.push({ input, summary: await direct.summary(input) });
    }
    const summaryOf = (a: (typeof asked)[number], repositories: string[]) =>
      direct.summary({ ...a.input, repositories });
    for (const service of [counted, direct]) {
      for (const repositories of [
        [...repos, A],
        [...repos.slice(0, 4), A, B],
      ]) {
        const together = await service.measures({
          repositories,
          windows: asked.map(a => ({ from: a.input.from, to: a.input.to })),
        });
        const alone = await Promise.all(
          asked.map(a => summaryOf(a, repositories)),
        );
        expect(together).toEqual(alone.map(measureOf));
      }
    }
    expect(asked[asked.length - 1].summary.timeToRestore.incidents).toBe(0);
    expect(
      asked[asked.length - 2].summary.leadTimeForChanges.changes,
    ).toBeGreaterThan(0);
  });
});

describe.each(databases.eachSupportedId())(
  "Incidents' deployments on %p",
  databaseId => {
    const R = 'acme/r';
    const t = (hour: number) =>
      new Date(Date.UTC(2025, 2, 4, hour)).toISOString();

    /** Each incident's stored deployment, and what the attribution rule gives over the rows. */
    async function attribution(knex: Knex) {
      const rows = (
        await knex.raw(`
          SELECT i.issue_id::int AS issue, i.deployment_id::int AS stored,
            i.deployed_at = d.succeeded_at OR i.deployed_at IS NULL AND d.succeeded_at IS NULL
              AS time_matches,
            (SELECT r.deployment_id::int FROM insights_deployments r
              WHERE r.repository = i.repository AND r.is_production
                AND r.succeeded_at IS NOT NULL AND r.succeeded_at <= i.opened_at
              ORDER BY r.succeeded_at DESC, r.deployment_id DESC LIMIT 1) AS rule
          FROM insights_incidents i
          LEFT JOIN insights_deployments d ON d.deployment_id = i.deployment_id
          ORDER BY i.issue_id`)
      ).rows as Array<{
        issue: number;
        stored: number | null;
        time_matches: boolean;
        rule: number | null;
      }>;
      for (const row of rows) {
        expect({ issue: row.issue, stored: row.stored }).toEqual({
          issue: row.issue,
          stored: row.rule,
        });
        expect(row.time_matches).toBe(true);
      }
      return Object.fromEntries(rows.map(row => [row.issue, row.stored]));
    }

    const deploy = (knex: Knex, id: number, hour: number) =>
      knex('insights_deployments').insert({
        deployment_id: id,
        repository: R,
        environment: 'production',
        is_production: true,
        sha: `sha-${id}`,
        created_at: t(hour),
        succeeded_at: t(hour),
      });
    const incident = (knex: Knex, id: number, hour: number) =>
      knex('insights_incidents').insert({
        issue_id: id,
        repository: R,
        number: id,
        title: `Incident ${id}`,
        labels: ['incident'],
        is_incident: true,
        opened_at: t(hour),
        closed_at: t(hour + 1),
      });

    it('keeps each incident on the latest counted deployment at or before its opening, whatever arrives when', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);

      // Incident 1 at 10:00 before any deployment: none.
      await incident(knex, 1, 10);
      expect(await attribution(knex)).toEqual({ 1: null });
      // Deployment 1 at 09:00 arrives after it: it precedes 10:00.
      await deploy(knex, 1, 9);
      // Deployment 3 at 12:00, incident 2 at 13:00: 3.
      await deploy(knex, 3, 12);
      await incident(knex, 2, 13);
      expect(await attribution(knex)).toEqual({ 1: 1, 2: 3 });
      // Deployment 2 at 11:00, late: only what opened from 11:00 to 12:00 is its own.
      await deploy(knex, 2, 11);
      await incident(knex, 3, 11.5);
      expect(await attribution(knex)).toEqual({ 1: 1, 2: 3, 3: 2 });
      // Deployment 4 also at 12:00: on a tie the higher id, so 13:00 goes to 4.
      await deploy(knex, 4, 12);
      expect(await attribution(knex)).toEqual({ 1: 1, 2: 4, 3: 2 });
      // 4 turns out to be staging: 13:00 back to 3; then 3 goes: to 2 (11:00).
      await knex('insights_deployments')
        .where({ deployment_id: 4 })
        .update({ environment: 'staging', is_production: false });
      expect(await attribution(knex)).toEqual({ 1: 1, 2: 3, 3: 2 });
      await knex('insights_deployments').where({ deployment_id: 3 }).delete();
      expect(await attribution(knex)).toEqual({ 1: 1, 2: 2, 3: 2 });
      // 2's success was at 08:00 after all: 1 (09:00) is now the latest before each.
      await knex('insights_deployments')
        .where({ deployment_id: 2 })
        .update({ succeeded_at: t(8) });
      expect(await attribution(knex)).toEqual({ 1: 1, 2: 1, 3: 1 });
      // Incident 2 opened at 07:00 after all: before every deployment. A deployment of
      // another repository takes nothing.
      await knex('insights_incidents')
        .where({ issue_id: 2 })
        .update({ opened_at: t(7) });
      await knex('insights_deployments').insert({
        deployment_id: 9,
        repository: 'acme/other',
        environment: 'production',
        is_production: true,
        sha: 'sha-9',
        created_at: t(6),
        succeeded_at: t(6),
      });
      expect(await attribution(knex)).toEqual({ 1: 1, 2: null, 3: 1 });
      await knex.destroy();
    });

    it('attributes the incidents stored before the migration, and steps down keeping them', async () => {
      const knex = await databases.init(databaseId);
      // Up to 20261203_survey_comments_apart.js, the migration before.
      for (let i = 0; i < 6; i++) await knex.migrate.up(insightsMigrations);
      await deploy(knex, 1, 9);
      await deploy(knex, 2, 11);
      await incident(knex, 1, 8);
      await incident(knex, 2, 10);
      await incident(knex, 3, 12);
      await knex.migrate.up(insightsMigrations);
      expect(await attribution(knex)).toEqual({ 1: null, 2: 1, 3: 2 });

      await knex.migrate.down(insightsMigrations);
      expect(
        await knex.schema.hasColumn('insights_incidents', 'deployment_id'),
      ).toBe(false);
      expect(await knex('insights_incidents')).toHaveLength(3);
      await knex.destroy();
    });
  },
);
