import { Knex } from 'knex';
import {
  DoraDeliveries,
  DoraLeadTimes,
  DoraMeasureWindow,
  DoraReading,
  DoraRestores,
  DoraStore,
  DoraWindow,
  DoraWindowMeasure,
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

/** The `date` text of a UTC midnight, for the day counts. */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Where a window's lead times are read from: see `leadContributions`. */
type LeadSources = {
  from: Date;
  to: Date;
  /** Whole days from the counts: [dayFrom, dayTo); empty (both `to`) off the counts path. */
  dayFrom: Date;
  dayTo: Date;
  /** Whole weeks from the week counts: [weekFrom, weekTo), inside the whole days; or empty. */
  weekFrom: Date;
  weekTo: Date;
};

/**
 * The contributions `(week, hour, n)` to a window's lead-time histogram by whole hour: its
 * whole weeks from the week counts (migration 20261125), the whole days outside them from the
 * day counts (migration 20261208), each less the other repositories' changes, and the scope's
 * own changes outside the whole days (on the counts path its partial first and last days; off
 * it, the whole window). `week` is the week a row is counted in (null for the day counts, whose
 * days lie in partial weeks). A part whose range is empty is left out of the SQL: a range
 * PostgreSQL cannot see is empty (its bounds are parameters) still costs an index probe per
 * repository of the scope (two empty ranges took 320 ms of an organisation's quarter on the
 * loaded development machine). `bind` names a value as a parameter; `lead` prefixes columns.
 */
function leadContributions(
  w: LeadSources,
  bind: (value: Date | string) => string,
  lead = '',
): string {
  const parts: string[] = [];
  const others = `c.repository = ANY((SELECT repositories FROM others)::text[])`;
  const day = (d: Date) => `CAST(${bind(isoDay(d))} AS date)`;
  if (w.weekFrom < w.weekTo) {
    const [from, to] = [bind(w.weekFrom), bind(w.weekTo)];
    parts.push(
      `SELECT ${lead} week AS week, hour AS hour, changes AS n FROM insights_lead_hour_counts
       WHERE week >= ${from} AND week < ${to}`,
      `SELECT ${lead} c.deployed_week AS week, insights_lead_hour(c.lead_hours) AS hour, -1 AS n
       FROM insights_deployment_changes c
       WHERE ${COUNTED_CHANGE} AND ${others}
         AND c.deployed_at >= ${from} AND c.deployed_at < ${to}`,
    );
  }
  const dayRanges: [Date, Date][] =
    w.weekFrom < w.weekTo
      ? [
          [w.dayFrom, w.weekFrom],
          [w.weekTo, w.dayTo],
        ]
      : [[w.dayFrom, w.dayTo]];
  for (const [lower, upper] of dayRanges.filter(([a, b]) => a < b)) {
    parts.push(
      `SELECT ${lead} NULL::timestamptz AS week, hour AS hour, changes AS n
       FROM insights_lead_hour_day_counts
       WHERE day >= ${day(lower)} AND day < ${day(upper)}`,
      `SELECT ${lead} NULL::timestamptz AS week, insights_lead_hour(c.lead_hours) AS hour, -1 AS n
       FROM insights_deployment_changes c
       WHERE ${COUNTED_CHANGE} AND ${others}
         AND c.deployed_at >= ${bind(lower)} AND c.deployed_at < ${bind(
        upper,
      )}`,
    );
  }
  for (const [lower, upper] of (
    [
      [w.from, w.dayFrom],
      [w.dayTo, w.to],
    ] as [Date, Date][]
  ).filter(([a, b]) => a < b)) {
    parts.push(
      `SELECT ${lead} c.deployed_week AS week, insights_lead_hour(c.lead_hours) AS hour, 1 AS n
       FROM insights_deployment_changes c
       WHERE ${COUNTED_CHANGE} AND c.repository = ANY(:repositories::text[])
         AND c.deployed_at >= ${bind(lower)} AND c.deployed_at < ${bind(
        upper,
      )}`,
    );
  }
  return parts.length > 0
    ? parts.join('\n UNION ALL\n')
    : `SELECT ${lead} NULL::timestamptz AS week, NULL::integer AS hour, NULL::bigint AS n
       WHERE false`;
}

/** Names values as numbered parameters of `bindings`. */
function binder(bindings: Knex.ValueDict, prefix = 'p') {
  let next = 0;
  return (value: Date | string) => {
    const name = `${prefix}${next++}`;
    bindings[name] = value;
    return `:${name}`;
  };
}

/**
 * The scope's own rows outside the counted range `[lower, upper)` of the window `[from, to)`:
 * an SQL condition on `column` naming only the parts that are not empty, or `false` when both
 * are. A part PostgreSQL cannot see is empty (its bounds are parameters) still costs an index
 * probe per repository of the scope: for an organisation of 1,000 repositories, two empty
 * ranges took 320 ms of a quarter's lead times on the loaded development machine.
 */
function outsideCounted(
  column: string,
  w: { from: Date; to: Date },
  counted: { lower: Date; upper: Date; lowerName: string; upperName: string },
): string {
  const parts: string[] = [];
  if (w.from < counted.lower) {
    parts.push(`${column} >= :from AND ${column} < :${counted.lowerName}`);
  }
  if (counted.upper < w.to) {
    parts.push(`${column} >= :${counted.upperName} AND ${column} < :to`);
  }
  return parts.length === 0 ? 'false' : `(${parts.join(' OR ')})`;
}

const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

/** The whole days a reading takes from the day counts, as `outsideCounted` names them. */
const days = (r: DoraReading) => ({
  lower: r.dayFrom,
  upper: r.dayTo,
  lowerName: 'dayFromAt',
  upperName: 'dayToAt',
});

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
    repositories: string[],
    sql: string,
    bindings: Knex.ValueDict,
  ): Promise<{ rows: any[] }> {
    if (repositories.length <= 1) return this.db.raw(sql, bindings);
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
      w.repositories,
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
             AND ${outsideCounted('d.succeeded_at', w, days(r))}
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
    const bindings: Knex.ValueDict = {
      repositories: w.repositories,
      from: w.from,
      to: w.to,
      wholeFrom: w.weeks[0] ?? w.to,
      wholeTo: w.weekEnds[w.weekEnds.length - 1] ?? w.to,
    };
    const result = await this.read(
      w.repositories,
      `${otherRepositories(r.countsPath)},
       contributions AS (
         ${leadContributions(
           {
             from: w.from,
             to: w.to,
             dayFrom: r.dayFrom,
             dayTo: r.dayTo,
             weekFrom: r.weekFrom,
             weekTo: r.weekTo,
           },
           binder(bindings),
         )}
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
      bindings,
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
      w.repositories,
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
      w.repositories,
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
           AND ${outsideCounted('i.closed_at', w, {
             lower: r.weekFrom,
             upper: r.weekTo,
             lowerName: 'weekFrom',
             upperName: 'weekTo',
           })}
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

  /**
   * The windows' lead times as `leadTimes` reads a window's (a histogram by whole hour from the
   * day counts and the scope's partial days, then the two values around the median picked from
   * the lead-time index) and their restores as `restores` reads them off the counts path
   * (`percentile_cont` over the scope's incidents closed in the window: a quarter of an
   * organisation closes thousands, not the hundreds of thousands of changes), all windows in
   * one statement.
   */
  async measures(
    repositories: string[],
    windows: DoraMeasureWindow[],
    countsPath: boolean,
  ): Promise<DoraWindowMeasure[]> {
    if (windows.length === 0) return [];
    // Each window's parts are written out with its own bounds as parameters, so PostgreSQL
    // plans each with the ranges it reads (from a joined table of windows it picked the
    // repository index and sorted every change of the window for the median: 1.3 s each).
    const bindings: Knex.ValueDict = { repositories };
    const bind = binder(bindings);
    const each = (part: (i: number) => string, leadTimesOnly = false) =>
      windows
        .map((w, i) => (leadTimesOnly && !w.leadTimes ? null : part(i)))
        .filter((sql): sql is string => sql !== null)
        .join('\nUNION ALL\n');
    windows.forEach((w, i) => {
      Object.assign(bindings, { [`from${i}`]: w.from, [`to${i}`]: w.to });
    });
    const result = await this.read(
      repositories,
      `${otherRepositories(countsPath)},
       -- Each window's, as leadTimes builds a window's histogram.
       contributions AS (
         ${
           each(i => leadContributions(windows[i], bind, `${i} AS i,`), true) ||
           'SELECT NULL::bigint AS i, NULL::integer AS hour, NULL::bigint AS n WHERE false'
         }
       ),
       histogram AS (
         SELECT i, hour, sum(n) AS n FROM contributions
         GROUP BY i, hour HAVING sum(n) > 0
       ),
       ranked AS (
         SELECT i, hour, n,
           sum(n) OVER (PARTITION BY i ORDER BY hour) - n AS below,
           sum(n) OVER (PARTITION BY i) AS total
         FROM histogram
       ),
       -- The bucket holding each window's median; "skip": how many of its values lie below it.
       located AS (
         SELECT r.i, r.total, 0.5 * (r.total - 1)::float8 AS position, r.hour,
           floor(0.5 * (r.total - 1)::float8)::bigint - r.below AS skip
         FROM ranked r
         WHERE r.below <= floor(0.5 * (r.total - 1)::float8)
           AND floor(0.5 * (r.total - 1)::float8) < r.below + r.n
       ),
       picked AS (
         ${
           each(
             i =>
               pickValues(
                 `l.i = ${i}`,
                 `c.deployed_at >= :from${i} AND c.deployed_at < :to${i}`,
               ),
             true,
           ) || 'SELECT l.*, NULL::float8[] AS lead_hours FROM located l'
         }
       ),
       restored AS (
         ${each(
           i => `
         SELECT ${i} AS i, count(*) AS incidents,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY restore_hours) AS median
         FROM insights_incidents
         WHERE is_incident AND closed_at IS NOT NULL
           AND repository = ANY(:repositories::text[])
           AND closed_at >= :from${i} AND closed_at < :to${i}`,
         )}
       )
       SELECT r.i, coalesce(p.total, 0) AS changes,
         CASE WHEN p.position = floor(p.position) THEN p.lead_hours[1]
              ELSE p.lead_hours[1]
                + (p.position - floor(p.position)) * (p.lead_hours[2] - p.lead_hours[1])
         END AS lead_median,
         r.incidents, r.median AS restore_median
       FROM restored r
       LEFT JOIN picked p ON p.i = r.i
       ORDER BY r.i`,
      bindings,
    );
    return (
      result.rows as Array<{
        changes: string;
        lead_median: number | null;
        incidents: string;
        restore_median: number | null;
      }>
    ).map((row, i) => ({
      changes: windows[i].leadTimes ? Number(row.changes) : null,
      medianLeadTimeHours: num(row.lead_median),
      incidentsRestored: Number(row.incidents),
      medianTimeToRestoreHours: num(row.restore_median),
    }));
  }

  async foldCounts(): Promise<void> {
    await this.db.raw('SELECT insights_fold_counts()');
  }
}
