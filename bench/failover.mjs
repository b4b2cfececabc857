#!/usr/bin/env node
/*
 * Faults with several replicas of the portal backend behind HAProxy, on one PostgreSQL server
 * (fresh databases, a prefix of their own), with the load of bench/load.mjs running:
 *
 *   (a) one replica SIGKILLed: requests that failed (in flight on it, and until HAProxy's
 *       checks took it out), when HAProxy marked it DOWN, and whether every ROI business case
 *       whose save was acknowledged (201) can be read afterwards; the replica is then started
 *       again and HAProxy takes it back;
 *   (b) every connection of the replicas to PostgreSQL terminated (pg_terminate_backend on the
 *       run's databases, as a database restart or failover does to them): failures during the
 *       first seconds and afterwards, that no replica restarted, and the acknowledged writes;
 *   (c) a GitHub webhook delivery sent to one replica and GitHub's redelivery (same
 *       X-GitHub-Delivery) to another: answers, and DORA's deployment count through every
 *       replica (counted once);
 *   (d) a user token issued by one replica used on every replica;
 *   (e) a golden path (scaffolder task, publishing to the local git host) started through one
 *       replica, followed and its log read through the others.
 *
 *   ./portal node bench/failover.mjs [--replicas 3] [--users 50] [--duration 60]
 *                                    [--fault-at 20] [--writers 4]
 *                                    [--check-interval 5000] [--check-timeout 2000]
 *                                    [--fall 2] [--rise 1]
 *
 * Exits with 1 when an acknowledged write is lost, a replica restarted on its own, the
 * redelivery was counted twice, a token was refused, or the golden path failed. Needs haproxy
 * (`apt-get install haproxy`). Run by hand, never in CI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { log, makeWorkDir, postgresServer, root } from './lib/backends.mjs';
import {
  COMPONENT,
  WINDOW,
  call,
  checkFlags,
  checkJourney,
  deliver,
  deliveries,
  failures,
  flags,
  guestToken,
  runLoad,
  startCluster,
  summarise,
} from './load.mjs';

const { value } = flags(process.argv.slice(2));
const replicaCount = Math.max(2, Number(value('replicas', '3')));
const users = Number(value('users', '50'));
const seconds = Number(value('duration', '60'));
const faultAt = Number(value('fault-at', '20'));
const writerCount = Number(value('writers', '4'));
const firstPort = Number(value('first-port', '7511'));
const proxyPort = Number(value('proxy-port', '7590'));

/** @param {number} ms */
const sleep = ms => new Promise(r => setTimeout(r, ms));

/**
 * Saves ROI business cases through `baseUrl` in `count` loops until `stop()`, and keeps the id
 * of every save answered 201 (acknowledged) and the status of every other answer.
 *
 * @param {string} baseUrl
 * @param {string} token
 * @param {number} count
 * @param {string} tag
 */
function startWriters(baseUrl, token, count, tag) {
  let running = true;
  /** @type {string[]} */
  const acknowledged = [];
  /** @type {Map<string | number, number>} */
  const refused = new Map();
  const loops = Array.from({ length: count }, async (_, w) => {
    for (let n = 0; running; n++) {
      try {
        const { status, body } = await call(
          baseUrl,
          token,
          'POST',
          '/api/roi/scenarios',
          {
            name: `${tag} writer ${w} save ${n}`,
            inputs: {
              devCosts: 1_000_000 + n,
              incidentCosts: 230_000,
              infraCosts: 223_000,
              designCosts: 200_000,
              addLicenceCosts: 50_000,
              trainingCosts: 30_000,
              improvedProductivityPct: 20,
              improvedIncidentsCostsPct: 40,
              improvedResourcesPct: 30,
              ttmReductionGain: 0,
            },
          },
        );
        if (status === 201) acknowledged.push(body.id);
        else refused.set(status, (refused.get(status) ?? 0) + 1);
      } catch (error) {
        const code = /** @type {any} */ (error).cause?.code ?? 'fetch failed';
        refused.set(code, (refused.get(code) ?? 0) + 1);
        await sleep(100);
      }
    }
  });
  return {
    acknowledged,
    refused,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/**
 * How many acknowledged saves read back (200) through `baseUrl`, with the other answers.
 *
 * @param {string} baseUrl
 * @param {string} token
 * @param {string[]} ids
 */
async function readBack(baseUrl, token, ids) {
  let found = 0;
  let retried = 0;
  /** @type {Map<number, number>} */
  const other = new Map();
  for (const id of ids) {
    // A read that got no answer at all (status 0: the connection closed) says nothing about
    // the write: asked again, as a browser would, up to three times.
    let status = 0;
    for (let attempt = 0; attempt < 3 && status === 0; attempt++) {
      if (attempt) retried += 1;
      ({ status } = await call(
        baseUrl,
        token,
        'GET',
        `/api/roi/scenarios/${id}`,
      ));
    }
    if (status === 200) found += 1;
    else other.set(status, (other.get(status) ?? 0) + 1);
  }
  return {
    found,
    missing: [
      failures(other, () => true),
      retried ? `${retried} reads asked again` : '',
    ]
      .filter(Boolean)
      .join('; '),
  };
}

/**
 * The business cases the writers tagged `tag` that are in the database: more than were
 * acknowledged means saves answered with an error (or not at all) were committed anyway.
 *
 * @param {import('./load.mjs').Server} server
 * @param {string} prefix
 * @param {string} tag
 */
async function storedWithTag(server, prefix, tag) {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: `${prefix}roi`,
  });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT count(*)::int AS n FROM roi_scenarios WHERE name LIKE $1',
      [`${tag} writer %`],
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/**
 * The load's failures before `at`, in the `windowMs` after it, and later.
 *
 * @param {import('./load.mjs').LoadResult} result
 * @param {number} at
 * @param {number} windowMs
 */
function failuresAround(result, at, windowMs) {
  const describe = (/** @type {typeof result.failedAt} */ list) => {
    /** @type {Map<string | number, number>} */
    const counts = new Map();
    for (const f of list) counts.set(f.status, (counts.get(f.status) ?? 0) + 1);
    return list.length
      ? `${list.length} (${[...counts].map(([s, n]) => `${n}×${s}`).join(' ')})`
      : '0';
  };
  return {
    before: describe(result.failedAt.filter(f => f.at < at)),
    during: describe(
      result.failedAt.filter(f => f.at >= at && f.at < at + windowMs),
    ),
    after: describe(result.failedAt.filter(f => f.at >= at + windowMs)),
  };
}

/** @type {string[]} */
const problems = [];
/** @type {[string, string][]} */
const figures = [];
const figure = (/** @type {string} */ name, /** @type {unknown} */ v) => {
  figures.push([name, String(v)]);
  log(`${name}: ${v}`);
};

const work = makeWorkDir('portal-failover-');
const prefix = `failover_${process.pid}_`;
const server = await postgresServer(
  work,
  Number(value('postgres-port', '5494')),
);
const cluster = await startCluster({
  count: replicaCount,
  prefix,
  work,
  firstPort,
  proxyPort,
  server,
  checks: checkFlags(value),
}).catch(async error => {
  await server.stop();
  throw error;
});
const { replicas, proxy } = cluster;
try {
  const baseUrl = proxy.url;
  const token = await guestToken(baseUrl);
  await checkJourney(baseUrl, token);

  // (d) A token issued by one replica, on every replica.
  {
    const results = [];
    for (const issuer of replicas) {
      const issued = await guestToken(issuer.url);
      for (const other of replicas) {
        const { status } = await call(
          other.url,
          issued,
          'GET',
          '/api/roi/scenarios',
        );
        results.push(`${issuer.name}→${other.name} ${status}`);
        if (status !== 200)
          problems.push(
            `(d) token of ${issuer.name} on ${other.name}: ${status}`,
          );
      }
    }
    figure('(d) token issued by → used on: status', results.join(', '));
  }

  // (c) A delivery to one replica, GitHub's redelivery to another, counted once.
  {
    const doraOn = async (/** @type {string} */ url) =>
      (
        await call(
          url,
          token,
          'GET',
          `/api/insights/dora?${new URLSearchParams({
            entityRef: COMPONENT,
            ...WINDOW,
          })}`,
        )
      ).body?.deploymentFrequency?.deployments;
    const [push, status] = deliveries(1, `failover-${process.pid}`);
    const before = await doraOn(replicas[0].url);
    const pushed = await deliver(replicas[0].url, push);
    const first = await deliver(replicas[0].url, status);
    const again = await deliver(replicas[1].url, status);
    const afterEach = [];
    for (const replica of replicas) afterEach.push(await doraOn(replica.url));
    figure(
      '(c) delivery to replica-1, redelivery to replica-2: answers',
      `push ${pushed}, deployment_status ${first}, redelivery ${again}`,
    );
    figure(
      '(c) DORA deployments before → after, per replica',
      `${before} → ${afterEach.join(' / ')}`,
    );
    if (afterEach.some(n => n !== before + 1))
      problems.push(
        `(c) deployments ${before} → ${afterEach.join('/')} (expected +1)`,
      );
  }

  // (e) A golden path started through one replica, followed through the others.
  {
    const name = `failover-${Date.now().toString(36)}`;
    const started = Date.now();
    const created = await call(
      replicas[0].url,
      token,
      'POST',
      '/api/scaffolder/v2/tasks',
      {
        templateRef: 'template:default/typescript-service',
        values: {
          name,
          description: 'Failover bench run',
          owner: 'group:default/payments-team',
          system: 'system:default/developer-platform',
          publishTo: 'local',
          environments: ['dev'],
          database: false,
        },
      },
    );
    if (created.status !== 201) {
      problems.push(`(e) task refused: ${created.status}`);
      figure(
        '(e) golden path',
        `refused ${created.status} ${JSON.stringify(created.body).slice(
          0,
          200,
        )}`,
      );
    } else {
      const id = created.body.id;
      /** @type {any} */
      let task;
      const seenThrough = new Set();
      for (let i = 0; Date.now() - started < 300_000; i++) {
        const via = replicas[1 + (i % (replicas.length - 1))];
        const { status, body } = await call(
          via.url,
          token,
          'GET',
          `/api/scaffolder/v2/tasks/${id}`,
        );
        if (status === 200) seenThrough.add(via.name);
        task = body;
        if (['completed', 'failed', 'cancelled'].includes(task?.status)) break;
        await sleep(250);
      }
      const events = await Promise.all(
        replicas.map(r =>
          call(r.url, token, 'GET', `/api/scaffolder/v2/tasks/${id}/events`),
        ),
      );
      const logLines = events.map(e =>
        Array.isArray(e.body)
          ? e.body.filter((/** @type {any} */ x) => x.type === 'log').length
          : `HTTP ${e.status}`,
      );
      figure(
        '(e) golden path via replica-1: status, seconds, polled through',
        `${task?.status}, ${((Date.now() - started) / 1000).toFixed(1)} s, ${[
          ...seenThrough,
        ].join(' + ')}`,
      );
      figure(
        '(e) log events readable per replica',
        replicas.map((r, i) => `${r.name} ${logLines[i]}`).join(', '),
      );
      if (task?.status !== 'completed')
        problems.push(`(e) golden path ${task?.status}`);
      if (new Set(logLines).size !== 1 || typeof logLines[0] !== 'number')
        problems.push(`(e) logs differ per replica: ${logLines.join('/')}`);
      fs.rmSync(path.join(root, '.data/git', `${name}.git`), {
        recursive: true,
        force: true,
      });
      fs.rmSync(path.join(root, '.data/git-checkouts', name), {
        recursive: true,
        force: true,
      });
    }
  }

  // (a) SIGKILL one replica under load.
  {
    const victimIndex = replicas.length - 1;
    const victim = replicas[victimIndex];
    const writers = startWriters(baseUrl, token, writerCount, 'kill');
    const load = runLoad({ baseUrl, token, users, seconds });
    await sleep(faultAt * 1000);
    const killedAt = Date.now();
    victim.kill('SIGKILL');
    let downAfter = NaN;
    for (; Date.now() - killedAt < 30_000; ) {
      const state = (await proxy.servers()).find(s => s.name === victim.name);
      if (state && state.status.startsWith('DOWN')) {
        downAfter = (Date.now() - killedAt) / 1000;
        break;
      }
      await sleep(100);
    }
    const result = await load;
    await writers.stop();
    const summary = summarise(result);
    const around = failuresAround(result, killedAt, 5000);
    figure(
      `(a) load ${users} users ${seconds} s, ${victim.name} SIGKILLed at ${faultAt} s: requests, p95, failed`,
      `${result.requests}, ${summary.p95} ms, ${summary.failed} (${
        summary.byStatus || 'no non-2xx'
      }; ${result.errors} errors, ${result.timeouts} timeouts)`,
    );
    figure(
      '(a) failures before / first 5 s after the kill / later',
      `${around.before} / ${around.during} / ${around.after}`,
    );
    figure(
      '(a) HAProxy marked it DOWN after',
      Number.isNaN(downAfter) ? 'not within 30 s' : `${downAfter.toFixed(1)} s`,
    );
    const stats = await proxy.servers();
    figure(
      '(a) HAProxy per replica: status, requests, retries, redispatches, 5xx',
      stats
        .map(
          s =>
            `${s.name} ${s.status} ${s.requests} req ${s.retries} retr ${s.redispatches} redisp ${s.responses5xx} 5xx`,
        )
        .join('; '),
    );
    const back = await readBack(baseUrl, token, writers.acknowledged);
    figure(
      '(a) ROI saves acknowledged (201) / readable afterwards / other answers',
      `${writers.acknowledged.length} / ${back.found}${
        back.missing ? ` (${back.missing})` : ''
      } / ${failures(writers.refused, () => true) || 'none'}`,
    );
    if (back.found !== writers.acknowledged.length)
      problems.push(
        `(a) ${
          writers.acknowledged.length - back.found
        } acknowledged saves not read back`,
      );
    const stored = await storedWithTag(cluster.server, prefix, 'kill');
    figure(
      '(a) ROI saves in the database / acknowledged (more: committed though answered with an error or not at all)',
      `${stored} / ${writers.acknowledged.length}`,
    );
    // Started again, as the Deployment would: HAProxy takes it back once it is ready.
    const restartedAt = Date.now();
    cluster.restart(victimIndex);
    await proxy.waitUp(replicas.length, 600_000);
    figure(
      `(a) ${victim.name} started again: back in rotation after`,
      `${((Date.now() - restartedAt) / 1000).toFixed(1)} s`,
    );
  }

  // (b) Every database connection terminated under load.
  {
    const pids = replicas.map(r => r.child.pid);
    const writers = startWriters(baseUrl, token, writerCount, 'terminate');
    const load = runLoad({ baseUrl, token, users, seconds });
    await sleep(faultAt * 1000);
    const admin = new pg.Client({ ...cluster.server, database: 'postgres' });
    await admin.connect();
    const terminatedAt = Date.now();
    const { rows } = await admin.query(
      `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
        WHERE left(datname, length($1)) = $1 AND pid <> pg_backend_pid()`,
      [prefix],
    );
    await admin.end();
    const result = await load;
    await writers.stop();
    const summary = summarise(result);
    const around = failuresAround(result, terminatedAt, 10_000);
    figure('(b) connections terminated', rows.filter(r => r.terminated).length);
    figure(
      `(b) load ${users} users ${seconds} s, terminated at ${faultAt} s: requests, p95, failed`,
      `${result.requests}, ${summary.p95} ms, ${summary.failed} (${
        summary.byStatus || 'no non-2xx'
      }; ${result.errors} errors, ${result.timeouts} timeouts)`,
    );
    figure(
      '(b) failures before / first 10 s after / later',
      `${around.before} / ${around.during} / ${around.after}`,
    );
    const failedSteps = new Map();
    for (const f of result.failedAt.filter(x => x.at >= terminatedAt)) {
      const key = `${f.step ?? '?'} ${f.status}`;
      failedSteps.set(key, (failedSteps.get(key) ?? 0) + 1);
    }
    figure(
      '(b) failures after the termination by step',
      [...failedSteps].map(([k, n]) => `${n}× ${k}`).join(', ') || 'none',
    );
    const restarted = replicas.filter(
      (r, i) => r.child.pid !== pids[i] || r.child.exitCode !== null,
    );
    const ready = await Promise.all(replicas.map(r => r.ready()));
    figure(
      '(b) replicas restarted / ready afterwards',
      `${restarted.length} / ${ready.filter(Boolean).length} of ${
        replicas.length
      }`,
    );
    if (restarted.length)
      problems.push(`(b) ${restarted.length} replicas exited`);
    const back = await readBack(baseUrl, token, writers.acknowledged);
    figure(
      '(b) ROI saves acknowledged (201) / readable afterwards / other answers',
      `${writers.acknowledged.length} / ${back.found}${
        back.missing ? ` (${back.missing})` : ''
      } / ${failures(writers.refused, () => true) || 'none'}`,
    );
    if (back.found !== writers.acknowledged.length)
      problems.push(
        `(b) ${
          writers.acknowledged.length - back.found
        } acknowledged saves not read back`,
      );
    const stored = await storedWithTag(cluster.server, prefix, 'terminate');
    figure(
      '(b) ROI saves in the database / acknowledged (more: committed though answered with an error or not at all)',
      `${stored} / ${writers.acknowledged.length}`,
    );
    // After the fault: a short quiet run shows whether the replicas serve without errors again.
    const afterwards = summarise(
      await runLoad({ baseUrl, token, users, seconds: 15 }),
    );
    figure(
      '(b) 15 s of load afterwards: requests/s, p95, failed',
      `${afterwards.rps.toFixed(0)}, ${afterwards.p95} ms, ${
        afterwards.failed
      } ${afterwards.byStatus}`,
    );
    if (afterwards.failed) problems.push(`(b) failures after recovery`);
  }
} finally {
  await cluster.stop();
  await server.stop();
  if (!process.env.BENCH_KEEP)
    fs.rmSync(work, { recursive: true, force: true });
}

console.log(
  `\nFaults behind HAProxy: ${replicaCount} replicas, ${users} users, ${seconds} s runs, fault at ${faultAt} s, ${writerCount} ROI writers, ${
    os.cpus().length
  } cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`,
);
console.log('| figure | measured |');
console.log('| --- | --- |');
for (const [name, measured] of figures)
  console.log(`| ${name} | ${measured.replace(/\|/g, '\\|')} |`);
if (problems.length) console.log(`\nProblems:\n- ${problems.join('\n- ')}`);
// Explicitly: the embedded PostgreSQL's exit hooks would otherwise end the process with 0.
process.exit(problems.length ? 1 : 0);
