#!/usr/bin/env node
/*
 * Insights at scale: generates GitHub delivery data for BENCH_REPOS repositories over one year
 * (default 1,000 repositories × 500 production deployments = 500,000 deployments, 3 changes
 * each = 1,500,000 changes, an incident on 5% of deployments), loads it through the store the
 * backfill uses (DatabaseGithubStore.apply: deployment, status and compare records), then
 * measures:
 *
 *   - DORA summary over the year, per component (p95 ≤ 50 ms), per team of 10 components
 *     (p95 ≤ 150 ms) and for the organisation (p95 ≤ 500 ms), computed by DoraService in SQL;
 *   - webhook ingestion through the real router's delivery route, as the events backend's GitHub
 *     ingress hands signed deliveries on (JSON parse, payload check, the store's group commit)
 *     over HTTP on 127.0.0.1, sent by a separate process: ≥ 500 events/s, and the CPU
 *     a delivery costs in the backend and in PostgreSQL.
 *
 * Run: `node scripts/with-postgres.mjs test -- node bench/insights.mjs` (a database
 * `insights_bench` is created on that server and dropped at the end unless BENCH_KEEP=1;
 * BENCH_REUSE=1 then measures again over the kept data without loading it).
 * Smaller runs: BENCH_REPOS=50 BENCH_DEPLOYMENTS_PER_REPO=100 node scripts/with-postgres.mjs ...
 * The full load takes a while (tens of minutes on a laptop); the measures print at the end.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { requireSource, workspaceRequire } from './lib/workspace.mjs';

const env = (/** @type {string} */ name, /** @type {number} */ fallback) =>
  Number(process.env[name] ?? fallback);
const REPOS = env('BENCH_REPOS', 1000);
const EVENTS = env('BENCH_WEBHOOK_EVENTS', 5000);
const CONCURRENCY = env('BENCH_CONCURRENCY', 8);
const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;
const repoName = (/** @type {number} */ i) =>
  `bench-org/repo-${String(i).padStart(4, '0')}`;

if (process.argv[2] === '--send') {
  // Sends BENCH_WEBHOOK_EVENTS signed deployment_status deliveries to BENCH_TARGET, with
  // CONCURRENCY × 2 in flight, and reports deliveries per second to the parent.
  const target = new URL(process.env.BENCH_TARGET ?? '');
  const secret = process.env.BENCH_SECRET ?? '';
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: CONCURRENCY * 2,
  });
  const post = (/** @type {string} */ body, /** @type {string} */ delivery) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'x-github-event': 'deployment_status',
            'x-github-delivery': delivery,
            'x-hub-signature-256': `sha256=${crypto
              .createHmac('sha256', secret)
              .update(body)
              .digest('hex')}`,
          },
        },
        res => {
          res.resume();
          res.on('end', () =>
            res.statusCode === 202
              ? resolve(undefined)
              : reject(new Error(`HTTP ${res.statusCode}`)),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const events = Array.from({ length: EVENTS }, (_, i) => {
    const at = new Date(YEAR_START + random() * YEAR_MS).toISOString();
    return JSON.stringify({
      action: 'created',
      repository: { full_name: repoName(i % REPOS), default_branch: 'main' },
      deployment: {
        id: 10_000_000 + i,
        sha: `wh-${i}`,
        environment: 'production',
        created_at: at,
      },
      deployment_status: { state: 'success', created_at: at },
    });
  });
  const t0 = Date.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY * 2 }, async () => {
      while (sent < events.length) {
        const i = sent++;
        await post(events[i], `bench-${i}-${t0}`);
      }
    }),
  );
  process.send?.({ perSecond: events.length / ((Date.now() - t0) / 1000) });
  agent.destroy();
  process.exit(0);
}

const require = workspaceRequire('plugins/insights-backend');

const DEPLOYMENTS = env('BENCH_DEPLOYMENTS_PER_REPO', 500);
const CHANGES = env('BENCH_CHANGES_PER_DEPLOYMENT', 3);
const TEAM_SIZE = 10;
const log = (/** @type {string} */ message) =>
  console.error(`[bench:insights] ${message}`);

const connection =
  process.env.INSIGHTS_BENCH_DATABASE_URL ??
  Object.entries(process.env).find(([k]) =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
  )?.[1];
if (!connection) {
  console.error(
    'usage: node scripts/with-postgres.mjs test -- node bench/insights.mjs',
  );
  process.exit(2);
}

const knexFactory = require('knex');

const admin = knexFactory({ client: 'pg', connection });
// BENCH_REUSE=1 measures again over the data a BENCH_KEEP=1 run left (loading takes long).
const reuse =
  !!process.env.BENCH_REUSE &&
  (
    await admin.raw(
      "SELECT 1 FROM pg_database WHERE datname = 'insights_bench'",
    )
  ).rows.length > 0;
if (!reuse) {
  await admin.raw('DROP DATABASE IF EXISTS insights_bench');
  await admin.raw('CREATE DATABASE insights_bench');
}
await admin.destroy();
const db = knexFactory({
  client: 'pg',
  connection: Object.assign(new URL(connection), {
    pathname: '/insights_bench',
  }).toString(),
  pool: { min: 1, max: CONCURRENCY + 4 },
});
await db.migrate.latest(
  requireSource(require, 'src/database/migrations.ts').insightsMigrations,
);

const { DatabaseGithubStore } = requireSource(
  require,
  'src/database/DatabaseGithubStore.ts',
);
const { DatabaseDoraStore } = requireSource(
  require,
  'src/database/DatabaseDoraStore.ts',
);
const { DoraService } = requireSource(
  require,
  'src/services/Dora/DoraService.ts',
);
const { createRouter } = requireSource(require, 'src/service/router.ts');
const { DEFAULT_DORA_THRESHOLDS } = require('@internal/plugin-insights-common');
const express = require('express');

const patterns = {
  productionPattern: '^prod(uction)?$',
  incidentPattern: 'incident',
};
const store = new DatabaseGithubStore(db, patterns);
const doraStore = new DatabaseDoraStore(db);
const dora = new DoraService(doraStore, DEFAULT_DORA_THRESHOLDS);

// Deterministic pseudo-random numbers, so runs are comparable.
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

let nextId = 1;

/** @param {number} r */
async function loadRepository(r) {
  const repository = repoName(r);
  const records = [];
  const step = YEAR_MS / DEPLOYMENTS;
  for (let d = 0; d < DEPLOYMENTS; d++) {
    const id = nextId++;
    const at = YEAR_START + d * step + random() * step * 0.5;
    const sha = `${r}-${d}`;
    const commits = Array.from({ length: CHANGES }, (_, c) => ({
      sha: c === CHANGES - 1 ? sha : `${sha}-${c}`,
      authoredAt: new Date(at - (1 + random() * 72) * 3_600_000).toISOString(),
    })).sort((a, b) => a.authoredAt.localeCompare(b.authoredAt));
    records.push(
      {
        kind: 'deployment',
        deploymentId: id,
        repository,
        environment: 'production',
        sha,
        createdAt: new Date(at - 600_000).toISOString(),
      },
      {
        kind: 'deploymentStatus',
        deploymentId: id,
        state: 'success',
        at: new Date(at).toISOString(),
      },
      { kind: 'deploymentChanges', deploymentId: id, repository, commits },
    );
    if (random() < 0.05) {
      const opened = at + random() * 3_600_000;
      records.push({
        kind: 'issue',
        issueId: id,
        repository,
        number: d + 1,
        title: 'Production incident',
        labels: ['incident'],
        openedAt: new Date(opened).toISOString(),
        closedAt: new Date(opened + random() * 48 * 3_600_000).toISOString(),
      });
    }
  }
  // One transaction per 100 deployments, as the backfill applies a page at a time.
  for (let i = 0; i < records.length; i += 300) {
    await store.apply(records.slice(i, i + 300));
  }
}

const started = Date.now();
let done = 0;
const queue = reuse ? [] : Array.from({ length: REPOS }, (_, i) => i);
if (reuse) log('reusing the data of an earlier run (BENCH_REUSE)');
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    for (let r = queue.shift(); r !== undefined; r = queue.shift()) {
      await loadRepository(r);
      done += 1;
      if (done % Math.max(1, Math.floor(REPOS / 20)) === 0) {
        log(
          `loaded ${done}/${REPOS} repositories (${Math.round(
            (Date.now() - started) / 1000,
          )} s)`,
        );
      }
    }
  }),
);
// What the plugin's scheduled task does every minute: fold the DORA counts' deltas.
await doraStore.foldCounts();
// What autovacuum does after a bulk load, done now rather than whenever it gets to it: every
// deployment was inserted then updated by its success status (a dead row each), and
// index-only scans need the visibility map a vacuum sets.
await db.raw('VACUUM ANALYZE');
const counts = await db.raw(`SELECT
  (SELECT count(*) FROM insights_deployments) AS deployments,
  (SELECT count(*) FROM insights_deployment_changes) AS changes,
  (SELECT count(*) FROM insights_incidents) AS incidents`);
log(
  `loaded in ${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify(
    counts.rows[0],
  )}`,
);

const from = new Date(YEAR_START);
const to = new Date(YEAR_START + YEAR_MS);
const p95 = (/** @type {number[]} */ samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)
  ];
};
/**
 * The p50 and p95 of `runs` summaries after a first one, reported apart: the first call reads
 * from whatever the earlier work left in PostgreSQL's buffers (for the organisation, tables
 * several times the size of the default 128 MB of shared buffers), the others show the query.
 */
/**
 * @param {number} runs
 * @param {(run: number) => string[]} repositories
 */
async function measure(runs, repositories) {
  const samples = [];
  for (let i = 0; i <= runs; i++) {
    const repos = repositories(i);
    const t = process.hrtime.bigint();
    await dora.summary({
      repositories: repos,
      from,
      to,
      scope: { repositories: repos.length },
    });
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const [first, ...rest] = samples;
  const sorted = [...rest].sort((a, b) => a - b);
  return { first, p50: sorted[Math.floor(sorted.length / 2)], p95: p95(rest) };
}
const pick = () => Math.floor(random() * REPOS);
const all = Array.from({ length: REPOS }, (_, i) => repoName(i));
const component = await measure(100, () => [repoName(pick())]);
const team = await measure(40, () => {
  const start = Math.floor(random() * Math.max(1, REPOS - TEAM_SIZE));
  return all.slice(start, start + TEAM_SIZE);
});
const organisation = await measure(20, () => all);

// Webhook ingestion through the router over HTTP.
const secret = 'bench-secret';
const logger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return logger;
  },
};
const router = await createRouter({
  logger,
  discovery: {},
  // Deliveries arrive as the events backend's GitHub ingress hands them on, after it checked
  // the signature: the caller is the events backend.
  httpAuth: {
    credentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'plugin:events' },
    }),
  },
  permissions: {},
  userInfo: {},
  config: {
    thresholds: DEFAULT_DORA_THRESHOLDS,
    ...patterns,
  },
  github: store,
  scopes: {},
  dora,
  survey: {},
  adoption: {},
  backfill: {},
});
const app = express();
app.use(router);
const server = http.createServer(app);
await new Promise(resolve =>
  server.listen(0, '127.0.0.1', () => resolve(undefined)),
);
const { port } = /** @type {import('node:net').AddressInfo} */ (
  server.address()
);
// CPU seconds spent by PostgreSQL's processes (this machine's server), read from /proc, so
// the bench can say what a delivery costs whatever else the machine is doing.
const postgresCpuMs = () => {
  let ticks = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
    } catch {
      // the process ended while we looked
    }
  }
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
};
const cpuBefore = { node: process.cpuUsage(), postgres: postgresCpuMs() };
// The deliveries come from another process, as GitHub's would: the backend's event loop
// spends its time on receiving and storing them, not on sending them.
const { perSecond } = await new Promise((resolve, reject) => {
  const sender = fork(fileURLToPath(import.meta.url), ['--send'], {
    env: {
      ...process.env,
      BENCH_TARGET: `http://127.0.0.1:${port}/github/deliveries`,
      BENCH_SECRET: secret,
    },
  });
  sender.on('message', resolve);
  sender.on('error', reject);
  sender.on('exit', code => code && reject(new Error(`sender exited ${code}`)));
});
server.close();
const nodeCpu = process.cpuUsage(cpuBefore.node);
const cpuPerDelivery = {
  backend: (nodeCpu.user + nodeCpu.system) / 1000 / EVENTS,
  postgres: (postgresCpuMs() - cpuBefore.postgres) / EVENTS,
};

/**
 * @param {string} label
 * @param {string} value
 * @param {string} target
 * @param {boolean} ok
 */
const row = (label, value, target, ok) =>
  console.log(
    `${label.padEnd(34)} ${value.padStart(12)}   target ${target.padEnd(10)} ${
      ok ? 'PASS' : 'FAIL'
    }`,
  );
console.log(
  `\nInsights bench: ${counts.rows[0].deployments} deployments, ${counts.rows[0].changes} changes, ${counts.rows[0].incidents} incidents, ${REPOS} repositories, one year`,
);
row(
  'DORA per component, p95',
  `${component.p95.toFixed(1)} ms`,
  '≤ 50 ms',
  component.p95 <= 50,
);
row(
  `DORA per team (${TEAM_SIZE} components), p95`,
  `${team.p95.toFixed(1)} ms`,
  '≤ 150 ms',
  team.p95 <= 150,
);
row(
  'DORA organisation, p95',
  `${organisation.p95.toFixed(1)} ms`,
  '≤ 500 ms',
  organisation.p95 <= 500,
);
row(
  'webhook ingestion',
  `${perSecond.toFixed(0)} ev/s`,
  '≥ 500/s',
  perSecond >= 500,
);
console.log(
  `  DORA p50 / first call: component ${component.p50.toFixed(
    1,
  )} / ${component.first.toFixed(1)} ms, team ${team.p50.toFixed(
    1,
  )} / ${team.first.toFixed(1)} ms, organisation ${organisation.p50.toFixed(
    1,
  )} / ${organisation.first.toFixed(1)} ms`,
);
console.log(
  `  CPU per delivery: backend ${cpuPerDelivery.backend.toFixed(
    2,
  )} ms, PostgreSQL ${cpuPerDelivery.postgres.toFixed(2)} ms (${
    os.cpus().length
  } cores, load average ${os.loadavg()[0].toFixed(1)} at the end)`,
);

await db.destroy();
if (!process.env.BENCH_KEEP) {
  const cleanup = knexFactory({ client: 'pg', connection });
  await cleanup.raw('DROP DATABASE IF EXISTS insights_bench');
  await cleanup.destroy();
}
