#!/usr/bin/env node
/*
 * GitHub webhook ingestion across replicas: 2 replicas of the portal backend on one PostgreSQL
 * server behind HAProxy (bench/lib/haproxy.mjs), the portal's one webhook
 * (`POST /api/events/http/github`) fed signed deliveries at a fixed rate:
 *
 *   sustained  --rate deliveries/s (default 1,000, the target) for --duration s (default 30)
 *   burst      --burst-factor × that rate (default 10x) for --burst s (default 5)
 *
 * Deliveries are sent open-loop (on a clock, not when the previous one is answered), at most
 * --in-flight at once (default 256): a delivery the clock asked for while that many were
 * unanswered is counted as "not sent", so the table shows when the sender, not the portal, was
 * the limit. Each delivery has its own X-GitHub-Delivery id and its own body (the store
 * counts a body it already holds as a replay): push and deployment_status payloads of GitHub's
 * examples (as bench/load.mjs sends them), spread over 1,000 repositories, each with its own
 * commit or status id, signed with HMAC-SHA256 as GitHub signs them.
 *
 * Reports per phase: deliveries asked for, sent, accepted (2xx) and accepted/s, p50/p95/p99 of
 * the answers (ms), non-2xx by status (5xx must be 0); then, once the replicas' queues are empty:
 * deliveries stored in the insights database against those acknowledged (every 2xx must be
 * stored exactly once: `insights_github_events` is keyed by the delivery id), the largest queue
 * depth seen (`portal_webhook_queue_deliveries` on each replica's metrics port), the insights
 * database's size and the run's databases' together, and the replicas' largest resident memory.
 *
 *   node bench/ingestion.mjs [--replicas 2] [--rate 1000] [--duration 30] [--burst 5]
 *                            [--burst-factor 10] [--in-flight 256]
 *
 * Starts its own PostgreSQL (max_connections 1000) unless POSTGRES_HOST names one; needs
 * haproxy (`apt-get install haproxy`). Run by hand, never in CI.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import {
  log,
  makeWorkDir,
  postgresServer,
  treeCpuSeconds,
  treeRssKb,
} from './lib/backends.mjs';
import { WEBHOOK_SECRET, deliveries, flags, startCluster } from './load.mjs';

/** How many repositories the deliveries come from. */
const REPOSITORIES = 1000;

/** Where each delivery's body differs from its template's. */
const MARK = '__delivery__';

/** @typedef {{ event: string, body: string }} Template */

/**
 * Payload templates: push and deployment_status bodies with a mark where each delivery puts
 * its own value (the push's `after` commit, the status's `node_id`), since the store counts a
 * body it has already stored as a replay of the same event.
 *
 * @param {number} count
 * @returns {Template[]}
 */
function templates(count) {
  return deliveries(count, 'template').map(({ event, body }) => {
    const payload = JSON.parse(body);
    if (event === 'push') payload.after = MARK;
    else payload.deployment_status.node_id = MARK;
    return { event, body: JSON.stringify(payload) };
  });
}

/**
 * Delivery `n`'s body from its template, and its signature as GitHub computes it.
 *
 * @param {Template} template
 * @param {number} n
 */
function signedBody(template, n) {
  const unique =
    template.event === 'push'
      ? n.toString(16).padStart(40, '0')
      : `DS_bench_${n}`;
  // Spread over REPOSITORIES repositories, as an organisation's deliveries are: one
  // repository's DORA counts are rows every delivery of it updates.
  const body = template.body
    .replace(MARK, unique)
    .replaceAll('payment-gateway', `service-${n % REPOSITORIES}`);
  return {
    body,
    signature: `sha256=${createHmac('sha256', WEBHOOK_SECRET)
      .update(body)
      .digest('hex')}`,
  };
}

/**
 * @typedef {{
 *   label: string, asked: number, sent: number, notSent: number,
 *   latencies: number[], statuses: Map<number | string, number>, seconds: number,
 * }} Phase
 */

/**
 * Sends `rate` deliveries a second for `seconds` to `url`, on a 10 ms clock, at most
 * `inFlight` unanswered; ids `${tag}-${n}`. Every id answered 2xx goes into `acknowledged`.
 *
 * @param {{ url: URL, agent: http.Agent, label: string, rate: number, seconds: number,
 *   inFlight: number, tag: string, next: () => number, pool: Template[],
 *   acknowledged: Set<string> }} options
 * @returns {Promise<Phase>}
 */
async function sendPhase({
  url,
  agent,
  label,
  rate,
  seconds,
  inFlight,
  tag,
  next,
  pool,
  acknowledged,
}) {
  /** @type {Phase} */
  const phase = {
    label,
    asked: 0,
    sent: 0,
    notSent: 0,
    latencies: [],
    statuses: new Map(),
    seconds,
  };
  let open = 0;
  /** @type {Set<Promise<void>>} */
  const pending = new Set();
  const count = (/** @type {number | string} */ status) =>
    phase.statuses.set(status, (phase.statuses.get(status) ?? 0) + 1);

  const send = () => {
    const n = next();
    const id = `${tag}-${n}`;
    const template = pool[n % pool.length];
    const { body, signature } = signedBody(template, n);
    const started = performance.now();
    open += 1;
    phase.sent += 1;
    const done = new Promise(resolve => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: '/api/events/http/github',
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'x-github-event': template.event,
            'x-github-delivery': id,
            'x-hub-signature-256': signature,
          },
        },
        res => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            phase.latencies.push(performance.now() - started);
            count(status);
            if (status >= 200 && status < 300) acknowledged.add(id);
            resolve(undefined);
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', error => {
        count(error.message === 'timeout' ? 'timeout' : 'error');
        resolve(undefined);
      });
      req.end(body);
    }).finally(() => {
      open -= 1;
      pending.delete(done);
    });
    pending.add(done);
  };

  const start = performance.now();
  const end = start + seconds * 1000;
  let due = 0;
  while (performance.now() < end) {
    const elapsed = performance.now() - start;
    const target = Math.floor((elapsed / 1000) * rate);
    for (; due < target; due++) {
      phase.asked += 1;
      if (open >= inFlight) phase.notSent += 1;
      else send();
    }
    await new Promise(resolve => setTimeout(resolve, 10));
  }
  await Promise.all(pending);
  return phase;
}

/** @param {number[]} sorted @param {number} p */
const percentile = (sorted, p) =>
  sorted.length
    ? Math.round(
        sorted[
          Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
        ],
      )
    : 0;

/**
 * The deliveries waiting in each replica's webhook queue, from its Prometheus endpoint.
 *
 * @param {number[]} metricsPorts
 */
async function queueDepths(metricsPorts) {
  return Promise.all(
    metricsPorts.map(async port => {
      const text = await fetch(`http://127.0.0.1:${port}/metrics`)
        .then(r => r.text())
        .catch(() => '');
      const line = text
        .split('\n')
        .find(l => l.startsWith('portal_webhook_queue_deliveries'));
      return line ? Number(line.split(' ').pop()) : 0;
    }),
  );
}

async function main() {
  const { value } = flags(process.argv.slice(2));
  const count = Number(value('replicas', '2'));
  const rate = Number(value('rate', '1000'));
  const seconds = Number(value('duration', '30'));
  const burstSeconds = Number(value('burst', '5'));
  const burstFactor = Number(value('burst-factor', '10'));
  const inFlight = Number(value('in-flight', '256'));
  const firstPort = Number(value('first-port', '7321'));
  const proxyPort = Number(value('proxy-port', '7395'));
  const work = makeWorkDir('portal-ingestion-');
  const server = await postgresServer(
    work,
    Number(value('postgres-port', '5494')),
  );
  const prefix = `ingest_${process.pid}_`;
  const tag = `ingest-${randomBytes(4).toString('hex')}`;
  const metricsPorts = Array.from(
    { length: count },
    (_, i) => firstPort + 100 + i,
  );
  /** @type {string[]} */
  const report = [];
  let failed = false;
  try {
    const cluster = await startCluster({
      count,
      prefix,
      work,
      firstPort,
      proxyPort,
      server,
    });
    try {
      const pool = templates(500);
      const url = new URL(cluster.proxy.url);
      const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
      /** @type {Set<string>} */
      const acknowledged = new Set();
      let n = 0;
      const next = () => (n += 1);

      let maxQueue = 0;
      let maxRssKb = 0;
      const sampler = setInterval(async () => {
        const depths = await queueDepths(metricsPorts);
        maxQueue = Math.max(
          maxQueue,
          depths.reduce((a, b) => a + b, 0),
        );
        const rss = cluster.replicas
          .map(r => (r.child.pid ? treeRssKb(r.child.pid) : 0))
          .reduce((a, b) => Math.max(a, b), 0);
        maxRssKb = Math.max(maxRssKb, rss);
      }, 500);

      log(`warm-up: 5 s at ${Math.min(rate, 200)}/s`);
      await sendPhase({
        url,
        agent,
        label: 'warm-up',
        rate: Math.min(rate, 200),
        seconds: 5,
        inFlight,
        tag,
        next,
        pool,
        acknowledged,
      });
      /** @type {Phase[]} */
      const phases = [];
      // The replicas' CPU over the measured phases: what a delivery costs, and how much of
      // the machine the replicas got.
      const cpu = () =>
        cluster.replicas
          .map(r => (r.child.pid ? treeCpuSeconds(r.child.pid) : 0))
          .reduce((a, b) => a + b, 0);
      const cpuBefore = cpu();
      const wallBefore = performance.now();
      const acknowledgedBefore = acknowledged.size;
      log(`sustained: ${seconds} s at ${rate}/s`);
      phases.push(
        await sendPhase({
          url,
          agent,
          label: 'sustained',
          rate,
          seconds,
          inFlight,
          tag,
          next,
          pool,
          acknowledged,
        }),
      );
      log(`burst: ${burstSeconds} s at ${rate * burstFactor}/s`);
      phases.push(
        await sendPhase({
          url,
          agent,
          label: `burst (${burstFactor}x)`,
          rate: rate * burstFactor,
          seconds: burstSeconds,
          inFlight,
          tag,
          next,
          pool,
          acknowledged,
        }),
      );

      const cpuSeconds = cpu() - cpuBefore;
      const wallSeconds = (performance.now() - wallBefore) / 1000;
      const measuredAccepted = acknowledged.size - acknowledgedBefore;

      // The queues drain (a 2xx means stored, so they should already be empty).
      const drainDeadline = Date.now() + 30_000;
      while (Date.now() < drainDeadline) {
        const depths = await queueDepths(metricsPorts);
        if (depths.every(d => d === 0)) break;
        await new Promise(resolve => setTimeout(resolve, 500));
      }
      clearInterval(sampler);
      agent.destroy();

      const client = new pg.Client({
        host: server.host,
        port: server.port,
        user: server.user,
        password: server.password,
        database: `${prefix}insights`,
      });
      await client.connect();
      const { rows } = await client.query(
        'SELECT delivery_id FROM insights_github_events WHERE left(delivery_id, length($1)) = $1',
        [`${tag}-`],
      );
      const sizes = await client.query(
        `SELECT pg_database_size($1) AS insights,
                (SELECT sum(pg_database_size(datname)) FROM pg_database
                  WHERE left(datname, length($2)) = $2) AS all_databases`,
        [`${prefix}insights`, prefix],
      );
      await client.end();
      const stored = new Set(rows.map(r => r.delivery_id));
      const lost = [...acknowledged].filter(id => !stored.has(id));
      const unacknowledged = [...stored].filter(id => !acknowledged.has(id));

      const mb = (/** @type {number} */ bytes) =>
        `${(Number(bytes) / 1024 / 1024).toFixed(0)} MB`;
      report.push(
        `\nWebhook ingestion through HAProxy, ${count} replicas, ${
          os.cpus().length
        } cores (shared), load average ${os.loadavg()[0].toFixed(1)}, Node ${
          process.version
        }, ${new Date().toISOString().slice(0, 16)}Z\n`,
        '| phase | asked | sent | not sent (sender at --in-flight) | accepted (2xx) | accepted/s | p50 (ms) | p95 (ms) | p99 (ms) | non-2xx | 5xx |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
      );
      for (const phase of phases) {
        const sorted = [...phase.latencies].sort((a, b) => a - b);
        let accepted = 0;
        let serverErrors = 0;
        const other = [];
        for (const [status, k] of phase.statuses) {
          if (typeof status === 'number' && status >= 200 && status < 300)
            accepted += k;
          else other.push(`${k}×${status}`);
          if (typeof status === 'number' && status >= 500) serverErrors += k;
        }
        if (serverErrors > 0) failed = true;
        report.push(
          `| ${phase.label} | ${phase.asked} | ${phase.sent} | ${
            phase.notSent
          } | ${accepted} | ${(accepted / phase.seconds).toFixed(
            0,
          )} | ${percentile(sorted, 50)} | ${percentile(
            sorted,
            95,
          )} | ${percentile(sorted, 99)} | ${
            other.join(' ') || '–'
          } | ${serverErrors} |`,
        );
      }
      if (lost.length) failed = true;
      report.push(
        '',
        `acknowledged (2xx, warm-up included): ${acknowledged.size}; stored: ${stored.size}; acknowledged but not stored: ${lost.length}; stored without a 2xx: ${unacknowledged.length}`,
        `replicas' CPU over the measured phases: ${cpuSeconds.toFixed(
          1,
        )} s in ${wallSeconds.toFixed(1)} s (${(
          cpuSeconds / wallSeconds
        ).toFixed(2)} cores), ${(
          (cpuSeconds * 1000) /
          Math.max(measuredAccepted, 1)
        ).toFixed(1)} ms per accepted delivery`,
        `readiness checks HAProxy failed: ${(await cluster.proxy.servers())
          .map(s => `${s.name} ${s.failedChecks} (down ${s.downTransitions}×)`)
          .join(', ')}`,
        `largest webhook queue depth seen (sum over replicas, sampled every 0.5 s): ${maxQueue}`,
        `insights database: ${mb(
          sizes.rows[0].insights,
        )}; all ${prefix}* databases: ${mb(sizes.rows[0].all_databases)}`,
        `largest replica resident memory (process tree): ${(
          maxRssKb / 1024
        ).toFixed(0)} MB`,
        `deliveries per replica (HAProxy): ${(await cluster.proxy.servers())
          .map(s => `${s.name} ${s.requests}`)
          .join(', ')}`,
      );
    } finally {
      await cluster.stop();
    }
  } finally {
    await server.stop();
    if (!process.env.BENCH_KEEP)
      fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(report.join('\n'));
  // Explicitly: the embedded PostgreSQL's exit hooks would otherwise end the process with 0.
  process.exit(failed ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
