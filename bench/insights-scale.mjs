#!/usr/bin/env node
/*
 * Delivery metrics at the scale of the largest adopters: seed 004's Uber, 4,500 services deployed
 * 100,000 times a week, kept for a year (about 5.2 million deployments and 15 million changes).
 *
 *   node bench/insights-scale.mjs [--scale 0.02] [--samples 100] [--keep] [--reuse]
 *
 * 1. Creates the database `insights_scale_bench` on the machine's PostgreSQL
 *    (INSIGHTS_SCALE_POSTGRES_URL, default postgres://postgres:postgres@127.0.0.1:5432/postgres)
 *    and brings it to the plugin's schema with the plugin's own store factory
 *    (DatabaseInsightsStore.create: every migration, as the backend runs them).
 * 2. Generates the year with set-based SQL (generate_series, INSERT … SELECT): teams of varying
 *    size, services whose deploy rates follow a log-normal spread, deployments in time order
 *    (2 % never succeed), 1 to 40 changes each (2.9 on average) with log-normal lead times
 *    around each service's own median, the commits the changes are, and incidents on 1–11 % of a
 *    service's deployments with log-normal restore times. The load runs with triggers off and
 *    the secondary indexes dropped, except for the incidents, written last with their
 *    triggers (each takes the deployment it is attributed to); afterwards the indexes are rebuilt from their own
 *    definitions and the DORA count tables are filled with the statements of the migration that
 *    created them (20261125_dora_counts.js), so the tables end as the triggers would leave them.
 *    Then VACUUM ANALYZE, as autovacuum would do after a bulk load.
 * 3. Measures the DORA summary as GET /api/insights/dora serves it, through the plugin's own
 *    DoraService over the store the plugin creates (the route's scope resolution, a catalog
 *    read that turns an entity or a group into its repositories, is not part of it): per
 *    component (a random service), per team (a random team: all its services) and for the
 *    organisation (every service), over the year, `--samples` times for components (a
 *    fifth of it for teams, a tenth for the organisation, at least 10); p50/p95/p99 beside the
 *    targets (50 / 150 / 500 ms at p95). The busiest component and the largest team are
 *    measured apart: they are the worst case a page can ask.
 * 4. Reports the database's size, each table's and its indexes', the bench process's peak
 *    RSS (what the summaries cost a backend) and PostgreSQL's memory (its processes' PSS).
 *
 * --scale multiplies the services, teams and weekly deployments (default 1: full size);
 * --keep leaves the database for another run, --reuse measures again over a kept one.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { requireSource, workspaceRequire } from './lib/workspace.mjs';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    samples: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
  },
});
const scale = Number(args.scale);
const samples = Number(args.samples);
if (!(scale > 0 && scale <= 1) || !(samples >= 10)) {
  console.error(
    'usage: insights-scale.mjs [--scale (0, 1]] [--samples ≥ 10] [--keep] [--reuse]',
  );
  process.exit(2);
}

// Seed 004: "Each week, Uber's 4,500 stateless microservices were deployed more than 100,000
// times"; hundreds of independent teams (here one per ten services on average).
const SERVICES = Math.max(2, Math.round(4500 * scale));
const TEAMS = Math.max(1, Math.round(450 * scale));
const YEAR_FROM = new Date(Date.UTC(2025, 0, 1));
const YEAR_TO = new Date(Date.UTC(2026, 0, 1));
const DEPLOYMENTS = Math.round(((100_000 * scale) / 7) * 365);
const DATABASE = 'insights_scale_bench';
const TARGETS = { component: 50, team: 150, organisation: 500 };

const require = workspaceRequire('plugins/insights-backend');
const knexFactory = require('knex');

const { DatabaseInsightsStore } = requireSource(
  require,
  'src/database/DatabaseInsightsStore.ts',
);
const { DoraService } = requireSource(
  require,
  'src/services/Dora/DoraService.ts',
);
const {
  DEFAULT_DORA_THRESHOLDS,
  wholeWeeks,
} = require('@internal/plugin-insights-common');

const log = (/** @type {string} */ message) =>
  console.error(
    `[bench:insights-scale ${new Date()
      .toISOString()
      .slice(11, 19)}] ${message}`,
  );
/**
 * @template T
 * @param {string} label
 * @param {() => Promise<T>} fn
 */
async function step(label, fn) {
  const started = performance.now();
  const result = await fn();
  log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

const serverUrl =
  process.env.INSIGHTS_SCALE_POSTGRES_URL ??
  'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const databaseUrl = Object.assign(new URL(serverUrl), {
  pathname: `/${DATABASE}`,
}).toString();

const admin = knexFactory({ client: 'pg', connection: serverUrl });
const exists =
  (await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [DATABASE]))
    .rows.length > 0;
const reuse = args.reuse && exists;
if (args.reuse && !exists) log('--reuse: no kept database, loading it');
if (!reuse) {
  await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.raw(`CREATE DATABASE ${DATABASE}`);
}
await admin.destroy();

// Knex's default pool (up to 10 connections), as Backstage's database service hands the plugin.
const db = knexFactory({ client: 'pg', connection: databaseUrl });
const stores = await DatabaseInsightsStore.create({
  database: { getClient: async () => db },
  patterns: {
    productionPattern: '^prod(uction)?$',
    incidentPattern: 'incident',
  },
});
const dora = new DoraService(stores.dora, DEFAULT_DORA_THRESHOLDS);

// ---------------------------------------------------------------------------------------------
// The data set

/** A standard normal variate from two uniform ones (Box–Muller), in SQL. */
const NORMAL = 'sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())';

/** The tables the load writes, whose secondary indexes it rebuilds afterwards. */
const LOADED = [
  'insights_deployments',
  'insights_deployment_changes',
  'insights_commits',
  'insights_incidents',
];

async function load() {
  // One connection (a transaction), so the seeded random() sequence is the same every run.
  await db.transaction(async trx => {
    await trx.raw('SET LOCAL session_replication_role = replica'); // no triggers
    await trx.raw("SET LOCAL maintenance_work_mem = '512MB'");
    await trx.raw("SET LOCAL work_mem = '256MB'");
    await trx.raw('SELECT setseed(0.42)');

    // Indexes not backing a constraint are dropped and rebuilt; so are the keys of the tables
    // no foreign key points at (a change's key, a commit's, an incident's).
    const indexes = (
      await trx.raw(
        `SELECT i.indexname, i.indexdef FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = ANY(?)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        [LOADED],
      )
    ).rows;
    const keys = (
      await trx.raw(
        `SELECT c.conrelid::regclass::text AS table, c.conname,
           pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c
         WHERE c.contype IN ('p', 'u') AND c.conrelid::regclass::text = ANY(?)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint f
                           WHERE f.contype = 'f' AND f.confrelid = c.conrelid)`,
        [LOADED],
      )
    ).rows;
    for (const { indexname } of indexes)
      await trx.raw(`DROP INDEX ${indexname}`);
    for (const key of keys)
      await trx.raw(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.conname}`);

    await step(`${SERVICES} services in ${TEAMS} teams`, () =>
      trx.raw(
        `CREATE TABLE bench_services AS
         WITH drawn AS (
           SELECT i, random() AS u_team, ${NORMAL} AS z_rate, ${NORMAL} AS z_lead,
             ${NORMAL} AS z_restore, random() AS u_failure
           FROM generate_series(1, ${SERVICES}) i
         ), weighted AS (
           SELECT *, exp(1.1 * z_rate) AS weight FROM drawn
         )
         SELECT i AS service,
           format('uber/service-%s', lpad(i::text, 4, '0')) AS repository,
           -- Team sizes fall off from the first teams (several dozen services) to the last
           -- (a handful).
           least(${TEAMS} - 1, floor(${TEAMS} * power(u_team, 1.4)))::int AS team,
           greatest(1, round(${DEPLOYMENTS} * weight / sum(weight) OVER ()))::int AS deployments,
           exp(ln(18) + 0.9 * z_lead) AS lead_median_hours,
           exp(ln(2) + 0.6 * z_restore) AS restore_median_hours,
           0.01 + 0.1 * power(u_failure, 2) AS failure_rate
         FROM weighted`,
      ),
    );
    await step('deployments', () =>
      trx.raw(
        `INSERT INTO insights_deployments (deployment_id, repository, environment,
           is_production, sha, created_at, succeeded_at, changes_resolved)
         SELECT id, repository, 'production', true, md5(id || ':1'),
           at - interval '5 minutes', CASE WHEN succeeds THEN at END, true
         FROM (SELECT row_number() OVER (ORDER BY at) AS id, * FROM (
           SELECT s.repository,
             :from::timestamptz + (k - 1 + random()) / s.deployments * interval '365 days' AS at,
             random() >= 0.02 AS succeeds
           FROM bench_services s CROSS JOIN LATERAL generate_series(1, s.deployments) k
         ) x) y`,
        { from: YEAR_FROM },
      ),
    );
    await step('changes', () =>
      trx.raw(
        `INSERT INTO insights_deployment_changes (deployment_id, sha, authored_at,
           repository, deployed_at)
         SELECT d.deployment_id, md5(d.deployment_id || ':' || j),
           d.created_at - make_interval(secs => 60 + 3600 * s.lead_median_hours
             * exp(1.1 * ${NORMAL})),
           d.repository, d.succeeded_at
         FROM insights_deployments d
         JOIN bench_services s ON s.repository = d.repository
         CROSS JOIN LATERAL generate_series(1,
           1 + least(39, floor(-2.35 * ln(1 - random())))::int + 0 * d.deployment_id) j`,
      ),
    );
    await step('commits', () =>
      trx.raw(
        `INSERT INTO insights_commits (repository, sha, authored_at)
         SELECT repository, sha, authored_at FROM insights_deployment_changes
         ORDER BY authored_at`,
      ),
    );
    for (const key of keys)
      await step(`${key.table}: ${key.definition}`, () =>
        trx.raw(
          `ALTER TABLE ${key.table} ADD CONSTRAINT ${key.conname} ${key.definition}`,
        ),
      );
    for (const { indexname, indexdef } of indexes)
      await step(`index ${indexname}`, () => trx.raw(indexdef));
    // Incidents with the triggers on: each takes the deployment it is attributed to as it
    // would arriving from GitHub.
    await trx.raw('SET LOCAL session_replication_role = origin');
    await step('incidents', () =>
      trx.raw(
        `INSERT INTO insights_incidents (issue_id, repository, number, title, labels,
           is_incident, opened_at, closed_at, updated_at)
         SELECT deployment_id, repository,
           row_number() OVER (PARTITION BY repository ORDER BY deployment_id),
           'Production incident', '{incident}', true, opened,
           opened + make_interval(secs => 3600 * restore_median_hours * exp(1.2 * z)),
           opened + make_interval(secs => 3600 * restore_median_hours * exp(1.2 * z))
         FROM (
           SELECT d.deployment_id, d.repository, s.restore_median_hours, ${NORMAL} AS z,
             d.succeeded_at + random() * interval '50 minutes' AS opened
           FROM insights_deployments d JOIN bench_services s USING (repository)
           WHERE d.succeeded_at IS NOT NULL AND random() < s.failure_rate
         ) x`,
      ),
    );
    // The counts the triggers keep, computed as migration 20261125_dora_counts.js fills them.
    await step('DORA counts', async () => {
      await trx.raw(`
        INSERT INTO insights_deployment_day_counts
          SELECT (succeeded_at AT TIME ZONE 'UTC')::date, count(*) FROM insights_deployments
          WHERE is_production AND succeeded_at IS NOT NULL GROUP BY 1`);
      await trx.raw(`
        INSERT INTO insights_lead_hour_counts
          SELECT deployed_week, insights_lead_hour(lead_hours), count(*)
          FROM insights_deployment_changes
          WHERE deployed_at IS NOT NULL AND lead_hours > 0 GROUP BY 1, 2`);
    });
  });
  await step('the fold task', () => stores.dora.foldCounts());
  await step('VACUUM ANALYZE', () => db.raw('VACUUM ANALYZE'));
}

if (reuse) log(`reusing the kept database ${DATABASE}`);
else
  await step(
    `loaded (scale ${scale}: ${SERVICES} services, ${DEPLOYMENTS} deployments)`,
    load,
  );

const counts = (
  await db.raw(`SELECT
    (SELECT count(*) FROM insights_deployments)::int AS deployments,
    (SELECT count(*) FROM insights_deployment_changes)::int AS changes,
    (SELECT count(*) FROM insights_commits)::int AS commits,
    (SELECT count(*) FROM insights_incidents)::int AS incidents`)
).rows[0];
log(JSON.stringify(counts));

// ---------------------------------------------------------------------------------------------
// The measures

/** @type {{ service: number, repository: string, team: number, deployments: number }[]} */
const services = (
  await db.raw(
    'SELECT service, repository, team, deployments FROM bench_services ORDER BY service',
  )
).rows;
/** @type {Map<number, string[]>} */
const teams = new Map();
for (const s of services)
  teams.set(s.team, [...(teams.get(s.team) ?? []), s.repository]);
const teamList = [...teams.values()];
const everyRepository = services.map(s => s.repository);
const busiest = services.reduce((a, b) =>
  b.deployments > a.deployments ? b : a,
);
const largestTeam = teamList.reduce((a, b) => (b.length > a.length ? b : a));
const teamSizes = teamList.map(t => t.length).sort((a, b) => a - b);

let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
/** @type {<T>(list: T[]) => T} */
const pick = list => list[Math.floor(random() * list.length)];

const percentile = (
  /** @type {number[]} */ values,
  /** @type {number} */ p,
) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
};

/**
 * `runs` summaries of the scopes `repositories` draws, after one that is reported apart (it
 * reads from whatever earlier work left in PostgreSQL's buffers).
 *
 * @param {number} runs
 * @param {() => string[]} repositories
 */
async function measure(runs, repositories) {
  /** @type {number[]} */
  const times = [];
  let first = 0;
  for (let i = 0; i <= runs; i++) {
    const repos = repositories();
    const started = performance.now();
    await dora.summary({
      repositories: repos,
      from: YEAR_FROM,
      to: YEAR_TO,
      scope: { repositories: repos.length },
    });
    const ms = performance.now() - started;
    if (i === 0) first = ms;
    else times.push(ms);
  }
  return {
    first,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
  };
}

const few = Math.max(10, Math.round(samples / 10));
// On a shared machine other work slows the figures: the load average says how much.
const loadBefore = os.loadavg()[0];
const results = {
  component: await step(`${samples} components`, () =>
    measure(samples, () => [pick(services).repository]),
  ),
  team: await step(`${Math.max(10, samples / 5)} teams`, () =>
    measure(Math.max(10, Math.round(samples / 5)), () => pick(teamList)),
  ),
  organisation: await step(`${few} organisations`, () =>
    measure(few, () => everyRepository),
  ),
  busiest: await step('the busiest component', () =>
    measure(few, () => [busiest.repository]),
  ),
  largestTeam: await step('the largest team', () =>
    measure(few, () => largestTeam),
  ),
};

/**
 * The organisation's time to restore alone, the two ways the store reads it, taking turns so
 * both run under the same load: every incident of the year sorted (as before migration
 * 20261207), and the restore-time counts with the median picked from the index. The answers
 * must be equal.
 */
async function restoresBothWays(/** @type {number} */ runs) {
  const weeks = wholeWeeks(YEAR_FROM, YEAR_TO);
  const weekEnds = weeks.map(
    (/** @type {Date} */ ws) => new Date(ws.getTime() + 7 * 86_400_000),
  );
  const w = {
    repositories: everyRepository,
    from: YEAR_FROM,
    to: YEAR_TO,
    weeks,
    weekEnds,
    months: [],
    monthEnds: [],
  };
  const edges = { dayFrom: YEAR_TO, dayTo: YEAR_TO };
  const rows = {
    countsPath: false,
    ...edges,
    weekFrom: YEAR_TO,
    weekTo: YEAR_TO,
  };
  const counted = {
    countsPath: true,
    ...edges,
    weekFrom: weeks[0],
    weekTo: weekEnds[weekEnds.length - 1],
  };
  /** @type {{ rows: number[], counts: number[] }} */
  const times = { rows: [], counts: [] };
  for (let i = 0; i < runs; i++) {
    let started = performance.now();
    const a = await stores.dora.restores(w, rows);
    times.rows.push(performance.now() - started);
    started = performance.now();
    const b = await stores.dora.restores(w, counted);
    times.counts.push(performance.now() - started);
    if (
      a.window.incidents !== b.window.incidents ||
      Math.abs(a.window.medianHours - b.window.medianHours) > 1e-9
    ) {
      throw new Error(
        `time to restore differs: rows ${JSON.stringify(
          a.window,
        )}, counts ${JSON.stringify(b.window)}`,
      );
    }
  }
  return {
    rows: percentile(times.rows, 0.5),
    counts: percentile(times.counts, 0.5),
  };
}
const restores = await step(`${few} organisation restores, both ways`, () =>
  restoresBothWays(few),
);

const loadAfter = os.loadavg()[0];

// ---------------------------------------------------------------------------------------------
// Size and memory

const size = (
  await db.raw(
    `SELECT pg_database_size(current_database()) AS database,
       coalesce(json_agg(t ORDER BY t.total DESC), '[]') AS tables
     FROM (
       SELECT c.relname AS name, pg_total_relation_size(c.oid) AS total,
         pg_relation_size(c.oid) AS heap, pg_indexes_size(c.oid) AS indexes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname = current_schema()
         AND c.relname LIKE 'insights\\_%' AND pg_total_relation_size(c.oid) > 1048576
     ) t`,
  )
).rows[0];
const settings = Object.fromEntries(
  (
    await db.raw(
      "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'server_version')",
    )
  ).rows.map(
    (
      /** @type {{ name: string, setting: string, unit: string | null }} */ s,
    ) => [
      s.name,
      s.unit === '8kB'
        ? `${(Number(s.setting) * 8) / 1024} MB`
        : `${s.setting}${s.unit ?? ''}`,
    ],
  ),
);

/** Resident memory of PostgreSQL's processes, shared buffers counted once (PSS), in bytes. */
function postgresMemory() {
  let pss = 0;
  let processes = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres')
        continue;
      const rollup = fs.readFileSync(`/proc/${entry}/smaps_rollup`, 'utf8');
      pss += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
      processes += 1;
    } catch {
      // gone, or not ours to read
    }
  }
  return { pss, processes };
}
const pgMemory = postgresMemory();
const peakRss = process.resourceUsage().maxRSS * 1024;

await db.destroy();
if (!args.keep) {
  const cleanup = knexFactory({ client: 'pg', connection: serverUrl });
  await cleanup.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await cleanup.destroy();
}

// ---------------------------------------------------------------------------------------------
// Report

const mb = (/** @type {number | string} */ bytes) =>
  `${(Number(bytes) / 1048576).toFixed(0)} MB`;
const ms = (/** @type {number} */ value) => `${value.toFixed(1)} ms`;
console.log(
  `\nInsights at scale ${scale} (${os.cpus().length} cores, PostgreSQL ${
    settings.server_version
  }, shared_buffers ${settings.shared_buffers}, work_mem ${
    settings.work_mem
  }; machine load average ${loadBefore.toFixed(
    1,
  )} before the measures, ${loadAfter.toFixed(1)} after)`,
);
console.log(
  `${services.length} services in ${teamList.length} teams (sizes ${
    teamSizes[0]
  }–${teamSizes[teamSizes.length - 1]}, median ${
    teamSizes[Math.floor(teamSizes.length / 2)]
  }); ${counts.deployments} deployments, ${counts.changes} changes, ${
    counts.commits
  } commits, ${
    counts.incidents
  } incidents over one year; the busiest component ${
    busiest.deployments
  } deployments`,
);
console.log(
  `\n${'DORA summary over the year'.padEnd(34)} ${'p50'.padStart(
    9,
  )} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'first'.padStart(
    9,
  )}   target p95`,
);
/**
 * @param {string} label
 * @param {{ first: number, p50: number, p95: number, p99: number }} r
 * @param {number} [target]
 */
const row = (label, r, target) =>
  console.log(
    `${label.padEnd(34)} ${ms(r.p50).padStart(9)} ${ms(r.p95).padStart(9)} ${ms(
      r.p99,
    ).padStart(9)} ${ms(r.first).padStart(9)}   ${
      target === undefined
        ? '(worst case)'
        : `≤ ${target} ms ${r.p95 <= target ? 'PASS' : 'FAIL'}`
    }`,
  );
row('per component (random)', results.component, TARGETS.component);
row('per team (random)', results.team, TARGETS.team);
row('organisation', results.organisation, TARGETS.organisation);
row(`busiest component`, results.busiest);
row(`largest team (${largestTeam.length} services)`, results.largestTeam);
console.log(
  `organisation's time to restore alone, p50 of ${few} turns: every incident sorted ${ms(
    restores.rows,
  )}, from the restore counts ${ms(restores.counts)} (equal answers)`,
);
console.log(`\nDatabase ${DATABASE}: ${mb(size.database)}`);
for (const t of size.tables)
  console.log(
    `  ${t.name.padEnd(34)} ${mb(t.total).padStart(9)} (table ${mb(
      t.heap,
    )}, indexes ${mb(t.indexes)})`,
  );
console.log(
  `Memory: this process's peak RSS ${mb(peakRss)}; PostgreSQL ${mb(
    pgMemory.pss,
  )} PSS over ${pgMemory.processes} processes (the whole server)`,
);
