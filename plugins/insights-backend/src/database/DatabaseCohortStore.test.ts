import { Knex } from 'knex';
import { createPostgresTestDatabases } from '@internal/test-databases';
import {
  DEFAULT_DORA_THRESHOLDS,
  percentileCont,
} from '@internal/plugin-insights-common';
import { DoraService } from '../services/Dora/DoraService';
import { DatabaseCohortStore } from './DatabaseCohortStore';
import { DatabaseDoraStore } from './DatabaseDoraStore';
import { DatabaseGithubStore } from './DatabaseGithubStore';
import { insightsMigrations } from './migrations';
import { history, REPOSITORIES } from '../__testUtils__/history';

jest.setTimeout(180_000);

const databases = createPostgresTestDatabases();

const H = 3_600_000;
const DAY = 24 * H;

describe.each(databases.eachSupportedId())('cohorts on %p', databaseId => {
  let knex: Knex;
  let cohorts: DatabaseCohortStore;
  let dora: DoraService;
  let counted: DoraService;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest(insightsMigrations);
    const github = new DatabaseGithubStore(knex, {
      productionPattern: '^prod(uction)?$',
      incidentPattern: 'incident',
    });
    await github.apply(history());
    cohorts = new DatabaseCohortStore(knex);
    const doraStore = new DatabaseDoraStore(knex);
    dora = new DoraService(doraStore, DEFAULT_DORA_THRESHOLDS, {
      countsFromRepositories: Infinity,
    });
    counted = new DoraService(doraStore, DEFAULT_DORA_THRESHOLDS, {
      countsFromRepositories: 1,
    });
  });

  afterAll(async () => {
    await knex.destroy();
  });

  /** The DORA summary's figures of a cohort, as the totals carry them. */
  async function summaryFigures(
    service: DoraService,
    repositories: string[],
    from: Date,
    to: Date,
  ) {
    const s = await service.summary({
      repositories,
      from,
      to,
      scope: { repositories: repositories.length },
    });
    return {
      deployments: s.deploymentFrequency.deployments,
      failedDeployments: s.changeFailureRate.failedDeployments,
      changes: s.leadTimeForChanges.changes,
      medianLeadTimeHours: s.leadTimeForChanges.medianHours,
      incidentsRestored: s.timeToRestore.incidents,
      medianTimeToRestoreHours: s.timeToRestore.medianHours,
    };
  }

  it('gives each cohort the figures of the DORA summary of its repositories', async () => {
    const from = new Date('2025-01-15T06:00:00Z');
    const to = new Date('2025-06-10T18:00:00Z');
    const golden = REPOSITORIES.slice(0, 3);
    const offRoad = REPOSITORIES.slice(3);
    const totals = await cohorts.totals([
      ...golden.map(repository => ({
        cohort: 'golden-path',
        repository,
        from,
        to,
      })),
      ...offRoad.map(repository => ({
        cohort: 'off-road',
        repository,
        from,
        to,
      })),
    ]);
    for (const [cohort, repositories] of [
      ['golden-path', golden],
      ['off-road', offRoad],
    ] as const) {
      const got = totals.get(cohort)!;
      const expected = await summaryFigures(dora, repositories, from, to);
      expect(expected.deployments).toBeGreaterThan(50);
      expect(expected.failedDeployments).toBeGreaterThan(0);
      expect(expected.incidentsRestored).toBeGreaterThan(0);
      expect(got).toMatchObject({
        services: repositories.length,
        ...expected,
        medianLeadTimeHours: expect.closeTo(expected.medianLeadTimeHours!, 9),
        medianTimeToRestoreHours: expect.closeTo(
          expected.medianTimeToRestoreHours!,
          9,
        ),
      });
      // The counts path of the summary (the organisation's) agrees as well.
      expect(await summaryFigures(counted, repositories, from, to)).toEqual(
        expected,
      );
      // Every repository deployed: its period summed once each.
      expect(got.servicesWithDeployments).toBe(repositories.length);
      expect(got.deployedServiceDays).toBeCloseTo(
        (repositories.length * (to.getTime() - from.getTime())) / DAY,
        6,
      );
    }
  });

  it('gives each team its own periods and pools them', async () => {
    const from = new Date('2025-01-01T00:00:00Z');
    const to = new Date('2025-07-01T00:00:00Z');
    const cutA = new Date('2025-03-10T00:00:00Z');
    const cutB = new Date('2025-05-01T12:00:00Z');
    const teamA = REPOSITORIES.slice(0, 4);
    const teamB = REPOSITORIES.slice(4);
    const members = [
      ...teamA.flatMap(repository => [
        { cohort: 'a|before', pool: 'before', repository, from, to: cutA },
        { cohort: 'a|after', pool: 'after', repository, from: cutA, to },
      ]),
      ...teamB.flatMap(repository => [
        { cohort: 'b|before', pool: 'before', repository, from, to: cutB },
        { cohort: 'b|after', pool: 'after', repository, from: cutB, to },
      ]),
    ];
    const totals = await cohorts.totals(members);

    for (const [cohort, repositories, f, t] of [
      ['a|before', teamA, from, cutA],
      ['a|after', teamA, cutA, to],
      ['b|before', teamB, from, cutB],
      ['b|after', teamB, cutB, to],
    ] as const) {
      const expected = await summaryFigures(dora, [...repositories], f, t);
      expect(totals.get(cohort)).toMatchObject({
        ...expected,
        medianLeadTimeHours: expect.closeTo(expected.medianLeadTimeHours!, 9),
        medianTimeToRestoreHours: expect.closeTo(
          expected.medianTimeToRestoreHours!,
          9,
        ),
      });
    }

    // A pool's counts are its teams' sums; its medians are over the union of their values,
    // read here row by row.
    for (const side of ['before', 'after'] as const) {
      const a = totals.get(`a|${side}`)!;
      const b = totals.get(`b|${side}`)!;
      const pool = totals.get(`pool:${side}`)!;
      expect(pool.services).toBe(8);
      expect(pool.deployments).toBe(a.deployments + b.deployments);
      expect(pool.failedDeployments).toBe(
        a.failedDeployments + b.failedDeployments,
      );
      expect(pool.changes).toBe(a.changes + b.changes);
      expect(pool.incidentsRestored).toBe(
        a.incidentsRestored + b.incidentsRestored,
      );
      expect(pool.deployedServiceDays).toBeCloseTo(
        a.deployedServiceDays + b.deployedServiceDays,
        6,
      );
      const periods = members.filter(m => m.pool === side);
      const leads: number[] = [];
      const restores: number[] = [];
      for (const m of periods) {
        const rows = await knex('insights_deployment_changes')
          .where({ repository: m.repository })
          .whereNotNull('deployed_at')
          .where('lead_hours', '>', 0)
          .where('deployed_at', '>=', m.from)
          .where('deployed_at', '<', m.to)
          .select('lead_hours');
        leads.push(...rows.map(r => Number(r.lead_hours)));
        const incidents = await knex('insights_incidents')
          .where({ repository: m.repository, is_incident: true })
          .whereNotNull('closed_at')
          .where('closed_at', '>=', m.from)
          .where('closed_at', '<', m.to)
          .select('opened_at', 'closed_at');
        restores.push(
          ...incidents.map(
            r =>
              (new Date(r.closed_at).getTime() -
                new Date(r.opened_at).getTime()) /
              H,
          ),
        );
      }
      expect(pool.changes).toBe(leads.length);
      expect(pool.medianLeadTimeHours).toBeCloseTo(
        percentileCont(leads, 0.5)!,
        9,
      );
      expect(pool.medianTimeToRestoreHours).toBeCloseTo(
        percentileCont(restores, 0.5)!,
        9,
      );
    }
  });

  it('finds each team its first golden-path service', async () => {
    /** The earliest first commit or successful production deployment, read row by row. */
    const firstOf = async (repositories: string[]) => {
      const deployed = await knex('insights_deployments')
        .whereIn('repository', repositories)
        .where('is_production', true)
        .whereNotNull('succeeded_at')
        .select('succeeded_at as at');
      const committed = await knex('insights_commits')
        .whereIn('repository', repositories)
        .select('authored_at as at');
      return Math.min(
        ...[...deployed, ...committed].map(r => new Date(r.at).getTime()),
      );
    };
    const got = await cohorts.firstGoldenPathServices([
      { team: 'group:default/a', repository: REPOSITORIES[0] },
      { team: 'group:default/a', repository: REPOSITORIES[1] },
      { team: 'group:default/b', repository: REPOSITORIES[2] },
      { team: 'group:default/c', repository: 'acme/never-seen' },
    ]);
    expect(got.get('group:default/a')?.getTime()).toBe(
      await firstOf(REPOSITORIES.slice(0, 2)),
    );
    expect(got.get('group:default/b')?.getTime()).toBe(
      await firstOf([REPOSITORIES[2]]),
    );
    expect(got.has('group:default/c')).toBe(false);
  });

  it('keeps, moves and clears a team adoption date', async () => {
    const team = 'group:default/payments';
    expect(await cohorts.adoptionDates([team])).toEqual(new Map());
    const set = await cohorts.setAdoptionDate({
      team,
      adoptedAt: new Date('2025-02-01T00:00:00Z'),
      setBy: 'user:default/admin',
    });
    expect(set).toMatchObject({
      team,
      adoptedAt: new Date('2025-02-01T00:00:00Z'),
      setBy: 'user:default/admin',
    });
    await cohorts.setAdoptionDate({
      team,
      adoptedAt: new Date('2025-04-01T00:00:00Z'),
      setBy: 'user:default/other-admin',
    });
    const stored = await cohorts.adoptionDates([team, 'group:default/none']);
    expect([...stored.keys()]).toEqual([team]);
    expect(stored.get(team)).toMatchObject({
      adoptedAt: new Date('2025-04-01T00:00:00Z'),
      setBy: 'user:default/other-admin',
    });
    expect(await cohorts.clearAdoptionDate(team)).toBe(true);
    expect(await cohorts.clearAdoptionDate(team)).toBe(false);
    expect(await cohorts.adoptionDates([team])).toEqual(new Map());
  });
});
