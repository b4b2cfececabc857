#!/usr/bin/env node
/*
 * Costs at the scale of issue 21: an organisation of 1,000 services with a year of history.
 *
 *   node bench/costs.mjs [--services 1000] [--days 365] [--samples 50]
 *
 * 1. Creates the database `costs_bench` on the machine's PostgreSQL
 *    (COSTS_BENCH_POSTGRES_URL, default postgres://postgres:postgres@127.0.0.1:5432/postgres)
 *    and brings it to the plugin's schema with its own store factory (DatabaseCostStore.create,
 *    every migration). The database is dropped at the end.
 * 2. Generates with set-based SQL `--days` days of history on two clusters: per service a
 *    Deployment (costs spread log-normally around 3 a day) and, for one service in three, a
 *    PersistentVolumeClaim; one team per 50 services; 2 % of the workloads claimed by no
 *    component; a quota for every namespace of 10 services. A cluster-day row for every day, and
 *    the teams' daily sums the store writes with each cluster day.
 * 3. Times what the leaders' and teams' pages ask, through the plugin's own service
 *    (createCostService, as the routes call it): the organisation over the whole history
 *    (overview: total, per day, by team, idle quota), a team over the last 90 days, a service
 *    over the last 90 days, and the organisation's and a team's quarter (the business case's
 *    infrastructure line), `--samples` times each: p50/p95/p99 beside the 300 ms target at p95.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { requireSource, workspaceRequire } from './lib/workspace.mjs';

const { values: args } = parseArgs({
  options: {
    services: { type: 'string', default: '1000' },
    days: { type: 'string', default: '365' },
    samples: { type: 'string', default: '50' },
  },
});
const SERVICES = Number(args.services);
const DAYS = Number(args.days);
const samples = Number(args.samples);
if (
  !(Number.isInteger(SERVICES) && SERVICES >= 50) ||
  !(Number.isInteger(DAYS) && DAYS >= 92 && DAYS <= 731) ||
  !(samples >= 10)
) {
  console.error(
    'usage: costs.mjs [--services ≥ 50] [--days 92–731] [--samples ≥ 10]',
  );
  process.exit(2);
}
const TEAMS = Math.max(1, Math.round(SERVICES / 50));
const DATABASE = 'costs_bench';
const TARGET_P95_MS = 300;

const require = workspaceRequire('plugins/costs-backend');
const knexFactory = require('knex');

const { DatabaseCostStore } = requireSource(
  require,
  'src/database/DatabaseCostStore.ts',
);
const { createCostService } = requireSource(
  require,
  'src/services/Costs/createCostService.ts',
);

const log = (/** @type {string} */ message) =>
  console.error(
    `[bench:costs ${new Date().toISOString().slice(11, 19)}] ${message}`,
  );

/** @param {number[]} values @param {number} p */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

const serverUrl =
  process.env.COSTS_BENCH_POSTGRES_URL ??
  'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const databaseUrl = Object.assign(new URL(serverUrl), {
  pathname: `/${DATABASE}`,
}).toString();

const admin = knexFactory({ client: 'pg', connection: serverUrl });
await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
await admin.raw(`CREATE DATABASE ${DATABASE}`);
// Knex's default pool, as Backstage's database service hands the plugin.
const db = knexFactory({ client: 'pg', connection: databaseUrl });

const today = new Date();
const lastDay = new Date(
  Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()),
);
const day = (/** @type {number} */ back) =>
  new Date(lastDay.getTime() - back * 86_400_000).toISOString().slice(0, 10);
const firstDay = day(DAYS - 1);
const end = day(-1);

try {
  const store = await DatabaseCostStore.create({
    database: { getClient: async () => db },
  });
  const started = performance.now();
  await db.raw(
    `INSERT INTO costs_cluster_days (day, cluster, source, currency, workloads, collected_at)
     SELECT d::date, c, 'requests', 'EUR', 0, now()
     FROM generate_series(?::date, ?::date, interval '1 day') d, unnest(array['eu-1', 'us-1']) c`,
    [firstDay, day(0)],
  );
  // a service's daily cost: log-normal around 3 (cpu 60 %, memory 35 %, storage 5 %)
  await db.raw(
    `INSERT INTO costs_workload_days
       (day, cluster, namespace, kind, name, kubernetes_id, entity_ref, owner_ref, source,
        cpu_cores, memory_bytes, storage_bytes, cpu_cost, memory_cost, storage_cost, total_cost)
     SELECT d::date, CASE WHEN s % 2 = 0 THEN 'eu-1' ELSE 'us-1' END,
       'ns-' || (s / 10), w.kind, 'service-' || s || w.suffix, 'service-' || s,
       CASE WHEN s % 50 = 7 THEN NULL ELSE 'component:default/service-' || s END,
       CASE WHEN s % 50 = 7 THEN NULL ELSE 'group:default/team-' || (s % ?) END,
       'requests', 1, 1, 0,
       c.total * 0.6 * w.share, c.total * 0.35 * w.share, c.total * 0.05 * w.share,
       c.total * w.share
     FROM generate_series(0, ? - 1) s
     CROSS JOIN generate_series(?::date, ?::date, interval '1 day') d
     CROSS JOIN LATERAL (SELECT 3 * exp(0.6 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) AS total) c
     CROSS JOIN LATERAL (VALUES ('Deployment', '', 0.9), ('PersistentVolumeClaim', '-data', 0.1)) w(kind, suffix, share)
     WHERE w.kind = 'Deployment' OR s % 3 = 0`,
    [TEAMS, SERVICES, firstDay, day(0)],
  );
  await db.raw(
    `INSERT INTO costs_quota_days (day, cluster, namespace, hard_cpu_cores, used_cpu_cores,
       hard_memory_bytes, used_memory_bytes, quota_cost, idle_cost)
     SELECT d::date, CASE WHEN n % 2 = 0 THEN 'eu-1' ELSE 'us-1' END, 'ns-' || n, 40, 40 * r,
       80 * 1024^3, 80 * 1024^3 * r, 40, 40 * (1 - r)
     FROM generate_series(0, ? / 10 - 1) n
     CROSS JOIN generate_series(?::date, ?::date, interval '1 day') d
     CROSS JOIN LATERAL (SELECT 0.3 + 0.6 * random() AS r) u`,
    [SERVICES, firstDay, day(0)],
  );
  // the teams' daily sums, as DatabaseCostStore.replaceClusterDay writes them with each day
  await db.raw(
    `INSERT INTO costs_owner_days
       (day, cluster, owner_ref, source, services, cpu_cost, memory_cost, storage_cost, total_cost)
     SELECT day, cluster, owner_ref, source, count(DISTINCT entity_ref),
       sum(cpu_cost), sum(memory_cost), sum(storage_cost), sum(total_cost)
     FROM costs_workload_days
     GROUP BY day, cluster, owner_ref, source`,
  );
  // a year of daily collection has been vacuumed: index-only reads see the visibility map
  await db.raw('VACUUM ANALYZE');
  const [{ n }] = await db('costs_workload_days').count({ n: '*' });
  log(
    `generated ${n} workload-days of ${SERVICES} services in ${TEAMS} teams over ${DAYS} days in ${(
      (performance.now() - started) /
      1000
    ).toFixed(1)} s`,
  );

  const service = createCostService({
    store,
    collector: {
      clusters: () => ['eu-1', 'us-1'],
      collect: async () => {
        throw new Error('the bench reads stored costs');
      },
    },
    currency: 'EUR',
    permissions: /** @type {any} */ ({}),
  });
  const quarter = `${lastDay.getUTCFullYear()}-Q${
    Math.floor(lastDay.getUTCMonth() / 3) + 1
  }`;
  let team = 0;
  const nextTeam = () => `group:default/team-${team++ % TEAMS}`;
  let entity = 0;
  const nextEntity = () =>
    `component:default/service-${(entity++ * 37) % SERVICES}`;
  const last90 = { from: day(89), to: end };
  /** @type {Array<[string, () => Promise<unknown>]>} */
  const queries = [
    [
      'GET /overview (whole history)',
      () => service.overview({ from: firstDay, to: end }),
    ],
    ['GET /overview (90 days)', () => service.overview(last90)],
    ['GET /team (90 days)', () => service.team(nextTeam(), last90)],
    ['GET /entity (90 days)', () => service.entity(nextEntity(), last90)],
    ['GET /period (organisation)', () => service.period({ quarter })],
    [
      'GET /period (team)',
      () => service.period({ quarter, teamRef: nextTeam() }),
    ],
  ];
  const load = () =>
    os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' / ');
  const loadBefore = load();
  console.log(
    `Costs: ${SERVICES} services, ${TEAMS} teams, ${DAYS} days, ${n} workload-days; ${samples} samples each`,
  );
  console.log(
    `  ${'query'.padEnd(30)} ${'p50'.padStart(9)} ${'p95'.padStart(
      9,
    )} ${'p99'.padStart(9)}  target p95 ${TARGET_P95_MS} ms`,
  );
  let allMet = true;
  for (const [label, run] of queries) {
    await run(); // warm
    /** @type {number[]} */
    const times = [];
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      await run();
      times.push(performance.now() - t);
    }
    const ms = (/** @type {number} */ p) =>
      `${percentile(times, p).toFixed(1)} ms`;
    const met = percentile(times, 0.95) <= TARGET_P95_MS;
    allMet &&= met;
    console.log(
      `  ${label.padEnd(30)} ${ms(0.5).padStart(9)} ${ms(0.95).padStart(
        9,
      )} ${ms(0.99).padStart(9)}  ${met ? 'met' : 'NOT met'}`,
    );
  }
  console.log(
    `Load average (1 / 5 / 15 min): ${loadBefore} before, ${load()} after; ${
      allMet ? 'every p95 within target' : 'a p95 above target'
    }`,
  );
} finally {
  await db.destroy();
  await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.destroy();
}
