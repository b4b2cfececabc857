#!/usr/bin/env node
/*
 * Golden-path databases: how long from a new service's database step to its database accepting
 * connections with the role the step generated, on a real PostgreSQL server.
 *
 *   node bench/golden-path-database.mjs [--runs 20]
 *
 * Each run gives a new, uniquely named service a dev database with the module's own
 * acme:database:create action (provider postgres, no Kubernetes cluster, so the connection URL
 * is handed over as the step's output), then connects with that URL until `SELECT 1` answers as
 * the generated role in its own database. The time is from the action's start to that answer.
 * Every database and role is dropped afterwards with the module's own drop (the one
 * acme:database:drop uses).
 *
 * The admin connection: GOLDEN_PATH_DB_ADMIN_URL, else the server of scripts/with-postgres.mjs
 * (BACKSTAGE_TEST_DATABASE_POSTGRES*_CONNECTION_STRING), else
 * postgresql://postgres@127.0.0.1:5432/postgres. Prints p50, p95 and the slowest run, in ms.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { requireSource, workspaceRequire } from './lib/workspace.mjs';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '20' } },
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) {
  throw new Error(`--runs must be a positive integer, got ${args.runs}`);
}

const adminUrl =
  process.env.GOLDEN_PATH_DB_ADMIN_URL ??
  Object.entries(process.env).find(([key]) =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(key),
  )?.[1] ??
  'postgresql://postgres@127.0.0.1:5432/postgres';

const module = 'plugins/scaffolder-backend-module-golden-paths';
const require = workspaceRequire(module);
const { ConfigReader } = require('@backstage/config');

const { createDatabaseAction } = requireSource(
  require,
  'src/actions/database.ts',
);
const { dropPostgresDatabase } = requireSource(
  require,
  'src/lib/postgresDatabases.ts',
);

const ADMIN_ENV = 'GOLDEN_PATH_BENCH_DB_ADMIN';
const action = createDatabaseAction({
  config: new ConfigReader({
    goldenPaths: {
      databases: {
        environments: {
          dev: { provider: 'postgres', adminConnectionEnv: ADMIN_ENV },
        },
      },
    },
  }),
  env: { [ADMIN_ENV]: adminUrl },
});

const quiet = () => {};
const logger = { info: quiet, warn: quiet, error: quiet, debug: quiet };

/**
 * Connects with `url` until the server answers as `role`; the number of attempts.
 *
 * @param {string} url
 * @param {string} role
 */
async function untilAccepting(url, role) {
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query('SELECT current_user AS role');
      if (rows[0].role !== role)
        throw new Error(`connected as ${rows[0].role}`);
      return attempt;
    } catch (error) {
      if (attempt >= 200) throw error;
      await new Promise(resolve => setTimeout(resolve, 10));
    } finally {
      await client.end().catch(quiet);
    }
  }
}

/** The nearest-rank percentile `q` (0–1) of ascending `sorted`. */
const percentile = (/** @type {number[]} */ sorted, /** @type {number} */ q) =>
  sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];

const prefix = `bench-db-${randomBytes(3).toString('hex')}`;
/** @type {number[]} */
const times = [];
console.log(
  `${runs} runs against ${
    new URL(adminUrl).host
  } (acme:database:create, provider postgres)`,
);
try {
  for (let i = 0; i < runs; i++) {
    const name = `${prefix}-${i}`;
    /** @type {Record<string, unknown>} */
    const outputs = {};
    const started = performance.now();
    await action.handler({
      input: { name, environments: ['dev'] },
      logger,
      output: (/** @type {string} */ key, /** @type {unknown} */ value) =>
        (outputs[key] = value),
      isDryRun: false,
    });
    const url = /** @type {Record<string, string>} */ (outputs.handover).dev;
    const attempts = await untilAccepting(url, `${name}-dev`);
    const ms = performance.now() - started;
    times.push(ms);
    console.log(
      `run ${i + 1}: ${ms.toFixed(0)} ms${
        attempts > 1 ? ` (${attempts} connection attempts)` : ''
      }`,
    );
  }
} finally {
  for (let i = 0; i < runs; i++) {
    await dropPostgresDatabase({
      adminConnectionString: adminUrl,
      database: `${prefix}-${i}-dev`,
      service: `${prefix}-${i}`,
      dryRun: false,
    });
  }
}

const sorted = [...times].sort((a, b) => a - b);
console.log(
  `new service to its database accepting its role: p50 ${percentile(
    sorted,
    0.5,
  ).toFixed(0)} ms, p95 ${percentile(sorted, 0.95).toFixed(
    0,
  )} ms, slowest ${sorted[sorted.length - 1].toFixed(0)} ms (${runs} runs)`,
);
