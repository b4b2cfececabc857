#!/usr/bin/env node
/*
 * First start of the portal with the demo organisation against without (docs/demo.md): seconds
 * from spawning the start command to the backend's first 200 from
 * /.backstage/health/v1/readiness, on fresh databases each time (an embedded PostgreSQL of its
 * own, all databases dropped before each start), rounds alternating.
 *
 *   without: yarn start:backend --config app-config.yaml --config <bench port>
 *   with:    yarn demo start:backend -- --config <bench port>
 *            (the GitHub and Kubernetes stand-ins start beside the backend, app-config.demo.yaml)
 *   connected: the backend with the demo's configuration and environment, the stand-ins
 *            already running: what connecting an organisation and a cluster costs the start
 *            by itself, without the stand-ins' own start
 *
 * Run by hand: `./portal node bench/demo-start.mjs` (BENCH_ROUNDS, default 3), under
 * `flock /tmp/e2e.lock` on a shared machine. Target: with the demo within 1.2x of without.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  backendUrl,
  dropBackendDatabases,
  log,
  makeWorkDir,
  median,
  port,
  portalDatabaseEnv,
  root,
  startPostgres,
  writePortConfig,
} from './lib/backends.mjs';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

/**
 * Seconds from spawning `args` (a Yarn command) to the backend's readiness; stops it after.
 *
 * @param {string} label
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
async function firstStart(label, args, env = {}) {
  await dropBackendDatabases();
  log(`${label}: yarn ${args.join(' ')}`);
  const started = performance.now();
  const child = spawn('yarn', args, {
    cwd: root,
    env: { ...process.env, ...portalDatabaseEnv, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (/** @type {Buffer} */ chunk) =>
    (output = (output + chunk).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  try {
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`${label} exited (${child.exitCode}):\n${output}`);
      }
      const ready = await fetch(`${backendUrl}/.backstage/health/v1/readiness`)
        .then(res => res.status === 200)
        .catch(() => false);
      if (ready) {
        const seconds = (performance.now() - started) / 1000;
        log(`${label}: ready after ${seconds.toFixed(1)} s`);
        return seconds;
      }
      if (performance.now() - started > 600_000) {
        throw new Error(`${label}: not ready after 600 s:\n${output}`);
      }
      await new Promise(r => setTimeout(r, 250));
    }
  } finally {
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone already
      }
      await new Promise(r => setTimeout(r, 3000));
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
}

/**
 * Starts a stand-in's serve script and resolves to its URL (from its --url-file) and a stop.
 *
 * @param {string} script
 * @param {Record<string, string>} env
 * @param {string[]} args
 * @param {string} urlFile
 */
async function startStandIn(script, env, args, urlFile) {
  const child = spawn(
    process.execPath,
    [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      script,
      '--url-file',
      urlFile,
      ...args,
    ],
    { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' },
  );
  for (let i = 0; i < 1200 && !fs.existsSync(urlFile); i++) {
    await new Promise(r => setTimeout(r, 250));
  }
  return {
    url: fs.readFileSync(urlFile, 'utf8').trim(),
    stop: () => child.kill('SIGTERM'),
  };
}

const work = makeWorkDir('portal-demo-start-');
const postgres = await startPostgres(path.join(work, 'postgres'));
const portConfig = writePortConfig(work);
/** @type {number[]} */
const without = [];
/** @type {number[]} */
const withDemo = [];
/** @type {number[]} */
const connected = [];
const secret = 'bench-demo-secret';
const token = 'bench-demo-token';
const github = await startStandIn(
  'packages/github-stand-in/src/serve.ts',
  {
    GITHUB_STAND_IN_WEBHOOK_URL: `http://localhost:${port}/api/events/http/github`,
    GITHUB_WEBHOOK_SECRET: secret,
  },
  ['--demo'],
  path.join(work, 'github-url'),
);
const cluster = await startStandIn(
  'packages/kubernetes-stand-in/src/serve.ts',
  { KUBERNETES_STAND_IN_TOKEN: token },
  [],
  path.join(work, 'kubernetes-url'),
);
const connectedEnv = {
  GITHUB_API_BASE_URL: github.url,
  GITHUB_TOKEN: 'demo-token',
  GITHUB_ORG: 'acme-retail',
  GITHUB_WEBHOOK_SECRET: secret,
  KUBERNETES_DEMO_URL: cluster.url,
  KUBERNETES_DEMO_TOKEN: token,
};
try {
  for (let round = 1; round <= rounds; round++) {
    without.push(
      await firstStart('without the demo', [
        'start:backend',
        '--config',
        path.join(root, 'app-config.yaml'),
        '--config',
        portConfig,
      ]),
    );
    withDemo.push(
      await firstStart('with the demo', [
        'demo',
        'start:backend',
        '--',
        '--config',
        portConfig,
      ]),
    );
    connected.push(
      await firstStart(
        'connected to running stand-ins',
        [
          'start:backend',
          '--config',
          path.join(root, 'app-config.yaml'),
          '--config',
          path.join(root, 'app-config.demo.yaml'),
          '--config',
          portConfig,
        ],
        connectedEnv,
      ),
    );
    log(
      `round ${round}: without ${without.at(-1)?.toFixed(1)} s, with ${withDemo
        .at(-1)
        ?.toFixed(1)} s`,
    );
  }
} finally {
  github.stop();
  cluster.stop();
  await postgres.stop();
}
const a = median(without);
const b = median(withDemo);
console.log(`First start → ready, median of ${rounds} (fresh databases):`);
console.log(
  `  without the demo  ${a.toFixed(1)} s  (${without
    .map(s => s.toFixed(1))
    .join(', ')})`,
);
console.log(
  `  with the demo     ${b.toFixed(1)} s  (${withDemo
    .map(s => s.toFixed(1))
    .join(', ')})`,
);
console.log(
  `  ratio             ${(b / a).toFixed(2)}x (target ≤ 1.20x) ${
    b / a <= 1.2 ? 'met' : 'NOT met'
  }`,
);
