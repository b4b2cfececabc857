#!/usr/bin/env node
/*
 * The leaders' pages for an organisation of 1,000 services with a year of delivery history:
 * Value delivered (GET /api/value/report, for the organisation and a team) and insights' DORA
 * summary for the organisation and a team, against 300 ms at p95.
 *
 *   node bench/leaders.mjs [--samples 30] [--reload]
 *
 * 1. The year of delivery history is the one bench/insights-scale.mjs generates, at the scale of
 *    1,000 services in 100 teams (--scale 0.2222: about 1.16 million deployments, 3.4 million
 *    changes, their incidents). It is loaded once into `insights_scale_bench` with that script's
 *    --keep and reused afterwards; --reload loads it again.
 * 2. A baseline is adopted for the organisation and for every team, through the value plugin's
 *    own store (DatabaseBaselineStore, its migrations, on the database `value_leaders_bench`),
 *    with the ROI calculator's worked example, from 1 July 2025; "now" is 1 January 2026, so
 *    quarters 1 and 2 are over.
 * 3. Each page is computed by the plugin's own service as its route does (createValueService,
 *    createMeasurementService over insights' DoraService on the generated store: the report's
 *    windows in one `GET /dora/windows` read, the survey and costs sources as a portal without
 *    survey answers or clusters has them) and insights' DoraService for a quarter (the Insights page's default),
 *    `--samples` times each after a first run reported apart; p50/p95/p99 are printed beside the
 *    target. The catalog read that turns a team into its repositories and the HTTP layer are
 *    not part of it.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireSource, root, workspaceRequire } from './lib/workspace.mjs';

const { values: args } = parseArgs({
  options: {
    samples: { type: 'string', default: '30' },
    reload: { type: 'boolean', default: false },
  },
});
const samples = Number(args.samples);
if (!(samples >= 10)) {
  console.error('usage: leaders.mjs [--samples ≥ 10] [--reload]');
  process.exit(2);
}

const SCALE = '0.2222';
const SERVICES = 1000;
const TARGET_MS = 300;
const INSIGHTS_DATABASE = 'insights_scale_bench';
const VALUE_DATABASE = 'value_leaders_bench';
const START = '2025-07-01';
const NOW = new Date('2026-01-01T00:00:00Z');

const log = (/** @type {string} */ message) =>
  console.error(
    `[bench:leaders ${new Date().toISOString().slice(11, 19)}] ${message}`,
  );

const insightsRequire = workspaceRequire('plugins/insights-backend');
const valueRequire = workspaceRequire('plugins/value-backend');
const knexFactory = insightsRequire('knex');
const { DatabaseInsightsStore } = requireSource(
  insightsRequire,
  'src/database/DatabaseInsightsStore.ts',
);
const { DoraService } = requireSource(
  insightsRequire,
  'src/services/Dora/DoraService.ts',
);
const { DEFAULT_DORA_THRESHOLDS } = insightsRequire(
  '@internal/plugin-insights-common',
);
const { DatabaseBaselineStore } = requireSource(
  valueRequire,
  'src/database/DatabaseBaselineStore.ts',
);
const { createValueService } = requireSource(
  valueRequire,
  'src/services/Value/createValueService.ts',
);
const { createMeasurementService } = requireSource(
  valueRequire,
  'src/services/Measurements/createMeasurementService.ts',
);
const { createSurveyTimeShare } = requireSource(
  valueRequire,
  'src/services/Measurements/createSurveyTimeShare.ts',
);
const { SEED_EXAMPLE_INPUTS } = valueRequire('@internal/plugin-roi-common');

const serverUrl =
  process.env.INSIGHTS_SCALE_POSTGRES_URL ??
  'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const urlOf = (/** @type {string} */ database) =>
  Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();

// 1. The year of delivery history, loaded once.
const admin = knexFactory({ client: 'pg', connection: serverUrl });
const loaded =
  (
    await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [
      INSIGHTS_DATABASE,
    ])
  ).rows.length > 0 &&
  (await (async () => {
    const probe = knexFactory({
      client: 'pg',
      connection: urlOf(INSIGHTS_DATABASE),
    });
    try {
      const rows = (
        await probe.raw('SELECT count(*)::int AS n FROM bench_services')
      ).rows;
      return Math.abs(rows[0].n - SERVICES) <= 5;
    } catch {
      return false;
    } finally {
      await probe.destroy();
    }
  })());
if (args.reload || !loaded) {
  log(`loading ${SERVICES} services with a year of history (insights-scale)`);
  const run = spawnSync(
    process.execPath,
    [
      path.join(root, 'bench/insights-scale.mjs'),
      '--scale',
      SCALE,
      '--samples',
      '10',
      '--keep',
    ],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
}
await admin.raw(`DROP DATABASE IF EXISTS ${VALUE_DATABASE}`);
await admin.raw(`CREATE DATABASE ${VALUE_DATABASE}`);
await admin.destroy();

const insightsDb = knexFactory({
  client: 'pg',
  connection: urlOf(INSIGHTS_DATABASE),
});
const valueDb = knexFactory({
  client: 'pg',
  connection: urlOf(VALUE_DATABASE),
});
const stores = await DatabaseInsightsStore.create({
  database: { getClient: async () => insightsDb },
  patterns: {
    productionPattern: '^prod(uction)?$',
    incidentPattern: 'incident',
  },
});
const dora = new DoraService(stores.dora, DEFAULT_DORA_THRESHOLDS);

/** @type {{ repository: string, team: number }[]} */
const services = (
  await insightsDb.raw('SELECT repository, team FROM bench_services')
).rows;
/** @type {Map<string, string[]>} */
const teams = new Map();
for (const s of services) {
  const ref = `group:default/team-${s.team}`;
  teams.set(ref, [...(teams.get(ref) ?? []), s.repository]);
}
const everyRepository = services.map(s => s.repository);
const teamRefs = [...teams.keys()];
log(`${services.length} services in ${teamRefs.length} teams`);

/** The repositories of a scope: a team's, or every one for the organisation. */
const repositoriesOf = (/** @type {string | undefined} */ group) =>
  group ? teams.get(group) ?? [] : everyRepository;

/**
 * insightsServiceRef as the value plugin calls it, answered by insights' own DoraService as its
 * routes answer (`GET /dora`, `GET /dora/windows`).
 */
const insights = {
  getDora: async (
    /** @type {{ group?: string, from: string, to: string }} */ query,
  ) => {
    const repositories = repositoriesOf(query.group);
    return dora.summary({
      repositories,
      from: new Date(query.from),
      to: new Date(query.to),
      scope: { group: query.group, repositories: repositories.length },
    });
  },
  getDoraWindows: async (
    /** @type {{ group?: string, windows?: { from: string, to: string }[], incidentWindows?: { from: string, to: string }[] }} */ query,
  ) => {
    const repositories = repositoriesOf(query.group);
    const asked = (
      /** @type {{ from: string, to: string }[] | undefined} */ windows,
      /** @type {boolean} */ leadTimes,
    ) =>
      (windows ?? []).map(w => ({
        from: new Date(w.from),
        to: new Date(w.to),
        leadTimes,
      }));
    const measured = await dora.measures({
      repositories,
      windows: [
        ...asked(query.windows, true),
        ...asked(query.incidentWindows, false),
      ],
    });
    return {
      scope: { group: query.group, repositories: repositories.length },
      windows: measured.map((/** @type {any} */ m) => ({
        ...m,
        from: m.from.toISOString(),
        to: m.to.toISOString(),
      })),
    };
  },
};
const quiet = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => quiet,
};

// 2. Baselines for the organisation and every team.
const store = await DatabaseBaselineStore.create({
  database: { getClient: async () => valueDb },
});
const inputs = {
  ...SEED_EXAMPLE_INPUTS,
  periodMonths: 12,
  currency: 'EUR',
  rampUpMonths: 6,
  recurringYearlyCosts: 0,
};
for (const scope of ['organisation', ...teamRefs]) {
  await store.adopt(
    {
      scope,
      scenarioId: '7f0c3a1e-2b4d-4c5e-8f6a-9b0c1d2e3f40',
      scenarioName: 'Platform business case',
      scenarioVersion: 1,
      currency: 'EUR',
      inputs,
      startDate: START,
      costPerIncident: 115_000,
      adoptedBy: 'user:default/bench',
    },
    new Date('2025-06-30T12:00:00Z'),
  );
}
const value = createValueService({
  store,
  scenarios: { read: async () => Promise.reject(new Error('not used')) },
  measurements: createMeasurementService({
    insights,
    timeShare: createSurveyTimeShare({}),
    costs: {
      cost: async () => ({ ok: false, reason: 'No cluster connected' }),
    },
    logger: quiet,
  }),
  now: () => NOW,
});
const credentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: {},
};

// 3. The pages.
const pick = (/** @type {string[]} */ list) =>
  list[Math.floor(Math.random() * list.length)];
const percentile = (
  /** @type {number[]} */ values,
  /** @type {number} */ p,
) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
};

/**
 * @param {string} label
 * @param {() => Promise<unknown>} page
 */
async function measure(label, page) {
  /** @type {number[]} */
  const times = [];
  let first = 0;
  for (let i = 0; i <= samples; i++) {
    const started = performance.now();
    await page();
    const ms = performance.now() - started;
    if (i === 0) first = ms;
    else times.push(ms);
  }
  const row = {
    label,
    first,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
  };
  log(`${label}: p95 ${row.p95.toFixed(0)} ms`);
  return row;
}

const Q4 = { from: '2025-10-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' };
const loadBefore = os.loadavg()[0];
const rows = [
  await measure('Value delivered, organisation, quarter 2', () =>
    value.report('organisation', 2, { credentials }),
  ),
  await measure('Value delivered, a team, quarter 2', () =>
    value.report(pick(teamRefs), 2, { credentials }),
  ),
  await measure('Value delivered, the baseline card (a team)', () =>
    value.getBaseline(pick(teamRefs), { credentials, canAdopt: true }),
  ),
  await measure('Insights DORA, organisation, Q4 2025', () =>
    insights.getDora({ ...Q4 }),
  ),
  await measure('Insights DORA, a team, Q4 2025', () =>
    insights.getDora({ group: pick(teamRefs), ...Q4 }),
  ),
];
const loadAfter = os.loadavg()[0];

const sample = await value.report('organisation', 2, { credentials });
console.log(
  `\nLeaders' pages: ${services.length} services, ${teamRefs.length} teams, a year of history; ${samples} samples each (first run apart)\n`,
);
console.log(
  '| Page | first | p50 | p95 | p99 | target (p95) |\n| --- | --- | --- | --- | --- | --- |',
);
for (const r of rows) {
  console.log(
    `| ${r.label} | ${r.first.toFixed(0)} ms | ${r.p50.toFixed(
      0,
    )} ms | ${r.p95.toFixed(0)} ms | ${r.p99.toFixed(0)} ms | ${TARGET_MS} ms ${
      r.p95 <= TARGET_MS ? 'met' : 'NOT met'
    } |`,
  );
}
console.log(
  `\nOrganisation, quarter 2: ${sample.figures
    .map(
      (/** @type {any} */ f) =>
        `${f.label}: ${f.actual.missing ?? f.actual.text}`,
    )
    .join('; ')}`,
);
console.log(
  `Load average (1 min) ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(
    2,
  )} after, on ${os.cpus().length} cores`,
);
await insightsDb.destroy();
await valueDb.destroy();
