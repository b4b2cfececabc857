/*
 * HAProxy in front of the benches' replicas, as a load balancer in front of a Deployment: one
 * frontend on 127.0.0.1, round robin over the replicas, each checked on its readiness probe
 * (a replica that stops answering 200 leaves the rotation), a request whose connection to a
 * replica fails is retried on another (`option redispatch`). Run as a child process; its stats
 * (CSV) say which replicas it counts as up and how many requests each one got.
 *
 * Needs haproxy (Debian/Ubuntu: `apt-get install haproxy`).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const candidates = [process.env.HAPROXY, '/usr/sbin/haproxy', 'haproxy'];

/** The haproxy binary, or a throw that says how to install it. */
export function haproxyBinary() {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ['-v'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  throw new Error(
    'haproxy not found: install it (Debian/Ubuntu: `apt-get install haproxy`) or set HAPROXY',
  );
}

/**
 * @typedef {{ name: string, port: number }} Upstream
 * @typedef {{
 *   port: number, statsPort: number, upstreams: Upstream[],
 *   checkIntervalMs?: number, checkTimeoutMs?: number, fall?: number, rise?: number, retries?: number,
 * }} HaproxyOptions
 */

/**
 * The configuration: health checks every `checkIntervalMs` (default 1 s), each failed when
 * unanswered after `checkTimeoutMs` (2 s, the Deployment's probe timeout), out after `fall`
 * failed checks (2), back after `rise` good ones (2). Connection failures are retried
 * `retries` times (3), the last ones on another replica. Only failed connections are retried:
 * a request a replica received and then died on is not replayed, since it may have been a
 * write the replica committed.
 *
 * @param {HaproxyOptions} options
 */
export function haproxyConfig({
  port,
  statsPort,
  upstreams,
  checkIntervalMs = 1000,
  checkTimeoutMs = 2000,
  fall = 2,
  rise = 2,
  retries = 3,
}) {
  return [
    'global',
    '  maxconn 8000',
    // One line per request on stderr (its termination state says who closed what, and why).
    '  log stderr format raw local0 info',
    '',
    'defaults',
    '  mode http',
    '  log global',
    '  option httplog',
    '  timeout connect 2s',
    '  timeout client 120s',
    '  timeout server 120s',
    '  timeout http-keep-alive 10s',
    // As the Deployment's readiness probe: a check unanswered in 2 s failed.
    `  timeout check ${checkTimeoutMs}ms`,
    `  retries ${retries}`,
    '  option redispatch',
    '',
    'frontend portal',
    `  bind 127.0.0.1:${port}`,
    // As an ingress does: the replicas see whom a request is for (and count it in the
    // per-user limit, which direct calls from loopback are outside of).
    '  option forwardfor',
    '  default_backend replicas',
    '',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk GET /.backstage/health/v1/readiness',
    '  http-check expect status 200',
    // Idle connections to a replica are closed within pool-purge-delay, well under the
    // backend's keep-alive timeout (backend.server.keepAliveTimeout, 75 s by default), so
    // HAProxy never sends a request on a connection the replica has closed (a 502).
    `  default-server inter ${checkIntervalMs}ms fall ${fall} rise ${rise} pool-purge-delay 5s`,
    ...upstreams.map(
      upstream => `  server ${upstream.name} 127.0.0.1:${upstream.port} check`,
    ),
    '',
    'listen stats',
    `  bind 127.0.0.1:${statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '',
  ].join('\n');
}

/**
 * @typedef {{ name: string, status: string, requests: number, failedChecks: number,
 *   downTransitions: number, responses5xx: number, connectionErrors: number,
 *   responseErrors: number, retries: number, redispatches: number }} ServerStats
 */

/**
 * Starts haproxy with the configuration above (written to `work`) and resolves once its stats
 * page answers. `stop()` ends it; `servers()` reads its view of each replica.
 *
 * @param {string} work
 * @param {HaproxyOptions} options
 */
export async function startHaproxy(work, options) {
  const binary = haproxyBinary();
  const file = path.join(work, 'haproxy.cfg');
  fs.writeFileSync(file, haproxyConfig(options));
  const check = spawnSync(binary, ['-c', '-q', '-f', file], {
    encoding: 'utf8',
  });
  if (check.status !== 0)
    throw new Error(`haproxy refused ${file}:\n${check.stderr}`);
  const child = spawn(binary, ['-db', '-f', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // The request log in the work folder (kept with BENCH_KEEP), the tail in memory for errors.
  const logFile = fs.createWriteStream(path.join(work, 'haproxy.log'));
  const keepTail = (/** @type {Buffer} */ chunk) => {
    logFile.write(chunk);
    output = (output + chunk).slice(-4000);
  };
  child.stdout.on('data', keepTail);
  child.stderr.on('data', keepTail);
  child.on('exit', () => logFile.end());
  const statsUrl = `http://127.0.0.1:${options.statsPort}/stats;csv`;

  /** @returns {Promise<ServerStats[]>} */
  const servers = async () => {
    const csv = await (await fetch(statsUrl)).text();
    const [header, ...lines] = csv.replace(/^# /, '').trim().split('\n');
    const columns = header.split(',');
    const at = (/** @type {string[]} */ row, /** @type {string} */ name) =>
      row[columns.indexOf(name)] ?? '';
    return lines
      .map(line => line.split(','))
      .filter(
        row =>
          at(row, 'pxname') === 'replicas' &&
          !['FRONTEND', 'BACKEND'].includes(at(row, 'svname')),
      )
      .map(row => ({
        name: at(row, 'svname'),
        status: at(row, 'status'),
        requests: Number(at(row, 'stot')),
        failedChecks: Number(at(row, 'chkfail')),
        downTransitions: Number(at(row, 'chkdown')),
        responses5xx: Number(at(row, 'hrsp_5xx')),
        connectionErrors: Number(at(row, 'econ')),
        responseErrors: Number(at(row, 'eresp')),
        retries: Number(at(row, 'wretr')),
        redispatches: Number(at(row, 'wredis')),
      }));
  };

  const since = Date.now();
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`haproxy exited (${child.exitCode}):\n${output}`);
    const up = await fetch(statsUrl)
      .then(r => r.ok)
      .catch(() => false);
    if (up) break;
    if (Date.now() - since > 10_000)
      throw new Error(`haproxy did not answer in 10 s:\n${output}`);
    await new Promise(r => setTimeout(r, 100));
  }

  return {
    url: `http://127.0.0.1:${options.port}`,
    servers,
    output: () => output,
    /** Resolves once haproxy counts `count` replicas as UP. */
    waitUp: async (/** @type {number} */ count, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const list = await servers();
        if (list.filter(s => s.status === 'UP').length >= count) return list;
        if (Date.now() > deadline)
          throw new Error(
            `haproxy: ${count} replicas not UP in ${timeoutMs / 1000} s: ${list
              .map(s => `${s.name} ${s.status}`)
              .join(', ')}`,
          );
        await new Promise(r => setTimeout(r, 200));
      }
    },
    /** Ends it at once (an interrupted bench). */
    kill: () => child.kill('SIGKILL'),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise(r => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
