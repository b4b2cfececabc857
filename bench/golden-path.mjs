#!/usr/bin/env node
/*
 * Golden-path timing: runs the TypeScript service golden path RUNS times (default 5) against
 * a running portal through the scaffolder REST API, publishing to the local git host, and
 * prints the median and maximum time from task creation to completion, and per step.
 *
 *   node bench/golden-path.mjs [--runs 5] [--template typescript-service] [--keep]
 *
 * PORTAL_BACKEND_URL defaults to http://localhost:7007; the guest sign-in provides the token.
 * Each run creates a uniquely named service; unless --keep is given, its repository and
 * working copy are removed afterwards, and the catalog forgets it within a minute.
 * Target: median under 20 s on the 2-core reference machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const backend = process.env.PORTAL_BACKEND_URL ?? 'http://localhost:7007';
const args = process.argv.slice(2);
const option = (/** @type {string} */ flag, /** @type {string} */ fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option('--runs', '5'));
const template = option('--template', 'typescript-service');
const keep = args.includes('--keep');
const TARGET_MEDIAN_S = 20;

const median = (/** @type {number[]} */ values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const seconds = (/** @type {number} */ ms) => (ms / 1000).toFixed(2);

async function guestToken() {
  const res = await fetch(`${backend}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Requested-With': 'XMLHttpRequest',
    },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: HTTP ${res.status}`);
  return (await res.json()).backstageIdentity.token;
}

/**
 * @param {string} token
 * @param {string} method
 * @param {string} url
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function api(token, method, url, body) {
  const res = await fetch(`${backend}${url}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok)
    throw new Error(`${method} ${url}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * @param {string} token
 * @param {number} index
 */
async function runOnce(token, index) {
  const name = `bench-${Date.now().toString(36)}-${index}`;
  /** @type {Record<string, unknown>} */
  const values = {
    name,
    description: 'Golden-path benchmark run',
    owner: 'group:default/payments-team', // a team the local guest belongs to
    system: 'system:default/developer-platform',
    publishTo: 'local',
  };
  if (template !== 'typescript-library') values.environments = ['dev'];
  if (template === 'typescript-service') values.database = false;
  const started = Date.now();
  const { id } = await api(token, 'POST', '/api/scaffolder/v2/tasks', {
    templateRef: `template:default/${template}`,
    values,
  });
  let task;
  for (;;) {
    task = await api(token, 'GET', `/api/scaffolder/v2/tasks/${id}`);
    if (['completed', 'failed', 'cancelled'].includes(task.status)) break;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  const total = Date.now() - started;
  const events = await api(
    token,
    'GET',
    `/api/scaffolder/v2/tasks/${id}/events`,
  );
  // Step timings from the task's own log events: first "processing" to "completed".
  const steps = new Map();
  for (const event of events) {
    const { stepId, status } = event.body ?? {};
    if (!stepId || !status) continue;
    const at = Date.parse(event.createdAt);
    const step = steps.get(stepId) ?? { start: at, end: undefined, status };
    if (status === 'processing') step.start = Math.min(step.start, at);
    if (['completed', 'failed', 'skipped'].includes(status)) step.end = at;
    step.status = status;
    steps.set(stepId, step);
  }
  if (task.status !== 'completed') {
    const last = events
      .filter((/** @type {{ type: string }} */ e) => e.type === 'log')
      .slice(-5)
      .map((/** @type {{ body: { message: string } }} */ e) => e.body.message);
    throw new Error(
      `task ${id} (${name}) ${task.status}:\n  ${last.join('\n  ')}`,
    );
  }
  if (!keep) {
    fs.rmSync(path.join(root, '.data/git', `${name}.git`), {
      recursive: true,
      force: true,
    });
    fs.rmSync(path.join(root, '.data/git-checkouts', name), {
      recursive: true,
      force: true,
    });
  }
  return {
    name,
    total,
    steps: [...steps.entries()].map(([stepId, s]) => ({
      stepId,
      status: s.status,
      ms: s.end !== undefined ? s.end - s.start : 0,
    })),
  };
}

const token = await guestToken();
const results = [];
for (let i = 1; i <= runs; i++) {
  const result = await runOnce(token, i);
  results.push(result);
  console.error(
    `[bench] run ${i}/${runs} ${result.name}: ${seconds(
      result.total,
    )} s (${result.steps
      .map(
        s =>
          `${s.stepId} ${
            s.status === 'skipped' ? 'skipped' : `${seconds(s.ms)} s`
          }`,
      )
      .join(', ')})`,
  );
}

const totals = results.map(r => r.total);
const stepIds = [...new Set(results.flatMap(r => r.steps.map(s => s.stepId)))];
console.log(
  `Golden path "${template}" on the local git host, ${runs} runs (seconds)`,
);
console.log('');
console.log('| Step | Median | Max |');
console.log('| --- | ---: | ---: |');
for (const stepId of stepIds) {
  const times = results
    .map(r => r.steps.find(s => s.stepId === stepId))
    .flatMap(s => (s && s.status !== 'skipped' ? [s.ms] : []));
  if (times.length === 0) {
    console.log(`| ${stepId} | skipped | skipped |`);
  } else {
    console.log(
      `| ${stepId} | ${seconds(median(times))} | ${seconds(
        Math.max(...times),
      )} |`,
    );
  }
}
console.log(
  `| **Task, creation to completion** | **${seconds(
    median(totals),
  )}** | **${seconds(Math.max(...totals))}** |`,
);
console.log('');
const ok = median(totals) / 1000 < TARGET_MEDIAN_S;
console.log(
  `Target: median under ${TARGET_MEDIAN_S} s: ${ok ? 'met' : 'NOT met'}`,
);
process.exitCode = ok ? 0 : 1;
