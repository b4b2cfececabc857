#!/usr/bin/env node
/*
 * Scorecards at the scale the feature is built for: 5,000 services of about 100 teams, 25 checks,
 * the facts already collected.
 *
 *   node bench/scorecards.mjs [--services 5000] [--samples 100]
 *
 * 1. Creates the database `scorecards_bench` on the machine's PostgreSQL
 *    (SCORECARDS_BENCH_POSTGRES_URL, default postgres://postgres:postgres@127.0.0.1:5432/postgres)
 *    and brings it to the plugin's schema with the plugin's own store factory
 *    (DatabaseScorecardStore.create: every migration, as the backend runs them). The database is
 *    dropped at the end.
 * 2. Generates the data with set-based SQL (generate_series, INSERT … SELECT): `--services`
 *    components (80 % services, 10 % websites, 10 % libraries; 70 % production; 30 % tier-1),
 *    owned by one team per 50 services (teams of uneven size), each with a maturity in [0, 1]
 *    that raises its pass rates. Every fact the plugin defines (FACTS) is stored for every
 *    component (its latest value and a history row): yes/no facts pass 35–95 % of the time
 *    (shifted ±25 points by maturity), numeric facts follow log-normal spreads (lead time around
 *    48 h, change failure rate around 12 %, deployments around 2 a week, time to restore around
 *    20 h), replicas 1–4, and 3–10 % of the facts of the sources other than the catalog are not
 *    collected. 2 % of the components have a granted waiver; 89 earlier days of level history
 *    feed the 90-day trend.
 * 3. The checks: the repository's (`scorecards/checks/`), filled up to 25 with generated ones
 *    (DORA band ranks, daily deploys for tier-1) when it has fewer, parsed together by the
 *    plugin's own parser (so the generated ones are validated like the others); the report
 *    says how many of each.
 * 4. Times a full evaluation through the plugin's own service (`evaluateAll`: the same
 *    evaluateEntities the scheduled task's refresh runs after collecting, over the stored
 *    entities, facts and waivers), twice: the
 *    first evaluation (every result new, a history row each) and the hourly steady state after
 *    1 % of the yes/no facts changed. Each store call is timed apart, the rest is the
 *    evaluation in JavaScript. Target: under 60 s.
 * 5. Measures the summaries the routes serve (`GET /api/scorecards/summary?owner=` for a team,
 *    without `owner` for the organisation, through the service's `summary`) `--samples` times
 *    each (teams in turn, then the largest team): p50/p95/p99 beside the 100 ms target at p95,
 *    with the load average; then each of the organisation summary's queries alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireSource, root, workspaceRequire } from './lib/workspace.mjs';

const { values: args } = parseArgs({
  options: {
    services: { type: 'string', default: '5000' },
    samples: { type: 'string', default: '100' },
  },
});
const SERVICES = Number(args.services);
const samples = Number(args.samples);
if (!(Number.isInteger(SERVICES) && SERVICES >= 10) || !(samples >= 10)) {
  console.error('usage: scorecards.mjs [--services ≥ 10] [--samples ≥ 10]');
  process.exit(2);
}
const TEAMS = Math.max(1, Math.round(SERVICES / 50));
const DATABASE = 'scorecards_bench';
const LEVELS = ['bronze', 'silver', 'gold'];
const TARGETS = { evaluationMs: 60_000, summaryP95Ms: 100 };

const require = workspaceRequire('plugins/scorecards-backend');
const knexFactory = require('knex');

const { DatabaseScorecardStore } = requireSource(
  require,
  'src/database/DatabaseScorecardStore.ts',
);
const { createScorecardService } = requireSource(
  require,
  'src/services/Scorecards/createScorecardService.ts',
);
const {
  FACTS,
  parseCheckFiles,
} = require('@internal/plugin-scorecards-common');

const log = (/** @type {string} */ message) =>
  console.error(
    `[bench:scorecards ${new Date().toISOString().slice(11, 19)}] ${message}`,
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

/** @param {number[]} values @param {number} p */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

// ---------------------------------------------------------------------------------------------
// The checks: the repository's, and generated ones up to 25, parsed together

const checksDir = path.join(root, 'scorecards/checks');
/** Check definitions to fill the set up to 25 when the repository has fewer. */
const GENERATED = [
  `
id: bench-lead-time-band-high
title: Lead time in the high band or better
why: Generated for the bench.
docs: /docs/default/component/developer-portal/scorecards/#lead-time
appliesTo:
  kind: [Component]
  type: [service]
  lifecycle: [production]
level: silver
rule:
  fact: insights.leadTimeBandRank
  operator: '>='
  threshold: 3
`,
  `
id: bench-change-failure-band-elite
title: Change failure rate in the elite band
why: Generated for the bench.
docs: /docs/default/component/developer-portal/scorecards/#change-failure-rate
appliesTo:
  kind: [Component]
  type: [service]
  lifecycle: [production]
level: gold
rule:
  fact: insights.changeFailureRateBandRank
  operator: '>='
  threshold: 4
`,
  `
id: bench-deploys-daily
title: Deploys daily
why: Generated for the bench.
docs: /docs/default/component/developer-portal/scorecards/#deploys-weekly
appliesTo:
  kind: [Component]
  type: [service]
  lifecycle: [production]
  tags: [tier-1]
level: gold
rule:
  fact: insights.deploymentsPerWeek
  operator: '>='
  threshold: 5
`,
];
const CHECKS = 25;
const repositoryFiles = fs
  .readdirSync(checksDir)
  .filter(name => /\.ya?ml$/.test(name))
  .sort()
  .map(name => ({
    file: path.join(checksDir, name),
    text: fs.readFileSync(path.join(checksDir, name), 'utf8'),
  }));
const repositoryChecks = parseCheckFiles(repositoryFiles, LEVELS).length;
const generated = GENERATED.slice(0, Math.max(0, CHECKS - repositoryChecks));
const checks = parseCheckFiles(
  [
    ...repositoryFiles,
    ...generated.map((text, i) => ({
      file: `bench:generated-${i}.yaml`,
      text,
    })),
  ],
  LEVELS,
);

// ---------------------------------------------------------------------------------------------
// The database

const serverUrl =
  process.env.SCORECARDS_BENCH_POSTGRES_URL ??
  'postgres://postgres:postgres@127.0.0.1:5432/postgres';
const databaseUrl = Object.assign(new URL(serverUrl), {
  pathname: `/${DATABASE}`,
}).toString();

const admin = knexFactory({ client: 'pg', connection: serverUrl });
await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
await admin.raw(`CREATE DATABASE ${DATABASE}`);

// Knex's default pool, as Backstage's database service hands the plugin.
const db = knexFactory({ client: 'pg', connection: databaseUrl });

/** Each store call's total time, by method. */
const storeMs = new Map();
/** @param {object} target */
function timed(target) {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return async (/** @type {unknown[]} */ ...params) => {
        const started = performance.now();
        try {
          return await value.apply(object, params);
        } finally {
          storeMs.set(
            property,
            (storeMs.get(property) ?? 0) + performance.now() - started,
          );
        }
      };
    },
  });
}

/** @param {string} source */
const factsOf = source =>
  FACTS.filter(
    (/** @type {{ source: string }} */ f) => f.source === source,
  ).map((/** @type {{ id: string }} */ f) => f.id);
const notCollecting = () => {
  throw new Error('the bench evaluates stored facts; nothing is collected');
};
const silent = () => {};
/** @type {any} */
const logger = {
  error: silent,
  warn: silent,
  info: silent,
  debug: silent,
  child: () => logger,
};

try {
  const store = await step('migrations', () =>
    DatabaseScorecardStore.create({
      database: { getClient: async () => db },
    }),
  );
  const service = createScorecardService({
    store: timed(store),
    checks,
    levels: LEVELS,
    catalogRetriever: {
      source: 'catalog',
      facts: factsOf('catalog'),
      collect: notCollecting,
    },
    retrievers: [
      ...new Set(
        FACTS.map((/** @type {{ source: string }} */ f) => f.source).filter(
          (/** @type {string} */ source) => source !== 'catalog',
        ),
      ),
    ].map(source => ({
      source,
      facts: factsOf(source),
      collect: notCollecting,
    })),
    userInfo: { getUserInfo: notCollecting },
    logger,
  });
  const active = service.listChecks().checks.length;
  if (active !== checks.length) {
    throw new Error(`${checks.length - active} checks left out`);
  }

  // -------------------------------------------------------------------------------------------
  // The data set

  /** A standard normal variate from two uniform ones (Box–Muller), in SQL. */
  const NORMAL = 'sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())';
  /** Per yes/no fact: the share passing at maturity 0.5; per source: the share not collected. */
  const BOOLEAN_RATES = {
    'catalog.ownerIsTeam': 0.95,
    'catalog.hasSystem': 0.75,
    'catalog.hasLifecycle': 0.95,
    'catalog.hasDescription': 0.9,
    'catalog.hasTechDocs': 0.6,
    'catalog.providedApisHaveDefinitions': 0.7,
    'catalog.hasOnCallLink': 0.55,
    'catalog.hasDashboardLink': 0.5,
    'github.defaultBranchProtected': 0.8,
    'github.hasCodeowners': 0.65,
    'github.hasCiWorkflow': 0.95,
    'github.lastDefaultBranchRunPassed': 0.85,
    'github.hasDependencyUpdates': 0.6,
    'github.hasImageScan': 0.35,
    'kubernetes.hasProbes': 0.7,
    'kubernetes.hasResourceRequestsAndLimits': 0.6,
    'kubernetes.restrictiveSecurityContext': 0.35,
    'goldenPath.createdFromTemplate': 0.6,
  };
  const MISSING = {
    catalog: 0,
    insights: 0.08,
    github: 0.03,
    kubernetes: 0.1,
    goldenPath: 0.05,
  };
  const NUMERIC = {
    'insights.leadTimeHours': `round((exp(ln(48) - 1.5 * m.maturity + 1.0 * ${NORMAL}))::numeric, 1)`,
    'insights.changeFailureRatePercent': `round(least(100, exp(ln(12) - m.maturity + 0.8 * ${NORMAL}))::numeric, 1)`,
    'insights.deploymentsPerWeek': `round((exp(ln(2) + 1.5 * m.maturity - 0.75 + 1.2 * ${NORMAL}))::numeric, 2)`,
    'insights.timeToRestoreHours': `round((exp(ln(20) - m.maturity + 1.2 * ${NORMAL}))::numeric, 1)`,
    'insights.leadTimeBandRank': `least(4, 1 + floor(random() * 2 + 2 * m.maturity))`,
    'insights.changeFailureRateBandRank': `least(4, 1 + floor(random() * 2 + 2 * m.maturity))`,
    'kubernetes.productionReplicas': `1 + floor(random() * (1 + 3 * m.maturity))`,
    'goldenPath.versionsBehind': `floor(exp(1 - 1.5 * m.maturity + 0.8 * ${NORMAL}))`,
  };
  const factRows = FACTS.map(
    (/** @type {{ id: string; source: string; type: string }} */ f) =>
      `(${[
        f.id,
        f.type,
        String(
          /** @type {Record<string, number>} */ (BOOLEAN_RATES)[f.id] ?? 0.6,
        ),
        String(
          /** @type {Record<string, number>} */ (MISSING)[f.source] ?? 0.05,
        ),
      ]
        .map(v => `'${v}'`)
        .join(', ')})`,
  ).join(',\n');
  const numericCase = Object.entries(NUMERIC)
    .map(([id, expression]) => `when '${id}' then to_jsonb(${expression})`)
    .join('\n');

  await step(
    `data: ${SERVICES} components, ${TEAMS} teams, ${FACTS.length} facts each`,
    () =>
      db.transaction(async (/** @type {any} */ trx) => {
        await trx.raw('SELECT setseed(0.25)');
        await trx.raw(
          `insert into scorecard_entities (entity_ref, title, kind, type, lifecycle, tags, owner_ref, repository, seen_at)
         select 'component:default/service-' || lpad(n::text, 5, '0'), 'Service ' || n, 'Component',
                case when r1 < 0.8 then 'service' when r1 < 0.9 then 'website' else 'library' end,
                case when r2 < 0.7 then 'production' when r2 < 0.9 then 'experimental' else 'deprecated' end,
                case when r3 < 0.3 then '["tier-1"]'::jsonb else '[]'::jsonb end,
                'group:default/team-' || lpad((1 + floor(power(r4, 1.5) * ?))::text, 3, '0'),
                'acme/service-' || n, now()
           from (select n, random() r1, random() r2, random() r3, random() r4
                   from generate_series(1, ?) n) s`,
          [TEAMS, SERVICES],
        );
        await trx.raw(
          `create temp table bench_maturity on commit drop as
         select entity_ref, owner_ref, random() as maturity from scorecard_entities`,
        );
        await trx.raw(
          `insert into scorecard_facts (entity_ref, fact_id, value, collected_at)
         select m.entity_ref, f.fact_id,
                case when random() < f.missing::float then null
                     when f.type = 'boolean' then to_jsonb(random() <
                       least(0.98, greatest(0.02, f.rate::float + (m.maturity - 0.5) * 0.5)))
                     else case f.fact_id ${numericCase} end
                end,
                now() - random() * interval '1 hour'
           from bench_maturity m
           cross join (values ${factRows}) as f(fact_id, type, rate, missing)`,
        );
        await trx.raw(
          `insert into scorecard_fact_history (entity_ref, fact_id, value, collected_at)
         select entity_ref, fact_id, value, collected_at from scorecard_facts`,
        );
        // a granted waiver for 2 % of the components, on one of the checks
        await trx.raw(
          `insert into scorecard_waivers (id, entity_ref, check_id, reason, expires_at, status,
                                        requested_by, requested_at, decided_by, decided_at)
         select gen_random_uuid(), m.entity_ref, (?::text[])[1 + floor(random() * ?)::int],
                'Migrating off the legacy platform this quarter', now() + interval '60 days',
                'granted', 'user:default/someone', now() - interval '10 days',
                'user:default/admin', now() - interval '9 days'
           from bench_maturity m where random() < 0.02`,
          [
            `{${checks
              .map((/** @type {{ id: string }} */ c) => c.id)
              .join(',')}}`,
            checks.length,
          ],
        );
        // the 89 earlier days of the 90-day trend: levels climbing slowly with maturity
        await trx.raw(
          `insert into scorecard_level_history (day, entity_ref, owner_ref, level)
         select current_date - d, m.entity_ref, m.owner_ref,
                (array['bronze', 'silver', 'gold'])[
                  least(3, floor(m.maturity * 3.6 - d / 180.0 + random() * 0.4)::int)]
           from bench_maturity m cross join generate_series(1, 89) d`,
        );
        // and their daily counts, as each day's evaluation would have kept them
        // (docs/decisions/scorecard-daily-counts.md); the table exists from its migration on
        const kept = await trx.raw(
          `select to_regclass('scorecard_level_daily') is not null as present`,
        );
        if (kept.rows[0].present) {
          await trx.raw(
            `insert into scorecard_level_daily (day, owner_ref, level, entities)
             select day, owner_ref, level, count(*)::int from scorecard_level_history
              group by day, owner_ref, level`,
          );
          // the golden-path counts the store keeps as it writes golden-path facts
          const golden = await trx.raw(
            `select to_regclass('scorecard_golden_path_counts') is not null as present`,
          );
          if (golden.rows[0].present) {
            await trx.raw(
              `insert into scorecard_golden_path_counts
                 (owner_ref, services, from_golden_path, on_latest_version)
               select e.owner_ref, count(*)::int,
                      (count(*) filter (where made.value = 'true'::jsonb))::int,
                      (count(*) filter (where made.value = 'true'::jsonb
                                          and behind.value = '0'::jsonb))::int
                 from scorecard_entities e
                 join scorecard_facts made
                   on made.entity_ref = e.entity_ref
                  and made.fact_id = 'goldenPath.createdFromTemplate'
                  and jsonb_typeof(made.value) = 'boolean'
                 left join scorecard_facts behind
                   on behind.entity_ref = e.entity_ref
                  and behind.fact_id = 'goldenPath.versionsBehind'
                where lower(e.kind) = 'component' and lower(e.type) = 'service'
                group by e.owner_ref`,
            );
          }
          const totals = await trx.raw(
            `select to_regclass('scorecard_level_daily_totals') is not null as present`,
          );
          if (totals.rows[0].present) {
            await trx.raw(
              `insert into scorecard_level_daily_totals (day, level, entities)
               select day, level, sum(entities)::int from scorecard_level_daily
                group by day, level`,
            );
          }
        }
      }),
  );
  await step('VACUUM ANALYZE', () => db.raw('VACUUM ANALYZE'));
  const counts = (
    await db.raw(
      `select (select count(*) from scorecard_facts)::int as facts,
            (select count(*) from scorecard_facts where value is null)::int as uncollected,
            (select count(*) from scorecard_waivers)::int as waivers,
            (select count(*) from scorecard_level_history)::int as level_days`,
    )
  ).rows[0];
  log(
    `${counts.facts} facts (${counts.uncollected} not collected), ${counts.waivers} waivers, ${counts.level_days} level-history rows`,
  );

  // -------------------------------------------------------------------------------------------
  // The evaluation

  const evaluation = async (/** @type {string} */ label) => {
    storeMs.clear();
    const started = performance.now();
    await service.evaluateAll();
    const total = performance.now() - started;
    const inStore = [...storeMs.values()].reduce((a, b) => a + b, 0);
    log(`${label}: ${(total / 1000).toFixed(2)} s`);
    return {
      label,
      total,
      parts: [
        ...[...storeMs].map(([method, ms]) => [`store.${String(method)}`, ms]),
        ['evaluation in JavaScript', total - inStore],
      ],
    };
  };
  const first = await evaluation('first evaluation');
  const results = (
    await db.raw(
      `select count(*)::int as results,
            (count(*) filter (where status in ('pass', 'waived')))::int as passing
       from scorecard_results`,
    )
  ).rows[0];
  const levelCounts = (
    await db.raw(
      `select coalesce(level, 'below bronze') as level, count(*)::int as n
       from scorecard_entities group by 1 order by 1`,
    )
  ).rows
    .map((/** @type {{ level: string; n: number }} */ r) => `${r.level} ${r.n}`)
    .join(', ');
  // the next hour: 1 % of the yes/no facts changed
  await db.raw(
    `update scorecard_facts set value = to_jsonb(not (value::text)::boolean), collected_at = now()
      where jsonb_typeof(value) = 'boolean' and random() < 0.01`,
  );
  const steady = await evaluation('steady-state evaluation');

  // -------------------------------------------------------------------------------------------
  // The summaries

  const teams = (
    await db('scorecard_entities').distinct('owner_ref').orderBy('owner_ref')
  ).map((/** @type {{ owner_ref: string }} */ r) => r.owner_ref);
  const { owner_ref: largest, n: largestSize } = (
    await db.raw(
      `select owner_ref, count(*)::int as n from scorecard_entities
        group by owner_ref order by count(*) desc, owner_ref limit 1`,
    )
  ).rows[0];

  const measure = async (
    /** @type {(i: number) => string | undefined} */ owner,
  ) => {
    await service.summary(owner(0)); // one warm-up: the pool's first connection
    /** @type {number[]} */
    const times = [];
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      await service.summary(owner(i));
      times.push(performance.now() - started);
    }
    return {
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      p99: percentile(times, 0.99),
    };
  };
  const loadBefore = os.loadavg();
  const team = await step('team summaries', () =>
    measure(i => teams[(i * 37) % teams.length]),
  );
  const largestTeam = await step('largest team summaries', () =>
    measure(() => largest),
  );
  const organisation = await step('organisation summaries', () =>
    measure(() => undefined),
  );
  // the team page (GET /team?owner=), where the service has it
  const teamPage =
    typeof service.team === 'function'
      ? await step('team pages', async () => {
          await service.team(teams[0]);
          /** @type {number[]} */
          const times = [];
          for (let i = 0; i < samples; i++) {
            const started = performance.now();
            await service.team(teams[(i * 37) % teams.length]);
            times.push(performance.now() - started);
          }
          return {
            p50: percentile(times, 0.5),
            p95: percentile(times, 0.95),
            p99: percentile(times, 0.99),
          };
        })
      : undefined;
  // where an organisation summary's time goes: each of its three queries alone
  const fromDay = new Date(Date.now() - 90 * 24 * 3600 * 1000)
    .toISOString()
    .slice(0, 10);
  const alone = async (/** @type {() => Promise<unknown>} */ query) => {
    await query();
    /** @type {number[]} */
    const times = [];
    for (let i = 0; i < Math.max(10, samples / 5); i++) {
      const started = performance.now();
      await query();
      times.push(performance.now() - started);
    }
    return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
  };
  const parts = [
    ['levelDistribution', await alone(() => store.levelDistribution())],
    ['checkPassRates', await alone(() => store.checkPassRates())],
    ['levelTrend (90 days)', await alone(() => store.levelTrend(fromDay))],
  ];
  // the golden-path adoption counts, where the summary has them
  if (typeof store.goldenPathCounts === 'function') {
    parts.push([
      'goldenPathCounts',
      await alone(() => store.goldenPathCounts()),
    ]);
  }
  const loadAfter = os.loadavg();

  // -------------------------------------------------------------------------------------------
  // Report

  const ms = (/** @type {number} */ v) => `${v.toFixed(1)} ms`;
  const load = (/** @type {number[]} */ l) =>
    l.map(v => v.toFixed(2)).join(' / ');
  console.log(
    `Scorecards bench: ${SERVICES} components, ${TEAMS} teams (largest ${largest}, ${largestSize} components), ${
      checks.length
    } checks (${repositoryChecks} from scorecards/checks/, ${
      checks.length - repositoryChecks
    } generated), ${os.cpus().length} cores`,
  );
  console.log(
    `Results: ${results.results} (${results.passing} pass or waived); levels: ${levelCounts}`,
  );
  for (const run of [first, steady]) {
    console.log(
      `${run.label.padEnd(26)} ${(run.total / 1000).toFixed(2)} s   target < ${
        TARGETS.evaluationMs / 1000
      } s ${run.total < TARGETS.evaluationMs ? 'PASS' : 'FAIL'}`,
    );
    for (const [part, partMs] of run.parts) {
      console.log(`  ${String(part).padEnd(28)} ${ms(Number(partMs))}`);
    }
  }
  console.log(
    `Summaries (${samples} samples each)  ${'p50'.padStart(9)} ${'p95'.padStart(
      9,
    )} ${'p99'.padStart(9)}   target p95`,
  );
  /** @type {[string, { p50: number; p95: number; p99: number }][]} */
  const summaryRows = [
    ['team (round the teams)', team],
    ['largest team', largestTeam],
    ['organisation', organisation],
  ];
  if (teamPage) summaryRows.push(['team page (GET /team)', teamPage]);
  for (const [label, r] of summaryRows) {
    console.log(
      `${label.padEnd(30)} ${ms(r.p50).padStart(9)} ${ms(r.p95).padStart(
        9,
      )} ${ms(r.p99).padStart(9)}   ≤ ${TARGETS.summaryP95Ms} ms ${
        r.p95 <= TARGETS.summaryP95Ms ? 'PASS' : 'FAIL'
      }`,
    );
  }
  console.log('Organisation summary, each query alone (store, in sequence):');
  for (const [label, r] of parts) {
    const q = /** @type {{ p50: number; p95: number }} */ (r);
    console.log(
      `  ${String(label).padEnd(28)} ${ms(q.p50).padStart(9)} ${ms(
        q.p95,
      ).padStart(9)}`,
    );
  }
  console.log(
    `Load average (1 / 5 / 15 min): ${load(
      loadBefore,
    )} before the summaries, ${load(loadAfter)} after`,
  );
} finally {
  await db.destroy();
  await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.destroy();
}
