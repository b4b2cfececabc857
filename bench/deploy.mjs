#!/usr/bin/env node
/*
 * Deploy at the click of a button: how long from the Deployments tab's "Deploy" (its request,
 * POST /api/deployments/actions) to the service's deploy workflow being dispatched on GitHub,
 * and to the portal's answer.
 *
 *   node bench/deploy.mjs [--runs 30] [--pause 1500] [--entity component:default/payment-gateway]
 *
 * 1. starts an embedded PostgreSQL of its own and the GitHub stand-in in this process with the
 *    sample organisation (packages/github-stand-in/fixtures/acme-retail.yaml: every sample
 *    component's repository with its deploy.yaml);
 * 2. starts the portal backend (no file watcher) with its GitHub integration pointed at the
 *    stand-in (GITHUB_API_BASE_URL), exactly as in production with another base URL;
 * 3. signs in as the guest (a member of the payments team, which owns the entity) and, one
 *    after the other, asks to deploy `main` to staging; "dispatched" is when the stand-in has
 *    accepted the workflow_dispatch (POST .../actions/workflows/deploy.yaml/dispatches), read
 *    from the stand-in's own record of dispatches, "answered" when the portal's answer arrived.
 *
 * Clicks are --pause ms apart (default 1500): the portal's Octokit follows GitHub's advice of at
 * most one write a second per client (@octokit/plugin-throttling's write group), so clicks less
 * than a second apart wait for the previous write; `--pause 0` shows that pacing.
 *
 * Prints p50/p95 and the slowest run of both, in ms, and what the machine was doing (load
 * average), since the figure depends on it.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  backendUrl,
  configArgs,
  log,
  makeWorkDir,
  portalDatabaseEnv,
  root,
  startBackend,
  startPostgres,
  writePortConfig,
} from './lib/backends.mjs';
import { requireSource, workspaceRequire } from './lib/workspace.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    pause: { type: 'string', default: '1500' },
    entity: { type: 'string', default: 'component:default/payment-gateway' },
  },
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) {
  throw new Error(`--runs must be a positive integer, got ${args.runs}`);
}
const pause = Number(args.pause);
if (!Number.isFinite(pause) || pause < 0) {
  throw new Error(`--pause must be a number of ms, got ${args.pause}`);
}
const entityRef = /** @type {string} */ (args.entity);

/**
 * @param {number[]} values
 * @param {number} p 0–100
 */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

async function guestToken() {
  const res = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in: HTTP ${res.status}`);
  return /** @type {string} */ ((await res.json()).backstageIdentity.token);
}

/**
 * Polls `check` until it returns something, at most `seconds`.
 *
 * @template T
 * @param {string} what
 * @param {() => Promise<T | undefined>} check
 * @param {number} seconds
 * @returns {Promise<T>}
 */
async function waitFor(what, check, seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${seconds} s`);
    await new Promise(r => setTimeout(r, 250));
  }
}

async function main() {
  const work = makeWorkDir('bench-deploy-');
  log(`work folder ${work}`);
  const postgres = await startPostgres(path.join(work, 'postgres'));
  const standInRequire = workspaceRequire('packages/github-stand-in');
  const { serveSample } = requireSource(standInRequire, 'src/serve.ts');
  const served = await serveSample({});
  log(`GitHub stand-in at ${served.url}`);
  /** @type {Awaited<ReturnType<typeof startBackend>> | undefined} */
  let portal;
  try {
    portal = await startBackend(
      'portal',
      root,
      {
        ...portalDatabaseEnv,
        GITHUB_API_BASE_URL: served.url,
        GITHUB_TOKEN: 'bench-token',
      },
      configArgs(writePortConfig(work)),
      { watch: false },
    );
    log(`portal ready in ${portal.startSeconds.toFixed(1)} s`);
    const token = await guestToken();
    const headers = {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    };
    await waitFor(
      `${entityRef}'s environments`,
      async () => {
        const res = await fetch(
          `${backendUrl}/api/deployments/environments?entityRef=${encodeURIComponent(
            entityRef,
          )}`,
          { headers },
        );
        return res.ok ? true : undefined;
      },
      300,
    );

    /** @type {number[]} */
    const dispatched = [];
    /** @type {number[]} */
    const answered = [];
    for (let i = 0; i < runs; i++) {
      await new Promise(r => setTimeout(r, pause));
      const before = served.actions.dispatches.length;
      const clicked = performance.now();
      /** @type {number | undefined} */
      let dispatchedAt;
      const watch = (async () => {
        while (served.actions.dispatches.length === before) {
          await new Promise(r => setImmediate(r));
        }
        dispatchedAt = performance.now();
      })();
      const res = await fetch(`${backendUrl}/api/deployments/actions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          entityRef,
          action: 'deploy',
          environment: 'staging',
          ref: 'main',
        }),
      });
      const answerAt = performance.now();
      if (!res.ok) {
        throw new Error(
          `deploy ${i + 1}: HTTP ${res.status} ${await res.text()}`,
        );
      }
      await Promise.race([
        watch,
        new Promise((_, reject) =>
          setTimeout(
            () => reject(new Error('no dispatch within 30 s')),
            30_000,
          ),
        ),
      ]);
      dispatched.push(/** @type {number} */ (dispatchedAt) - clicked);
      answered.push(answerAt - clicked);
    }

    const row = (/** @type {string} */ label, /** @type {number[]} */ v) =>
      `| ${label} | ${percentile(v, 50).toFixed(0)} | ${percentile(
        v,
        95,
      ).toFixed(0)} | ${Math.max(...v).toFixed(0)} |`;
    console.log(
      `\nDeploy ${entityRef} main → staging, ${runs} runs ${pause} ms apart (load average ${os
        .loadavg()
        .map(l => l.toFixed(1))
        .join(' ')}, ${os.cpus().length} cores)\n`,
    );
    console.log('| from the click to | p50 ms | p95 ms | slowest ms |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(row('the workflow dispatched on GitHub', dispatched));
    console.log(row("the portal's answer", answered));
  } finally {
    await portal?.stop();
    await served.stop();
    await postgres.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
