import { Knex } from 'knex';
import { CohortTotals } from '@internal/plugin-insights-common';
import { CohortMember, CohortStore, StoredAdoptionDate } from './CohortStore';

const TABLE = 'insights_team_adoption_dates';

/** A grouping set's key: the cohort, or (on the pools' rows) the pool. */
const KEY = `CASE WHEN GROUPING(cohort) = 0 THEN cohort END AS cohort,
  CASE WHEN GROUPING(pool) = 0 THEN pool END AS pool`;
const SAME_KEY = (alias: string) =>
  `${alias}.cohort IS NOT DISTINCT FROM k.cohort AND ${alias}.pool IS NOT DISTINCT FROM k.pool`;

const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

const stored = (row: {
  team_ref: string;
  adopted_at: Date;
  set_by: string;
  set_at: Date;
}): StoredAdoptionDate => ({
  team: row.team_ref,
  adoptedAt: new Date(row.adopted_at),
  setBy: row.set_by,
  setAt: new Date(row.set_at),
});

/** The cohorts' reads and the teams' adoption dates, in PostgreSQL. */
export class DatabaseCohortStore implements CohortStore {
  constructor(private readonly db: Knex) {}

  async adoptionDates(
    teams: string[],
  ): Promise<Map<string, StoredAdoptionDate>> {
    if (teams.length === 0) return new Map();
    const rows = await this.db(TABLE).whereIn('team_ref', teams);
    return new Map(rows.map(row => [row.team_ref, stored(row)]));
  }

  async setAdoptionDate(input: {
    team: string;
    adoptedAt: Date;
    setBy: string;
  }): Promise<StoredAdoptionDate> {
    const [row] = await this.db(TABLE)
      .insert({
        team_ref: input.team,
        adopted_at: input.adoptedAt,
        set_by: input.setBy,
        set_at: this.db.fn.now(),
      })
      .onConflict('team_ref')
      .merge()
      .returning('*');
    return stored(row);
  }

  async clearAdoptionDate(team: string): Promise<boolean> {
    return (await this.db(TABLE).where('team_ref', team).delete()) > 0;
  }

  /**
   * One statement: each repository's first recorded commit (read through the commits' primary
   * key, one repository at a time) and first successful production deployment (the first
   * entry of the production index), the earliest per team.
   */
  async firstGoldenPathServices(
    repositoriesByTeam: Array<{ team: string; repository: string }>,
  ): Promise<Map<string, Date>> {
    if (repositoriesByTeam.length === 0) return new Map();
    const result = await this.db.raw(
      `SELECT m.team, min(least(c.first, d.first)) AS first
       FROM unnest(:teams::text[], :repositories::text[]) AS m(team, repository)
       CROSS JOIN LATERAL (
         SELECT min(authored_at) AS first FROM insights_commits
         WHERE repository = m.repository
       ) c
       CROSS JOIN LATERAL (
         SELECT min(succeeded_at) AS first FROM insights_deployments
         WHERE repository = m.repository AND is_production
           AND succeeded_at IS NOT NULL
       ) d
       GROUP BY m.team
       HAVING min(least(c.first, d.first)) IS NOT NULL`,
      {
        teams: repositoriesByTeam.map(r => r.team),
        repositories: repositoriesByTeam.map(r => r.repository),
      },
    );
    return new Map(
      (result.rows as Array<{ team: string; first: Date }>).map(row => [
        row.team,
        new Date(row.first),
      ]),
    );
  }

  async totals(members: CohortMember[]): Promise<Map<string, CohortTotals>> {
    if (members.length === 0) return new Map();
    const result = await this.db.raw(
      `WITH m AS (
         SELECT * FROM unnest(:cohorts::text[], :pools::text[], :repositories::text[],
           :froms::timestamptz[], :tos::timestamptz[]) AS m(cohort, pool, repository, p_from, p_to)
       ),
       keys AS (
         SELECT ${KEY}, count(*) AS services FROM m
         GROUP BY GROUPING SETS ((cohort), (pool))
         HAVING GROUPING(pool) = 1 OR pool IS NOT NULL
       ),
       -- Each member's counted deployments in its period.
       deployed AS (
         SELECT m.cohort, m.pool, m.repository, m.p_from, m.p_to, count(*) AS n
         FROM m JOIN insights_deployments d
           ON d.repository = m.repository AND d.is_production AND d.succeeded_at IS NOT NULL
          AND d.succeeded_at >= m.p_from AND d.succeeded_at < m.p_to
         GROUP BY 1, 2, 3, 4, 5
       ),
       deliveries AS (
         SELECT ${KEY}, sum(n) AS deployments, count(*) AS deployed_services,
           sum(date_part('epoch', p_to - p_from)) / 86400.0 AS deployed_service_days
         FROM deployed
         GROUP BY GROUPING SETS ((cohort), (pool))
       ),
       -- A failed deployment: one an incident is attributed to (migration 20261204), as in
       -- the DORA summary.
       failures AS (
         SELECT ${KEY}, count(DISTINCT (m.cohort, i.deployment_id)) AS failed
         FROM m JOIN insights_incidents i
           ON i.is_incident AND i.repository = m.repository AND i.opened_at >= m.p_from
          AND i.deployed_at >= m.p_from AND i.deployed_at < m.p_to
         GROUP BY GROUPING SETS ((cohort), (pool))
       ),
       leads AS (
         SELECT ${KEY}, count(*) AS changes,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY c.lead_hours) AS median
         FROM m JOIN insights_deployment_changes c
           ON c.repository = m.repository AND c.deployed_at IS NOT NULL AND c.lead_hours > 0
          AND c.deployed_at >= m.p_from AND c.deployed_at < m.p_to
         GROUP BY GROUPING SETS ((cohort), (pool))
       ),
       restores AS (
         SELECT ${KEY}, count(*) AS incidents,
           percentile_cont(0.5) WITHIN GROUP (
             ORDER BY date_part('epoch', i.closed_at - i.opened_at) / 3600.0) AS median
         FROM m JOIN insights_incidents i
           ON i.is_incident AND i.closed_at IS NOT NULL AND i.repository = m.repository
          AND i.closed_at >= m.p_from AND i.closed_at < m.p_to
         GROUP BY GROUPING SETS ((cohort), (pool))
       )
       SELECT k.cohort, k.pool, k.services,
         coalesce(d.deployments, 0) AS deployments,
         coalesce(d.deployed_services, 0) AS deployed_services,
         coalesce(d.deployed_service_days, 0) AS deployed_service_days,
         coalesce(f.failed, 0) AS failed,
         coalesce(l.changes, 0) AS changes, l.median AS lead_median,
         coalesce(r.incidents, 0) AS incidents, r.median AS restore_median
       FROM keys k
       LEFT JOIN deliveries d ON ${SAME_KEY('d')}
       LEFT JOIN failures f ON ${SAME_KEY('f')}
       LEFT JOIN leads l ON ${SAME_KEY('l')}
       LEFT JOIN restores r ON ${SAME_KEY('r')}`,
      {
        cohorts: members.map(m => m.cohort),
        pools: members.map(m => m.pool ?? null),
        repositories: members.map(m => m.repository),
        froms: members.map(m => m.from),
        tos: members.map(m => m.to),
      },
    );
    const totals = new Map<string, CohortTotals>();
    for (const row of result.rows) {
      totals.set(row.cohort ?? `pool:${row.pool}`, {
        services: Number(row.services),
        servicesWithDeployments: Number(row.deployed_services),
        deployedServiceDays: Number(row.deployed_service_days),
        deployments: Number(row.deployments),
        failedDeployments: Number(row.failed),
        changes: Number(row.changes),
        medianLeadTimeHours: num(row.lead_median),
        incidentsRestored: Number(row.incidents),
        medianTimeToRestoreHours: num(row.restore_median),
      });
    }
    return totals;
  }
}
