import { Knex } from 'knex';
import {
  changeFailureRate,
  changeFailureRateCategory,
  deploymentFrequencyCategory,
  deploymentsPerWeek,
  DoraSummary,
  DoraThresholds,
  leadTimeCategory,
  timeToRestoreCategory,
  wholeMonths,
  wholeWeeks,
  windowDays,
} from '@internal/plugin-insights-common';

const WEEK_MS = 7 * 86_400_000;

/**
 * The lead times of a window's changes. Each change carries its deployment's repository,
 * time and week (migration 20261124): a component's or a team's are read by repository, and
 * the organisation's come in lead-time order from an index, so the percentiles' sort finds
 * them already sorted.
 */
const leadTimes = (columns: string, timeCondition: string, orderBy: string) => `
  SELECT ${columns} FROM insights_deployment_changes c
  WHERE c.deployed_at IS NOT NULL AND c.lead_hours > 0
    AND c.repository = ANY(?::text[]) AND ${timeCondition}
  ORDER BY ${orderBy}`;

const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

type Window = {
  repositories: string[];
  from: Date;
  to: Date;
  /** The window's whole weeks and months, with their ends. */
  weeks: Date[];
  weekEnds: Date[];
  months: Date[];
  monthEnds: Date[];
};

/** A week's start as a map key: SQL answers give it as a Date or as JSON text. */
const weekKey = (ws: string | Date) => new Date(ws).getTime();

/** A week's row of the SQL answers, keyed by its start. */
const byWeek = <T extends { ws: string | Date }>(rows: T[]) =>
  new Map(rows.map(row => [weekKey(row.ws), row]));

/**
 * DORA metrics over `[from, to)` for a set of repositories, computed in PostgreSQL.
 * See docs/plugins/insights.md for the definitions.
 *
 * Four independent reads run at once, each on its own connection: deployments with their
 * failures, lead times over the window, lead times per week, restores. Each returns the
 * window's figures and its weekly series together where one pass can give both.
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
    const { from, to } = input;
    const weeks = wholeWeeks(from, to);
    const months = wholeMonths(from, to);
    const w: Window = {
      repositories: input.repositories,
      from,
      to,
      weeks,
      weekEnds: weeks.map(ws => new Date(ws.getTime() + WEEK_MS)),
      months,
      monthEnds: months.map(
        m => new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1)),
      ),
    };
    const [deliveries, lead, weeklyLead, restores] = await Promise.all([
      this.deliveries(w),
      this.leadTime(w),
      this.weeklyLeadTime(w),
      this.restores(w),
    ]);

    const { deployments, failedDeployments, weekMedian, monthMedian } =
      deliveries;
    const rate = changeFailureRate(failedDeployments, deployments);
    const days = windowDays(from, to);
    const leadByWeek = byWeek(weeklyLead);
    const restoresByWeek = byWeek(restores.weekly);
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
        ...lead,
        category: leadTimeCategory(lead.medianHours, this.thresholds),
      },
      changeFailureRate: {
        deployments,
        failedDeployments,
        rate,
        category: changeFailureRateCategory(rate, this.thresholds),
      },
      timeToRestore: {
        ...restores.window,
        category: timeToRestoreCategory(
          restores.window.medianHours,
          this.thresholds,
        ),
      },
      weekly: deliveries.weekly.map(week => {
        const key = weekKey(week.ws);
        const weekLead = leadByWeek.get(key);
        const restored = restoresByWeek.get(key);
        return {
          weekStart: new Date(key).toISOString(),
          deployments: week.deployments,
          deployDays: week.days,
          changes: weekLead ? Number(weekLead.changes) : 0,
          medianLeadTimeHours: num(weekLead?.median),
          failedDeployments: week.failed,
          changeFailureRate: changeFailureRate(week.failed, week.deployments),
          incidentsRestored: restored ? Number(restored.incidents) : 0,
          medianTimeToRestoreHours: num(restored?.median),
        };
      }),
    };
  }

  /**
   * Deployments and failed deployments, counted per day in one pass: weeks and months
   * start at 00:00 UTC, so the days (at most one row each) give the weekly counts, the
   * deploy-days per week and per month, and the window's totals.
   */
  private async deliveries(w: Window) {
    const { repositories, from, to } = w;
    const day = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;
    const result = await this.db.raw(
      `WITH dep AS (
         SELECT d.succeeded_at FROM insights_deployments d
         WHERE d.is_production AND d.succeeded_at IS NOT NULL
           AND d.repository = ANY(?::text[]) AND d.succeeded_at >= ? AND d.succeeded_at < ?
       ),
       -- Each incident is attributed to the latest successful production deployment of its
       -- repository at or before its creation (ties on time: the higher deployment id).
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
       ),
       per_day AS (
         SELECT day, sum(deployments) AS deployments, sum(failed) AS failed
         FROM (
           SELECT ${day(
             'succeeded_at',
           )} AS day, count(*) AS deployments, 0 AS failed
           FROM dep GROUP BY 1
           UNION ALL
           SELECT ${day('succeeded_at')}, 0, count(*) FROM failed GROUP BY 1
         ) x
         GROUP BY day
       ),
       per_week AS (
         SELECT wk.ws, coalesce(sum(pd.deployments), 0)::int AS deployments,
           count(pd.day)::int AS days, coalesce(sum(pd.failed), 0)::int AS failed
         FROM unnest(?::timestamptz[], ?::timestamptz[]) AS wk(ws, we)
         LEFT JOIN per_day pd
           ON pd.day >= ${day('wk.ws')} AND pd.day < ${day('wk.we')}
         GROUP BY wk.ws
       ),
       per_month AS (
         SELECT m.ms, count(pd.day) AS days
         FROM unnest(?::timestamptz[], ?::timestamptz[]) AS m(ms, me)
         LEFT JOIN per_day pd
           ON pd.day >= ${day('m.ms')} AND pd.day < ${day('m.me')}
         GROUP BY m.ms
       )
       SELECT
         (SELECT coalesce(sum(deployments), 0) FROM per_day) AS deployments,
         (SELECT coalesce(sum(failed), 0) FROM per_day) AS failed,
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM per_week)
           AS week_median,
         (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM per_month)
           AS month_median,
         (SELECT coalesce(json_agg(per_week ORDER BY ws), '[]') FROM per_week) AS weekly`,
      [
        repositories,
        from,
        to,
        repositories,
        from,
        from,
        to,
        w.weeks,
        w.weekEnds,
        w.months,
        w.monthEnds,
      ],
    );
    const row = result.rows[0];
    return {
      deployments: Number(row.deployments),
      failedDeployments: Number(row.failed),
      weekMedian: num(row.week_median),
      monthMedian: num(row.month_median),
      weekly: row.weekly as Array<{
        ws: string;
        deployments: number;
        days: number;
        failed: number;
      }>,
    };
  }

  /** Median and p90 lead time over the changes deployed in the window. */
  private async leadTime(w: Window) {
    const result = await this.db.raw(
      // One ordered-set aggregate for both fractions: one sort of the values, not two.
      `SELECT count(*) AS changes,
         percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY lead_hours) AS percentiles
       FROM (${leadTimes(
         'c.lead_hours',
         'c.deployed_at >= ? AND c.deployed_at < ?',
         'c.lead_hours',
       )}) x`,
      [w.repositories, w.from, w.to],
    );
    const row = result.rows[0];
    const [median, p90] =
      (row.percentiles as Array<number | null> | null) ?? [];
    return {
      changes: Number(row.changes),
      medianHours: num(median),
      p90Hours: num(p90),
    };
  }

  /** Median lead time per whole week, read in (week, lead time) order. */
  private async weeklyLeadTime(w: Window) {
    if (w.weeks.length === 0) return [];
    // Whole weeks lie inside the window, so a change deployed in one of them is in it.
    const result = await this.db.raw(
      `SELECT deployed_week AS ws, count(*) AS changes,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY lead_hours) AS median
       FROM (${leadTimes(
         'c.deployed_week, c.lead_hours',
         'c.deployed_week >= ? AND c.deployed_week < ?',
         'c.deployed_week, c.lead_hours',
       )}) x
       GROUP BY deployed_week`,
      [w.repositories, w.weeks[0], w.weekEnds[w.weekEnds.length - 1]],
    );
    return result.rows as Array<{ ws: Date; changes: string; median: number }>;
  }

  /**
   * Time to restore over incidents closed in the window, and per week: the empty grouping
   * set is the window; weeks cut by the window's edges are left out by the caller.
   */
  private async restores(w: Window) {
    const result = await this.db.raw(
      `SELECT ws, count(*) AS incidents,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median
       FROM (
         SELECT (date_trunc('week', closed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS ws,
           date_part('epoch', closed_at - opened_at) / 3600.0 AS hours
         FROM insights_incidents
         WHERE is_incident AND closed_at IS NOT NULL
           AND repository = ANY(?::text[]) AND closed_at >= ? AND closed_at < ?
       ) x
       GROUP BY GROUPING SETS ((ws), ())`,
      [w.repositories, w.from, w.to],
    );
    const rows = result.rows as Array<{
      ws: Date | null;
      incidents: string;
      median: number | null;
    }>;
    const window = rows.find(row => row.ws === null);
    return {
      window: {
        incidents: window ? Number(window.incidents) : 0,
        medianHours: num(window?.median),
      },
      weekly: rows.filter((row): row is typeof row & { ws: Date } => !!row.ws),
    };
  }
}
