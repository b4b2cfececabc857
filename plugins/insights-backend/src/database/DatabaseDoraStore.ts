import { Knex } from 'knex';
import {
  DoraDeliveries,
  DoraLeadTimes,
  DoraReading,
  DoraRestores,
  DoraStore,
  DoraWindow,
} from './DoraStore';

/** A successful production deployment: what DORA counts. */
const COUNTED_DEPLOYMENT = 'd.is_production AND d.succeeded_at IS NOT NULL';
/** A change of a counted deployment with a positive lead time. */
const COUNTED_CHANGE = 'c.deployed_at IS NOT NULL AND c.lead_hours > 0';
const utcDay = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;

/**
 * The repositories with counted deployments that are not in the scope, found by walking the
 * repository index one name at a time (a loose index scan: one probe per repository, not one
 * read per deployment). Part of each query that subtracts them, so it sees the same snapshot.
 */
const otherRepositories = (countsPath: boolean) =>
  countsPath
    ? `WITH RECURSIVE deploying AS (
         (SELECT d.repository FROM insights_deployments d WHERE ${COUNTED_DEPLOYMENT}
          ORDER BY d.repository LIMIT 1)
         UNION ALL
         SELECT (SELECT d.repository FROM insights_deployments d
                 WHERE ${COUNTED_DEPLOYMENT} AND d.repository > deploying.repository
                 ORDER BY d.repository LIMIT 1)
         FROM deploying WHERE deploying.repository IS NOT NULL
       ),
       others AS (
         SELECT coalesce(array_agg(repository), '{}') AS repositories FROM deploying
         WHERE repository IS NOT NULL AND repository <> ALL(:repositories::text[])
       )`
    : `WITH others AS (SELECT '{}'::text[] AS repositories)`;

/**
 * For each located bucket of the groups `located` selects, the two values from the position
 * on: the scope's lead times that fall in the group (`inGroup`), from the bucket's lower bound
 * in order, skipping the values of the bucket below the position.
 */
const pickValues = (located: string, inGroup: string) => `
  SELECT l.*, v.lead_hours FROM located l
  CROSS JOIN LATERAL (
    SELECT array_agg(lead_hours ORDER BY lead_hours) AS lead_hours FROM (
      SELECT c.lead_hours FROM insights_deployment_changes c
      WHERE ${COUNTED_CHANGE} AND c.repository = ANY(:repositories::text[])
        AND ${inGroup} AND c.lead_hours >= l.hour
      ORDER BY c.lead_hours OFFSET l.skip LIMIT 2
    ) x
  ) v
  WHERE ${located}`;

/**
 * The scope's own changes outside the counted weeks. On the counts path these are the window's
 * partial first and last weeks, and the same ranges of deployment weeks (implied by the times)
 * give PostgreSQL index ranges for them whatever the number of repositories, so it need not
 * scan every change of a large scope; off it, the scope's whole window.
 */
const partialWeeks = (countsPath: boolean) =>
  countsPath
    ? `(c.deployed_at >= :from AND c.deployed_at < :weekFrom
         AND c.deployed_week > :from::timestamptz - interval '7 days'
         AND c.deployed_week < :weekFrom
       OR c.deployed_at >= :weekTo AND c.deployed_at < :to
         AND c.deployed_week >= :weekTo AND c.deployed_week < :to)`
    : `(c.deployed_at >= :from AND c.deployed_at < :weekFrom
       OR c.deployed_at >= :weekTo AND c.deployed_at < :to)`;

const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

/** The `date` text of a UTC midnight, for the day counts. */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The DORA queries, in PostgreSQL: three independent reads (deployments with their failures,
 * lead times, restores) a summary runs at once, each on its own connection, and the probe that
 * picks between the counts migration 20261125 keeps and the scope's own rows (see
 * docs/decisions/insights-dora-counts.md). Takes a client the plugin's migrations have run on.
 */
export class DatabaseDoraStore implements DoraStore {
  constructor(private readonly db: Knex) {}

  /**
   * A DORA read, without PostgreSQL's JIT compilation: the queries over a large scope are
   * estimated costly enough to be compiled, and compiling them took longer than running them
   * (1.7 s of a 4.8 s lead-time query at 5 million deployments a year). With 32 MB of working
   * memory, the organisation's lead-time histogram and restore times are grouped and sorted in
   * memory rather than on disk (PostgreSQL's default is 4 MB). A single repository's reads
   * are cheap and never compiled: they skip the transaction and its three round trips. See
   * docs/decisions/insights-dora-at-scale.md.
   */
  private async read(
    w: DoraWindow,
    sql: string,
    bindings: Knex.ValueDict,
  ): Promise<{ rows: any[] }> {
    if (w.repositories.length <= 1) return this.db.raw(sql, bindings);
    let result: { rows: any[] } = { rows: [] };
    await this.db.transaction(async trx => {
      await trx.raw("SET LOCAL jit = off; SET LOCAL work_mem = '32MB'");
      result = await trx.raw(sql, bindings);
    });
    return result;
  }

  async otherRepositoriesWithDeployments(
    repositories: string[],
  ): Promise<number> {
    const result = await this.db.raw(
      `${otherRepositories(
        true,
      )} SELECT cardinality(repositories) AS others FROM others`,
      { repositories },
    );
    return Number(result.rows[0].others);
  }

  /**
   * Deployments and failed deployments, counted per day in one pass: weeks and months
   * start at 00:00 UTC, so the days (at most one row each) give the weekly counts, the
   * deploy-days per week and per month, and the window's totals.
   */
  async deliveries(w: DoraWindow, r: DoraReading): Promise<DoraDeliveries> {
    const result = await this.read(
      w,
      `${otherRepositories(r.countsPath)},
       -- Deployments per day: whole days from the counts less the other repositories, the
       -- rest of the window from the scope's rows.
       deployed AS (
         SELECT day, sum(n) AS deployments FROM (
           SELECT day, deployments AS n FROM insights_deployment_day_counts
           WHERE day >= CAST(:dayFrom AS date) AND day < CAST(:dayTo AS date)
           UNION ALL
           SELECT ${utcDay('d.succeeded_at')}, -1 FROM insights_deployments d
           WHERE ${COUNTED_DEPLOYMENT}
             AND d.repository = ANY((SELECT repositories FROM others)::text[])
             AND d.succeeded_at >= :dayFromAt AND d.succeeded_at < :dayToAt
           UNION ALL
           SELECT ${utcDay('d.succeeded_at')}, 1 FROM insights_deployments d
           WHERE ${COUNTED_DEPLOYMENT} AND d.repository = ANY(:repositories::text[])
             AND (d.succeeded_at >= :from AND d.succeeded_at < :dayFromAt
               OR d.succeeded_at >= :dayToAt AND d.succeeded_at < :to)
         ) x
         GROUP BY day HAVING sum(n) > 0
       ),
       -- Each incident carries the deployment it is attributed to (migration 20261204): the
       -- latest successful production deployment of its repository at or before its
       -- creation (ties on time: the higher deployment id).
       failed AS (
         SELECT DISTINCT i.deployment_id, i.deployed_at AS succeeded_at
         FROM insights_incidents i
         WHERE i.is_incident AND i.repository = ANY(:repositories::text[])
           AND i.opened_at >= :from AND i.deployed_at >= :from AND i.deployed_at < :to
       ),
       per_day AS (
         SELECT day, sum(deployments) AS deployments, sum(failed) AS failed
         FROM (
           SELECT day, deployments, 0 AS failed FROM deployed
           UNION ALL
           SELECT ${utcDay('succeeded_at')}, 0, count(*) FROM failed GROUP BY 1
         ) x
         GROUP BY day
       ),
       per_week AS (
         SELECT wk.ws, coalesce(sum(pd.deployments), 0)::int AS deployments,
           count(pd.day)::int AS days, coalesce(sum(pd.failed), 0)::int AS failed
         FROM unnest(:weeks::timestamptz[], :weekEnds::timestamptz[]) AS wk(ws, we)
         LEFT JOIN per_day pd
           ON pd.day >= ${utcDay('wk.ws')} AND pd.day < ${utcDay('wk.we')}
         GROUP BY wk.ws
       ),
       per_month AS (
         SELECT m.ms, count(pd.day) AS days
         FROM unnest(:months::timestamptz[], :monthEnds::timestamptz[]) AS m(ms, me)
         LEFT JOIN per_day pd
           ON pd.day >= ${utcDay('m.ms')} AND pd.day < ${utcDay('m.me')}
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
      {
        repositories: w.repositories,
        from: w.from,
        to: w.to,
        dayFrom: isoDay(r.dayFrom),
        dayTo: isoDay(r.dayTo),
        dayFromAt: r.dayFrom,
        dayToAt: r.dayTo,
        weeks: w.weeks,
        weekEnds: w.weekEnds,
        months: w.months,
        monthEnds: w.monthEnds,
      },
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

  /**
   * Lead time over the window (median and p90) and per whole week (median), exact, in the
   * manner of `percentile_cont`: for a fraction p of n values sorted, the values at
   * positions floor(p(n-1)) and ceil(p(n-1)), interpolated.
   *
   * First a histogram of the lead times by whole hour (`insights_lead_hour`), for the window
   * and for each week, built from the counts and the rows as the reading says. It gives each
   * group's number of changes and, for each wanted position, the hour bucket holding it and how
   * many values lie below that bucket. Then the values themselves: for each position, the
   * scope's lead times from that bucket's lower bound, in order from an index, skipping those
   * below the position; two values are all the interpolation needs.
   */
  async leadTimes(w: DoraWindow, r: DoraReading): Promise<DoraLeadTimes> {
    const result = await this.read(
      w,
      `${otherRepositories(r.countsPath)},
       contributions AS (
         SELECT week, hour, changes AS n FROM insights_lead_hour_counts
         WHERE week >= :weekFrom AND week < :weekTo
         UNION ALL
         SELECT c.deployed_week, insights_lead_hour(c.lead_hours), -1
         FROM insights_deployment_changes c
         WHERE ${COUNTED_CHANGE}
           AND c.repository = ANY((SELECT repositories FROM others)::text[])
           AND c.deployed_at >= :weekFrom AND c.deployed_at < :weekTo
         UNION ALL
         SELECT c.deployed_week, insights_lead_hour(c.lead_hours), 1
         FROM insights_deployment_changes c
         WHERE ${COUNTED_CHANGE} AND c.repository = ANY(:repositories::text[])
           AND ${partialWeeks(r.countsPath)}
       ),
       -- The window's histogram (week null) and each whole week's.
       histogram AS (
         SELECT CASE WHEN GROUPING(week) = 0 THEN week END AS week, hour, sum(n) AS n
         FROM contributions
         GROUP BY GROUPING SETS ((week, hour), (hour))
         HAVING sum(n) > 0 AND (GROUPING(week) = 1
           OR week >= :wholeFrom AND week < :wholeTo)
       ),
       ranked AS (
         SELECT week, hour, n,
           sum(n) OVER (PARTITION BY week ORDER BY hour) - n AS below,
           sum(n) OVER (PARTITION BY week) AS total
         FROM histogram
       ),
       -- The buckets holding the wanted positions: the window's median and p90, each week's
       -- median; "skip" is how many of a bucket's values lie below the position.
       located AS (
         SELECT r.week, r.total, p.fraction, p.position, r.hour,
           floor(p.position)::bigint - r.below AS skip
         FROM ranked r
         CROSS JOIN LATERAL (
           SELECT f.fraction, f.fraction * (r.total - 1)::float8 AS position
           FROM unnest(CASE WHEN r.week IS NULL THEN ARRAY[0.5, 0.9]::float8[]
                            ELSE ARRAY[0.5]::float8[] END) AS f(fraction)
         ) p
         WHERE r.below <= floor(p.position) AND floor(p.position) < r.below + r.n
       ),
       -- Two branches so each reads its own index: the window's by lead time, a week's by
       -- (week, lead time).
       picked AS (
         ${pickValues(
           'l.week IS NULL',
           'c.deployed_at >= :from AND c.deployed_at < :to',
         )}
         UNION ALL
         ${pickValues(
           'l.week IS NOT NULL',
           `c.deployed_week = l.week
            AND c.deployed_at >= l.week AND c.deployed_at < l.week + interval '7 days'`,
         )}
       )
       -- percentile_cont's interpolation: lo + (position - floor(position)) * (hi - lo).
       SELECT week AS ws, total AS changes, fraction,
         CASE WHEN position = floor(position) THEN lead_hours[1]
              ELSE lead_hours[1] + (position - floor(position)) * (lead_hours[2] - lead_hours[1])
         END AS hours
       FROM picked`,
      {
        repositories: w.repositories,
        from: w.from,
        to: w.to,
        weekFrom: r.weekFrom,
        weekTo: r.weekTo,
        wholeFrom: w.weeks[0] ?? w.to,
        wholeTo: w.weekEnds[w.weekEnds.length - 1] ?? w.to,
      },
    );
    const rows = result.rows as Array<{
      ws: Date | null;
      changes: string;
      fraction: number;
      hours: number;
    }>;
    const windowRow = (fraction: number) =>
      rows.find(row => row.ws === null && row.fraction === fraction);
    const median = windowRow(0.5);
    return {
      window: {
        changes: median ? Number(median.changes) : 0,
        medianHours: num(median?.hours),
        p90Hours: num(windowRow(0.9)?.hours),
      },
      weekly: rows
        .filter((row): row is typeof row & { ws: Date } => row.ws !== null)
        .map(row => ({
          ws: row.ws,
          changes: Number(row.changes),
          median: num(row.hours),
        })),
    };
  }

  /**
   * Time to restore over incidents closed in the window, and per whole week. Off the counts
   * path, `percentile_cont` over the scope's incidents (the empty grouping set is the window;
   * weeks cut by the window's edges are left out by the caller). On it, exact all the same,
   * as the lead times are read: a histogram of restore times by whole hour from the counts
   * migration 20261207 keeps (less the other repositories, plus the scope's incidents of the
   * partial weeks), the buckets holding each median located in it, and the two values picked
   * from the restore-time indexes, so the organisation's incidents are never sorted.
   */
  async restores(w: DoraWindow, r: DoraReading): Promise<DoraRestores> {
    if (r.countsPath) return this.restoresFromCounts(w, r);
    const result = await this.read(
      w,
      `SELECT ws, count(*) AS incidents,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median
       FROM (
         SELECT (date_trunc('week', closed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS ws,
           date_part('epoch', closed_at - opened_at) / 3600.0 AS hours
         FROM insights_incidents
         WHERE is_incident AND closed_at IS NOT NULL
           AND repository = ANY(:repositories::text[])
           AND closed_at >= :from AND closed_at < :to
       ) x
       GROUP BY GROUPING SETS ((ws), ())`,
      { repositories: w.repositories, from: w.from, to: w.to },
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

  private async restoresFromCounts(
    w: DoraWindow,
    r: DoraReading,
  ): Promise<DoraRestores> {
    const RESTORED = 'i.is_incident AND i.closed_at IS NOT NULL';
    const pick = (located: string, inGroup: string) => `
      SELECT l.*, v.hours FROM located l
      CROSS JOIN LATERAL (
        SELECT array_agg(restore_hours ORDER BY restore_hours) AS hours FROM (
          SELECT i.restore_hours FROM insights_incidents i
          WHERE ${RESTORED} AND i.repository = ANY(:repositories::text[])
            AND ${inGroup} AND i.restore_hours >= l.hour
          ORDER BY i.restore_hours OFFSET l.skip LIMIT 2
        ) x
      ) v
      WHERE ${located}`;
    const result = await this.read(
      w,
      `${otherRepositories(true)},
       contributions AS (
         SELECT week, hour, incidents AS n FROM insights_restore_hour_counts
         WHERE week >= :weekFrom AND week < :weekTo
         UNION ALL
         SELECT i.closed_week, insights_lead_hour(i.restore_hours), -1
         FROM insights_incidents i
         WHERE ${RESTORED}
           AND i.repository = ANY((SELECT repositories FROM others)::text[])
           AND i.closed_at >= :weekFrom AND i.closed_at < :weekTo
         UNION ALL
         SELECT i.closed_week, insights_lead_hour(i.restore_hours), 1
         FROM insights_incidents i
         WHERE ${RESTORED} AND i.repository = ANY(:repositories::text[])
           AND (i.closed_at >= :from AND i.closed_at < :weekFrom
             OR i.closed_at >= :weekTo AND i.closed_at < :to)
       ),
       -- The window's histogram (week null) and each whole week's.
       histogram AS (
         SELECT CASE WHEN GROUPING(week) = 0 THEN week END AS week, hour, sum(n) AS n
         FROM contributions
         GROUP BY GROUPING SETS ((week, hour), (hour))
         HAVING sum(n) > 0 AND (GROUPING(week) = 1
           OR week >= :wholeFrom AND week < :wholeTo)
       ),
       ranked AS (
         SELECT week, hour, n,
           sum(n) OVER (PARTITION BY week ORDER BY hour) - n AS below,
           sum(n) OVER (PARTITION BY week) AS total
         FROM histogram
       ),
       -- The bucket holding each median; "skip": how many of its values lie below it.
       located AS (
         SELECT r.week, r.total, 0.5 * (r.total - 1)::float8 AS position, r.hour,
           floor(0.5 * (r.total - 1)::float8)::bigint - r.below AS skip
         FROM ranked r
         WHERE r.below <= floor(0.5 * (r.total - 1)::float8)
           AND floor(0.5 * (r.total - 1)::float8) < r.below + r.n
       ),
       picked AS (
         ${pick('l.week IS NULL', 'i.closed_at >= :from AND i.closed_at < :to')}
         UNION ALL
         ${pick(
           'l.week IS NOT NULL',
           `i.closed_week = l.week
            AND i.closed_at >= l.week AND i.closed_at < l.week + interval '7 days'`,
         )}
       )
       SELECT week AS ws, total AS incidents,
         CASE WHEN position = floor(position) THEN hours[1]
              ELSE hours[1] + (position - floor(position)) * (hours[2] - hours[1])
         END AS median
       FROM picked`,
      {
        repositories: w.repositories,
        from: w.from,
        to: w.to,
        weekFrom: r.weekFrom,
        weekTo: r.weekTo,
        wholeFrom: w.weeks[0] ?? w.to,
        wholeTo: w.weekEnds[w.weekEnds.length - 1] ?? w.to,
      },
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

  async foldCounts(): Promise<void> {
    await this.db.raw('SELECT insights_fold_counts()');
  }
}
