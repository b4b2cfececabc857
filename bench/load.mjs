#!/usr/bin/env node
/*
 * Load through a real load balancer: 1 and 2 replicas of the portal backend on one PostgreSQL
 * server, each set on fresh databases of its own (a database prefix per run), behind HAProxy
 * (bench/lib/haproxy.mjs), while autocannon replays the three personas' journeys as the API
 * calls their pages make. Every virtual user (one autocannon connection, no think time unless
 * --user-rate) goes through the whole journey in a loop:
 *
 *   developer   catalog list, facets, an entity page, search, the service overview, a
 *               readiness evaluation
 *   team lead   DORA and adoption for the team, the team's readiness history
 *   leadership  DORA and adoption for the organisation, an ROI calculation, saving the
 *               business case (201), the saved cases
 *
 * as the guest user (guest sign-in of development, through the balancer), after deliveries of
 * the portal's one GitHub webhook have given DORA something to count. Golden-path runs are not
 * in the mix: each one creates a git repository and a catalog entity, which hundreds of virtual
 * users would pile up; bench/failover.mjs runs one through the balancer.
 *
 *   ./portal node bench/load.mjs [--replicas 1,2] [--users 50,200] [--duration 300]
 *                                [--user-rate 0] [--warmup 10]
 *                                [--check-interval 5000] [--check-timeout 2000] [--fall 2]
 *                                [--rise 1] [--max-in-flight 0]
 *
 * HAProxy checks each replica's readiness as the Deployment's probe does (the --check-* flags
 * change it): a replica too busy to answer its probe in time leaves the rotation, and with no
 * replica left HAProxy answers 503, as a Service without ready endpoints refuses connections.
 *
 * Prints, per replicas × users: requests/s, p50/p95/p99 latency (ms), and the failures
 * (non-2xx by status, connection errors, timeouts), then the same per journey step. Target:
 * 200 concurrent users on 2 replicas, p95 < 500 ms, no failures. The PostgreSQL server is the
 * one POSTGRES_HOST/PORT/USER/PASSWORD name (default 127.0.0.1:5432, postgres); needs haproxy
 * (`apt-get install haproxy`). Run by hand, never in CI.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  dropDatabasesWithPrefix,
  log,
  makeWorkDir,
  postgresServer,
  startReplica,
  waitReady,
} from './lib/backends.mjs';
import { startHaproxy } from './lib/haproxy.mjs';
import { requireSource, workspaceRequire } from './lib/workspace.mjs';

/** @typedef {import('./lib/backends.mjs').Replica} Replica */

// autocannon ships no type declarations (and @types/autocannon is not installed): used untyped.
/** @type {any} */
const autocannon = createRequire(import.meta.url)('autocannon');

export const WEBHOOK_SECRET = `bench-${randomBytes(12).toString('hex')}`;
export const TEAM = 'payments-team';
export const COMPONENT = 'component:default/payment-gateway';
export const REPOSITORY = 'acme-retail/payment-gateway';
const today = new Date();
export const WINDOW = {
  from: new Date(today.getTime() - 60 * 86_400_000).toISOString().slice(0, 10),
  to: today.toISOString().slice(0, 10),
};
const ROI_INPUTS = {
  devCosts: 1_000_000,
  incidentCosts: 230_000,
  infraCosts: 223_000,
  designCosts: 200_000,
  addLicenceCosts: 50_000,
  trainingCosts: 30_000,
  improvedProductivityPct: 20,
  improvedIncidentsCostsPct: 40,
  improvedResourcesPct: 30,
  ttmReductionGain: 0,
};
const READINESS = {
  answers: {
    teamSize: 'yellow',
    deploymentFriction: 'yellow',
    infrastructureComplexity: 'yellow',
    developerComplaints: 'yellow',
    shadowIt: 'red',
    onboardingTime: 'red',
    contextSwitching: 'green',
  },
  trajectory: 'growing',
};

/**
 * HAProxy's checks from --check-interval / --check-timeout (ms), --fall, --rise.
 *
 * @param {(name: string, fallback: string) => string} value
 */
export function checkFlags(value) {
  /** @type {{ checkIntervalMs?: number, checkTimeoutMs?: number, fall?: number, rise?: number }} */
  const checks = {};
  const set = (
    /** @type {string} */ flag,
    /** @type {'checkIntervalMs' | 'checkTimeoutMs' | 'fall' | 'rise'} */ key,
  ) => {
    const given = Number(value(flag, ''));
    if (given > 0) checks[key] = given;
  };
  set('check-interval', 'checkIntervalMs');
  set('check-timeout', 'checkTimeoutMs');
  set('fall', 'fall');
  set('rise', 'rise');
  return checks;
}

/** @param {string[]} args */
export function flags(args) {
  /** @param {string} name @param {string} fallback */
  const value = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
  };
  const list = (/** @type {string} */ text) =>
    text
      .split(',')
      .map(Number)
      .filter(n => n > 0);
  return { value, list };
}

/**
 * @typedef {{ label: string, method: string, path: string, body?: unknown, expect?: number }} Step
 */

/** The three personas' journeys, as the API calls their pages make. */
export function journeySteps() {
  const q = (/** @type {Record<string, string>} */ params) =>
    new URLSearchParams(params).toString();
  /** @type {Step[]} */
  const steps = [
    {
      label: 'catalog list',
      method: 'GET',
      path: `/api/catalog/entities/by-query?${q({
        filter: 'kind=component',
        limit: '20',
        orderField: 'metadata.name,asc',
      })}`,
    },
    {
      label: 'catalog facets',
      method: 'GET',
      path: `/api/catalog/entity-facets?${q({
        facet: 'spec.type',
        filter: 'kind=component',
      })}`,
    },
    {
      label: 'entity page',
      method: 'GET',
      path: '/api/catalog/entities/by-name/component/default/payment-gateway',
    },
    {
      label: 'search',
      method: 'GET',
      path: `/api/search/query?${q({ term: 'payment' })}`,
    },
    {
      label: 'service overview',
      method: 'GET',
      path: `/api/service-overview/overview?${q({ entityRef: COMPONENT })}`,
    },
    {
      label: 'readiness evaluate',
      method: 'POST',
      path: '/api/readiness/evaluate',
      body: READINESS,
    },
    {
      label: 'DORA team',
      method: 'GET',
      path: `/api/insights/dora?${q({ group: TEAM, ...WINDOW })}`,
    },
    {
      label: 'adoption team',
      method: 'GET',
      path: `/api/insights/adoption?${q({ group: TEAM, ...WINDOW })}`,
    },
    {
      label: 'readiness history',
      method: 'GET',
      path: `/api/readiness/history?${q({ group: TEAM })}`,
    },
    {
      label: 'DORA organisation',
      method: 'GET',
      path: `/api/insights/dora?${q(WINDOW)}`,
    },
    {
      label: 'adoption organisation',
      method: 'GET',
      path: `/api/insights/adoption?${q(WINDOW)}`,
    },
    {
      label: 'ROI calculate',
      method: 'POST',
      path: '/api/roi/calculate',
      body: ROI_INPUTS,
    },
    {
      label: 'ROI save',
      method: 'POST',
      path: '/api/roi/scenarios',
      body: { name: 'Load bench business case', inputs: ROI_INPUTS },
      expect: 201,
    },
    {
      label: 'ROI saved list',
      method: 'GET',
      path: '/api/roi/scenarios',
    },
  ];
  return steps;
}

/**
 * The bench's own configuration: the GitHub webhook's secret, guest sign-in (development), and
 * the scaffolder's local git host as `yarn start` has it.
 *
 * @param {string} work
 * @param {number} [maxInFlight] requestConcurrency.maxInFlight of the replicas (0: their default)
 */
export function writeBenchConfig(work, maxInFlight = 0) {
  const file = path.join(work, 'load-bench.yaml');
  fs.writeFileSync(
    file,
    [
      'events:',
      '  modules:',
      '    github:',
      `      webhookSecret: ${WEBHOOK_SECRET}`,
      'auth:',
      '  environment: development',
      // Every virtual user signs in as the same guest; the per-user limit (600 a minute in
      // app-config.yaml) would refuse them as one user, which 200 people are not.
      'userRateLimit:',
      '  requestsPerWindow: 100000000',
      ...(maxInFlight > 0
        ? ['requestConcurrency:', `  maxInFlight: ${maxInFlight}`]
        : []),
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * @typedef {{ host: string, port: number, user: string, password: string }} Server
 */

/**
 * N replicas on fresh databases `prefix*` of `server`, behind HAProxy; resolves once HAProxy
 * counts every replica as up. HAProxy checks readiness as the Deployment's readiness probe
 * does (deploy/kubernetes/base/deployment.yaml: every 5 s, 2 s timeout, out after 2 failures,
 * back after 1 success) unless `checks` says otherwise.
 *
 * @param {{
 *   count: number, prefix: string, work: string, firstPort: number, proxyPort: number,
 *   server: Server,
 *   checks?: { checkIntervalMs?: number, checkTimeoutMs?: number, fall?: number, rise?: number },
 *   maxInFlight?: number,
 * }} options
 */
export async function startCluster({
  count,
  prefix,
  work,
  firstPort,
  proxyPort,
  server,
  checks = {},
  maxInFlight = 0,
}) {
  const config = writeBenchConfig(work, maxInFlight);
  const env = {
    POSTGRES_HOST: server.host,
    POSTGRES_PORT: String(server.port),
    POSTGRES_USER: server.user,
    POSTGRES_PASSWORD: server.password,
  };
  /** @param {number} i */
  const spawnReplica = i =>
    startReplica({
      name: `replica-${i + 1}`,
      port: firstPort + i,
      metricsPort: firstPort + 100 + i,
      prefix,
      work,
      configFiles: [config],
      env,
    });
  /** @type {Replica[]} */
  const replicas = Array.from({ length: count }, (_, i) => spawnReplica(i));
  /** @type {Awaited<ReturnType<typeof startHaproxy>> | undefined} */
  let proxy;
  // Interrupted (Ctrl-C, a timeout): the replicas run in process groups of their own.
  const onSignal = () => {
    proxy?.kill();
    for (const replica of replicas) replica.kill('SIGKILL');
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stop = async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await proxy?.stop();
    await Promise.all(replicas.map(r => r.stop()));
    await dropDatabasesWithPrefix(server, prefix).catch(error =>
      log(`could not drop ${prefix}*: ${error}`),
    );
  };
  let readySeconds = 0;
  try {
    log(`starting ${count} replica(s) on ${prefix}*`);
    readySeconds = await waitReady(replicas);
    log(`${count} replica(s) ready after ${readySeconds.toFixed(1)} s`);
    proxy = await startHaproxy(work, {
      port: proxyPort,
      statsPort: proxyPort + 1,
      upstreams: replicas.map(r => ({ name: r.name, port: r.port })),
      checkIntervalMs: 5000,
      checkTimeoutMs: 2000,
      fall: 2,
      rise: 1,
      ...checks,
    });
    await proxy.waitUp(count);
  } catch (error) {
    await stop();
    throw error;
  }
  if (!proxy) throw new Error('unreachable: HAProxy not started');
  return {
    replicas,
    proxy,
    server,
    readySeconds,
    stop,
    /** Starts replica `i` again (after it was killed), on the same port and databases. */
    restart: (/** @type {number} */ i) => {
      replicas[i] = spawnReplica(i);
      return replicas[i];
    },
  };
}

/**
 * A user token from the guest sign-in.
 *
 * @param {string} baseUrl
 * @returns {Promise<string>}
 */
export async function guestToken(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: HTTP ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/**
 * @param {string} baseUrl
 * @param {string} token
 * @param {string} method
 * @param {string} url
 * @param {unknown} [body]
 */
export async function call(baseUrl, token, method, url, body) {
  /** @type {Response} */
  let res;
  try {
    res = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (error) {
    // No answer at all (the connection was closed or refused): status 0, the reason as body.
    const cause = /** @type {any} */ (error).cause;
    return { status: 0, body: cause?.code ?? cause?.message ?? String(error) };
  }
  const text = await res.text();
  /** @type {any} */
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
}

/**
 * Deliveries of the GitHub webhook for the payment gateway's repository: `count` production
 * deployments (one failed in five) of pushed commits over the window, each a push and a
 * deployment_status delivery.
 *
 * @param {number} count
 * @param {string} tag unique per run, in the delivery ids
 */
export function deliveries(count, tag) {
  const require = workspaceRequire('packages/github-stand-in');
  const { webhookExample } = requireSource(require, 'src/webhooks.ts');
  const inRepository = (/** @type {any} */ payload) => {
    payload.repository.full_name = REPOSITORY;
    payload.repository.name = REPOSITORY.split('/')[1];
    payload.repository.owner.login = REPOSITORY.split('/')[0];
    payload.repository.default_branch = 'main';
    return payload;
  };
  /** @type {{ event: string, id: string, body: string }[]} */
  const list = [];
  const start = Date.parse(`${WINDOW.from}T00:00:00Z`);
  const span = Date.parse(`${WINDOW.to}T00:00:00Z`) - start;
  for (let n = 1; n <= count; n++) {
    const at = new Date(start + (span * n) / (count + 1));
    const sha = randomBytes(20).toString('hex');
    const push = inRepository(
      webhookExample(
        'push',
        (/** @type {any} */ e) =>
          e.ref === 'refs/heads/master' && e.commits.length === 1,
      ),
    );
    push.ref = 'refs/heads/main';
    push.commits = [
      {
        ...push.commits[0],
        id: sha,
        timestamp: new Date(at.getTime() - 3_600_000).toISOString(),
      },
    ];
    list.push({
      event: 'push',
      id: `${tag}-push-${n}`,
      body: JSON.stringify(push),
    });
    const status = inRepository(webhookExample('deployment_status'));
    status.deployment.id = Number.parseInt(sha.slice(0, 8), 16);
    status.deployment.environment = 'production';
    status.deployment.sha = sha;
    status.deployment.created_at = at.toISOString();
    status.deployment_status.state = n % 5 === 0 ? 'failure' : 'success';
    status.deployment_status.created_at = at.toISOString();
    list.push({
      event: 'deployment_status',
      id: `${tag}-status-${n}`,
      body: JSON.stringify(status),
    });
  }
  return list;
}

/**
 * Sends one delivery, signed with the bench's secret, to `baseUrl`'s one GitHub webhook.
 *
 * @param {string} baseUrl
 * @param {{ event: string, id: string, body: string }} delivery
 */
export async function deliver(baseUrl, delivery) {
  const require = workspaceRequire('packages/github-stand-in');
  const { webhookHeaders } = requireSource(require, 'src/webhooks.ts');
  const res = await fetch(`${baseUrl}/api/events/http/github`, {
    method: 'POST',
    headers: webhookHeaders(
      delivery.event,
      delivery.body,
      WEBHOOK_SECRET,
      delivery.id,
    ),
    body: delivery.body,
  });
  await res.arrayBuffer();
  return res.status;
}

/**
 * Waits until the catalog has the journeys' entity and search finds it (the collator's first
 * run), then sends every step once and throws unless each answers what a page expects.
 *
 * @param {string} baseUrl
 * @param {string} token
 */
export async function checkJourney(baseUrl, token) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const entity = await call(
      baseUrl,
      token,
      'GET',
      '/api/catalog/entities/by-name/component/default/payment-gateway',
    );
    const search = await call(
      baseUrl,
      token,
      'GET',
      '/api/search/query?term=payment',
    );
    if (entity.status === 200 && search.body?.results?.length > 0) break;
    if (Date.now() > deadline) {
      log(
        `catalog or search not populated in 180 s (entity ${entity.status}, search results ${search.body?.results?.length}); measuring anyway`,
      );
      break;
    }
    await new Promise(r => setTimeout(r, 2000));
  }
  const failed = [];
  for (const step of journeySteps()) {
    const { status, body } = await call(
      baseUrl,
      token,
      step.method,
      step.path,
      step.body,
    );
    if (status !== (step.expect ?? 200))
      failed.push(
        `${step.label}: ${step.method} ${
          step.path
        } → ${status} ${JSON.stringify(body).slice(0, 300)}`,
      );
  }
  if (failed.length)
    throw new Error(`journey steps refused:\n  ${failed.join('\n  ')}`);
}

/** @param {number[]} sorted @param {number} p */
const percentile = (sorted, p) =>
  sorted.length
    ? Math.round(
        sorted[
          Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
        ],
      )
    : NaN;

/**
 * @typedef {{
 *   requests: number, seconds: number, latencies: number[],
 *   statuses: Map<number, number>, errors: number, timeouts: number,
 *   perStep: Map<string, { latencies: number[], statuses: Map<number, number> }>,
 *   startedAt: number, loadAverage: number,
 *   failedAt: { at: number, status: number | string, step?: string }[],
 * }} LoadResult
 */

/**
 * Runs the journeys with `users` virtual users for `seconds` against `baseUrl` and records
 * every response's latency and status, overall and per step.
 *
 * @param {{ baseUrl: string, token: string, users: number, seconds: number, userRate?: number }} options
 * @returns {Promise<LoadResult>}
 */
export async function runLoad({
  baseUrl,
  token,
  users,
  seconds,
  userRate = 0,
}) {
  const steps = journeySteps();
  /** @type {LoadResult['perStep']} */
  const perStep = new Map(
    steps.map(s => [s.label, { latencies: [], statuses: new Map() }]),
  );
  /** @type {number[]} */
  const latencies = [];
  /** @type {Map<number, number>} */
  const statuses = new Map();
  /** @type {LoadResult['failedAt']} */
  const failedAt = [];
  const startedAt = Date.now();
  // autocannon calls a request's onResponse just before it emits 'response' for it (same
  // tick), so the label set here names the step of the latency recorded there.
  /** @type {string | undefined} */
  let answered;
  // Every connection of an autocannon instance starts its sequence at the first step; the
  // users are spread over one instance per step, each with the journey rotated to start
  // there, so that a short run measures every step and not just the first few.
  const groups = steps
    .map((_, offset) => ({
      offset,
      users:
        Math.floor(users / steps.length) +
        (offset < users % steps.length ? 1 : 0),
    }))
    .filter(group => group.users > 0);
  const instances = groups.map(({ offset, users: connections }) => {
    const rotated = [...steps.slice(offset), ...steps.slice(0, offset)];
    const instance = autocannon({
      url: baseUrl,
      connections,
      duration: seconds,
      timeout: 30,
      ...(userRate > 0 ? { connectionRate: userRate } : {}),
      headers: { authorization: `Bearer ${token}` },
      requests: rotated.map(step => ({
        method: step.method,
        path: step.path,
        ...(step.body !== undefined
          ? {
              body: JSON.stringify(step.body),
              headers: {
                authorization: `Bearer ${token}`,
                'content-type': 'application/json',
              },
            }
          : {}),
        onResponse: () => {
          answered = step.label;
        },
      })),
    });
    instance.on(
      'response',
      (
        /** @type {unknown} */ _client,
        /** @type {number} */ status,
        /** @type {number} */ _bytes,
        /** @type {number} */ ms,
      ) => {
        latencies.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status < 200 || status > 299)
          failedAt.push({ at: Date.now(), status, step: answered });
        const step = answered ? perStep.get(answered) : undefined;
        if (step) {
          step.latencies.push(ms);
          step.statuses.set(status, (step.statuses.get(status) ?? 0) + 1);
        }
        answered = undefined;
      },
    );
    // Connection errors and timeouts (no answer at all), and when they happened.
    instance.on('reqError', (/** @type {Error & { code?: string }} */ error) =>
      failedAt.push({ at: Date.now(), status: error.code ?? error.message }),
    );
    return instance;
  });
  /** @type {any[]} */
  const results = await Promise.all(instances);
  return {
    startedAt,
    failedAt,
    requests: latencies.length,
    seconds: Math.max(...results.map(r => r.duration)),
    latencies,
    statuses,
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    timeouts: results.reduce((sum, r) => sum + r.timeouts, 0),
    loadAverage: os.loadavg()[0],
    perStep,
  };
}

/**
 * `count×status` of the answers `failed` picks (by default every non-2xx).
 *
 * @template {number | string} K
 * @param {Map<K, number>} statuses
 * @param {(status: K) => boolean} [failed]
 */
export const failures = (
  statuses,
  failed = s => typeof s !== 'number' || s < 200 || s > 299,
) =>
  [...statuses]
    .filter(([status]) => failed(status))
    .sort(([a], [b]) =>
      String(a).localeCompare(String(b), 'en', { numeric: true }),
    )
    .map(([status, n]) => `${n}×${status}`)
    .join(' ');

/** @param {LoadResult} r */
export function summarise(r) {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const non2xx = [...r.statuses]
    .filter(([s]) => s < 200 || s > 299)
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    rps: r.requests / r.seconds,
    // Answers a page could use: a balancer with no replica left answers 503 in a millisecond,
    // which inflates requests/s and flatters the percentiles.
    okRps: (r.requests - non2xx) / r.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    non2xx,
    failed: non2xx + r.errors + r.timeouts,
    byStatus: failures(r.statuses),
  };
}

async function main() {
  const { value, list } = flags(process.argv.slice(2));
  const replicaCounts = list(value('replicas', '1,2'));
  const userCounts = list(value('users', '50,200'));
  const seconds = Number(value('duration', '300'));
  const warmup = Number(value('warmup', '10'));
  const userRate = Number(value('user-rate', '0'));
  const firstPort = Number(value('first-port', '7311'));
  const proxyPort = Number(value('proxy-port', '7390'));
  const work = makeWorkDir('portal-load-');
  const server = await postgresServer(
    work,
    Number(value('postgres-port', '5493')),
  );
  /** @type {{ replicas: number, users: number, summary: ReturnType<typeof summarise>, result: LoadResult, requestsPerReplica: string }[]} */
  const rows = [];
  try {
    for (const count of replicaCounts) {
      const prefix = `load_${process.pid}_${count}r_`;
      const cluster = await startCluster({
        count,
        prefix,
        work,
        firstPort,
        proxyPort,
        server,
        checks: checkFlags(value),
        maxInFlight: Number(value('max-in-flight', '0')),
      });
      try {
        const baseUrl = cluster.proxy.url;
        const token = await guestToken(baseUrl);
        const sent = await Promise.all(
          deliveries(30, `load-${process.pid}-${count}`).map(d =>
            deliver(baseUrl, d),
          ),
        );
        const refused = sent.filter(s => s < 200 || s > 299);
        if (refused.length)
          log(`webhook deliveries refused: ${refused.join(', ')}`);
        await checkJourney(baseUrl, token);
        for (const users of userCounts) {
          if (warmup > 0) {
            log(`${count} replica(s), ${users} users: ${warmup} s warm-up`);
            await runLoad({ baseUrl, token, users, seconds: warmup, userRate });
          }
          const before = await cluster.proxy.servers();
          log(`${count} replica(s), ${users} users: ${seconds} s`);
          const result = await runLoad({
            baseUrl,
            token,
            users,
            seconds,
            userRate,
          });
          const after = await cluster.proxy.servers();
          const summary = summarise(result);
          const requestsPerReplica = after
            .map(
              s =>
                `${s.name} ${
                  s.requests -
                  (before.find(b => b.name === s.name)?.requests ?? 0)
                }`,
            )
            .join(', ');
          log(
            `${count} replica(s), ${users} users: ${JSON.stringify(
              summary,
            )} (${requestsPerReplica})`,
          );
          rows.push({
            replicas: count,
            users,
            summary,
            result,
            requestsPerReplica,
          });
        }
      } finally {
        await cluster.stop();
      }
    }
  } finally {
    await server.stop();
    if (!process.env.BENCH_KEEP)
      fs.rmSync(work, { recursive: true, force: true });
  }

  console.log(
    `\nJourneys through HAProxy, ${seconds} s per run${
      userRate > 0 ? `, ${userRate} requests/s per user` : ', no think time'
    }, ${os.cpus().length} cores, Node ${process.version}, ${new Date()
      .toISOString()
      .slice(0, 10)}\n`,
  );
  console.log(
    '| replicas | users | requests | requests/s | 2xx/s | p50 (ms) | p95 (ms) | p99 (ms) | failed | failures by status | errors / timeouts | machine load (1 min) | target met |',
  );
  console.log(
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | :---: |',
  );
  for (const { replicas, users, summary: s, result: r } of rows) {
    const met = s.p95 < 500 && s.failed === 0;
    console.log(
      `| ${replicas} | ${users} | ${r.requests} | ${s.rps.toFixed(
        0,
      )} | ${s.okRps.toFixed(1)} | ${s.p50} | ${s.p95} | ${s.p99} | ${
        s.failed
      } | ${s.byStatus || '–'} | ${r.errors} / ${
        r.timeouts
      } | ${r.loadAverage.toFixed(1)} | ${met ? 'yes' : 'no'} |`,
    );
  }
  for (const { replicas, users, result, requestsPerReplica } of rows) {
    console.log(
      `\n${replicas} replica(s), ${users} users, per step (requests per replica: ${requestsPerReplica})\n`,
    );
    console.log(
      '| step | requests | p50 (ms) | p95 (ms) | p99 (ms) | non-2xx |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | --- |');
    for (const [label, step] of result.perStep) {
      const sorted = [...step.latencies].sort((a, b) => a - b);
      console.log(
        `| ${label} | ${sorted.length} | ${percentile(
          sorted,
          50,
        )} | ${percentile(sorted, 95)} | ${percentile(sorted, 99)} | ${
          failures(step.statuses) || '–'
        } |`,
      );
    }
  }
  const target = rows.find(r => r.replicas === 2 && r.users === 200);
  // Explicitly: the embedded PostgreSQL's exit hooks would otherwise end the process with 0.
  process.exit(
    target && (target.summary.p95 >= 500 || target.summary.failed > 0) ? 1 : 0,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
