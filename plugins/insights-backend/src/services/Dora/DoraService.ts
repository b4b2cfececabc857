import { Knex } from 'knex';
import {
  changeFailureRate,
  changeFailureRateCategory,
  deploymentFrequencyCategory,
  deploymentsPerWeek,
  DoraSummary,
  DoraThresholds,
  DoraWeek,
  leadTimeCategory,
  timeToRestoreCategory,
  wholeMonths,
  wholeWeeks,
  windowDays,
} from '@internal/plugin-insights-common';

const WEEK_MS = 7 * 86_400_000;

/**
 * How the changes of the window's deployments are read. A component's or a team's
 * deployments are a small share of the table, so each one's changes are looked up by its id
 * (`OFFSET 0` keeps the planner from turning the lookup into a hash join that reads every
 * change); across many repositories one pass over the table is cheaper.
 */
const changesOfDeployments = (repositories: number) =>
  repositories > 100
    ? 'JOIN insights_deployment_changes c ON c.deployment_id = dep.deployment_id'
    : `CROSS JOIN LATERAL (
         SELECT c.authored_at FROM insights_deployment_changes c
         WHERE c.deployment_id = dep.deployment_id OFFSET 0
       ) c`;

const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

/**
 * DORA metrics over `[from, to)` for a set of repositories, computed in PostgreSQL.
 * See docs/plugins/insights.md for the definitions.
 */
export class DoraService {
  constructor(
    private readonly db: Knex,
    private readonly thresholds: DoraThresholds,
  ) {}

  async summary(input: {
    repositories: string[];
    from: Date;
    to: Date;
    scope: DoraSummary['scope'];
  }): Promise<DoraSummary> {
    const { repositories, from, to } = input;
    const weeks = wholeWeeks(from, to);
    const months = wholeMonths(from, to);
    const weekEnds = weeks.map(w => new Date(w.getTime() + WEEK_MS));
    const monthEnds = months.map(
      m => new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1)),
    );
    const base: Knex.RawBinding[] = [repositories, from, to];

    const deployed = `
      dep AS (
        SELECT d.deployment_id, d.repository, d.succeeded_at
        FROM insights_deployments d
        WHERE d.is_production AND d.succeeded_at IS NOT NULL
          AND d.repository = ANY(?::text[]) AND d.succeeded_at >= ? AND d.succeeded_at < ?
      )`;
    // Each incident is attributed to the latest successful production deployment of its
    // repository at or before its creation (ties on time: the higher deployment id).
    const failed = `
      failed AS (
        SELECT DISTINCT a.deployment_id, a.succeeded_at
        FROM insights_incidents i
        CROSS JOIN LATERAL (
          SELECT d.deployment_id, d.succeeded_at FROM insights_deployments d
          WHERE d.repository = i.repository AND d.is_production
            AND d.succeeded_at IS NOT NULL AND d.succeeded_at <= i.opened_at
          ORDER BY d.succeeded_at DESC, d.deployment_id DESC
          LIMIT 1
        ) a
        WHERE i.is_incident AND i.repository = ANY(?::text[]) AND i.opened_at >= ?
          AND a.succeeded_at >= ? AND a.succeeded_at < ?
      )`;
    const failedParams: Knex.RawBinding[] = [repositories, from, from, to];

    // The five reads are independent: they run at once, each on its own connection.
    const [freq, lead, cfr, ttr, weekly] = await Promise.all([
      this.db.raw(
        `WITH ${deployed},
       -- Weeks and months start at 00:00 UTC, so the days with a deployment (at most one
       -- row per day) are all they need: no join of every deployment with every week.
       deploy_days AS (
         SELECT DISTINCT (succeeded_at AT TIME ZONE 'UTC')::date AS day FROM dep
       ),
       per_week AS (
         SELECT w.ws, count(dd.day) AS days
         FROM unnest(?::timestamptz[], ?::timestamptz[]) AS w(ws, we)
         LEFT JOIN deploy_days dd ON dd.day >= (w.ws AT TIME ZONE 'UTC')::date
           AND dd.day < (w.we AT TIME ZONE 'UTC')::date
         GROUP BY w.ws
       ),
       per_month AS (
         SELECT m.ms, count(dd.day) AS days
         FROM unnest(?::timestamptz[], ?::timestamptz[]) AS m(ms, me)
         LEFT JOIN deploy_days dd ON dd.day >= (m.ms AT TIME ZONE 'UTC')::date
           AND dd.day < (m.me AT TIME ZONE 'UTC')::date
         GROUP BY m.ms
       )
       SELECT
         (SELECT count(*) FROM dep) AS deployments,
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM per_week) AS week_median,
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM per_month) AS month_median`,
        [...base, weeks, weekEnds, months, monthEnds],
      ),
      this.db.raw(
        `WITH ${deployed}
       SELECT count(*) AS changes,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90
       FROM (
         SELECT date_part('epoch', dep.succeeded_at - c.authored_at) / 3600.0 AS hours
         FROM dep ${changesOfDeployments(repositories.length)}
       ) x
       WHERE hours > 0`,
        base,
      ),
      this.db.raw(`WITH ${failed} SELECT count(*) AS failed FROM failed`, [
        ...failedParams,
      ]),
      this.db.raw(
        `SELECT count(*) AS incidents,
         percentile_cont(0.5) WITHIN GROUP (
           ORDER BY date_part('epoch', closed_at - opened_at) / 3600.0) AS median
       FROM insights_incidents
       WHERE is_incident AND closed_at IS NOT NULL
         AND repository = ANY(?::text[]) AND closed_at >= ? AND closed_at < ?`,
        base,
      ),
      this.weekly({
        repositories,
        weeks,
        weekEnds,
        deployed,
        failed,
        params: [...base, ...failedParams],
      }),
    ]);
    const f = freq.rows[0];
    const deployments = Number(f.deployments);
    const weekMedian = num(f.week_median);
    const monthMedian = num(f.month_median);
    const l = lead.rows[0];
    const failedDeployments = Number(cfr.rows[0].failed);
    const r = ttr.rows[0];

    const rate = changeFailureRate(failedDeployments, deployments);
    const days = windowDays(from, to);
    return {
      scope: input.scope,
      window: {
        from: from.toISOString(),
        to: to.toISOString(),
        days,
        weeks: weeks.length,
        months: months.length,
      },
      deploymentFrequency: {
        deployments,
        deploymentsPerWeek: deploymentsPerWeek(deployments, days),
        medianDeployDaysPerWeek: weekMedian,
        medianDeployDaysPerMonth: monthMedian,
        category: deploymentFrequencyCategory(
          weekMedian,
          monthMedian,
          this.thresholds,
        ),
      },
      leadTimeForChanges: {
        changes: Number(l.changes),
        medianHours: num(l.median),
        p90Hours: num(l.p90),
        category: leadTimeCategory(num(l.median), this.thresholds),
      },
      changeFailureRate: {
        deployments,
        failedDeployments,
        rate,
        category: changeFailureRateCategory(rate, this.thresholds),
      },
      timeToRestore: {
        incidents: Number(r.incidents),
        medianHours: num(r.median),
        category: timeToRestoreCategory(num(r.median), this.thresholds),
      },
      weekly,
    };
  }

  private async weekly(input: {
    repositories: string[];
    weeks: Date[];
    weekEnds: Date[];
    deployed: string;
    failed: string;
    params: Knex.RawBinding[];
  }): Promise<DoraWeek[]> {
    const { repositories, weeks, weekEnds, deployed, failed, params } = input;
    if (weeks.length === 0) return [];
    // Rows are bucketed by their Monday-00:00-UTC week (date_trunc('week') is ISO, Monday
    // based) and joined to the window's whole weeks by equality.
    const week = (column: string) =>
      `(date_trunc('week', ${column} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;
    const result = await this.db.raw(
      `WITH ${deployed}, ${failed},
       w AS (SELECT * FROM unnest(?::timestamptz[]) AS w(ws)),
       d AS (
         SELECT ${week('succeeded_at')} AS ws, count(*) AS deployments,
           count(DISTINCT (succeeded_at AT TIME ZONE 'UTC')::date) AS days
         FROM dep GROUP BY 1
       ),
       lt AS (
         SELECT ws, count(*) AS changes,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median
         FROM (
           SELECT ${week('dep.succeeded_at')} AS ws,
             date_part('epoch', dep.succeeded_at - c.authored_at) / 3600.0 AS hours
           FROM dep ${changesOfDeployments(repositories.length)}
         ) x WHERE hours > 0 GROUP BY ws
       ),
       fl AS (SELECT ${week(
         'succeeded_at',
       )} AS ws, count(*) AS failed FROM failed GROUP BY 1),
       rs AS (
         SELECT ${week('i.closed_at')} AS ws, count(*) AS incidents,
           percentile_cont(0.5) WITHIN GROUP (
             ORDER BY date_part('epoch', i.closed_at - i.opened_at) / 3600.0) AS median
         FROM insights_incidents i
         WHERE i.is_incident AND i.closed_at IS NOT NULL AND i.repository = ANY(?::text[])
           AND i.closed_at >= ? AND i.closed_at < ?
         GROUP BY 1
       )
       SELECT w.ws,
         coalesce(d.deployments, 0) AS deployments, coalesce(d.days, 0) AS days,
         coalesce(lt.changes, 0) AS changes, lt.median AS lead_median,
         coalesce(fl.failed, 0) AS failed,
         coalesce(rs.incidents, 0) AS incidents, rs.median AS restore_median
       FROM w
       LEFT JOIN d ON d.ws = w.ws
       LEFT JOIN lt ON lt.ws = w.ws
       LEFT JOIN fl ON fl.ws = w.ws
       LEFT JOIN rs ON rs.ws = w.ws
       ORDER BY w.ws`,
      [...params, weeks, repositories, weeks[0], weekEnds[weekEnds.length - 1]],
    );
    return result.rows.map((row: any) => {
      const deployments = Number(row.deployments);
      const failedCount = Number(row.failed);
      return {
        weekStart: new Date(row.ws).toISOString(),
        deployments,
        deployDays: Number(row.days),
        changes: Number(row.changes),
        medianLeadTimeHours: num(row.lead_median),
        failedDeployments: failedCount,
        changeFailureRate: changeFailureRate(failedCount, deployments),
        incidentsRestored: Number(row.incidents),
        medianTimeToRestoreHours: num(row.restore_median),
      };
    });
  }
}
