#!/usr/bin/env node
/*
 * Golden path upgrades at scale: N services on the local git host, made from the current
 * version of the typescript-service golden path and changed by their teams, then the template
 * publishes a new version and the portal prepares every upgrade.
 *
 *   node bench/golden-path-upgrades.mjs [--services 1000] [--concurrency 8]
 *     [--workdir DIR [--setup-only]]
 *
 * With --workdir the set-up goes to DIR and --setup-only stops there, so a later run (with the
 * same DIR and count) measures without setting up first; a measured run removes DIR (its
 * repositories then have their upgrade branches).
 *
 * Set-up (not measured): a scratch portal repository holding the template; each service is
 * rendered with Backstage's fetch:template and written into its bare repository with one
 * git fast-import: the created commit, then a team commit (a new file for every service, an
 * edit of the line the new version changes for every tenth, so a tenth of the upgrades carry
 * a conflict).
 * Measured: preparing every upgrade with the plugin's own prepareUpgrade (render both
 * versions through one render cache, three-way merge with git merge-tree, write the branch),
 * `--concurrency` at a time, as the scheduled run does. Prints the total, per-service
 * p50/p95/max, the share spent rendering and in git, the git processes per upgrade and the
 * machine's load.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireSource, root, workspaceRequire } from './lib/workspace.mjs';

const { values: args } = parseArgs({
  options: {
    services: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    workdir: { type: 'string' },
    'setup-only': { type: 'boolean', default: false },
  },
});
if (args['setup-only'] && !args.workdir) {
  throw new Error('--setup-only needs --workdir (where the set-up stays)');
}
const count = Number(args.services);
const concurrency = Number(args.concurrency);
if (!Number.isInteger(count) || count < 1) {
  throw new Error(
    `--services must be a positive integer, got ${args.services}`,
  );
}
if (!Number.isInteger(concurrency) || concurrency < 1) {
  throw new Error(
    `--concurrency must be a positive integer, got ${args.concurrency}`,
  );
}

const require = workspaceRequire('plugins/golden-path-upgrades-backend');
const { TemplateSource } = requireSource(require, 'src/lib/templateSource.ts');
const { prepareUpgrade } = requireSource(require, 'src/lib/prepareUpgrade.ts');
const { RenderCache } = requireSource(require, 'src/lib/renderCache.ts');
const { importCommits } = requireSource(require, 'src/lib/objects.ts');
const gitModule = requireSource(require, 'src/lib/git.ts');
const { forEachBounded } = requireSource(require, 'src/lib/bounded.ts');

const TEMPLATE = 'typescript-service';
const PORT_LINE = "const port = Number(env.PORT ?? '8080');";
const gitEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@acme.example',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@acme.example',
};
const git = (/** @type {string} */ cwd, /** @type {string[]} */ ...gitArgs) =>
  execFileSync('git', ['-c', 'commit.gpgsign=false', ...gitArgs], {
    cwd,
    env: gitEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
const edit = (
  /** @type {string} */ file,
  /** @type {string} */ from,
  /** @type {string} */ to,
) => fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));

/**
 * CPU seconds used so far by this process and by the child processes it has waited for
 * (its git processes): /proc/self/stat's utime, stime, cutime and cstime, in clock ticks.
 */
function cpuSeconds() {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14-17 of proc(5), counted from the state field (3) after the command name.
  const ticks = (/** @type {number[]} */ at) =>
    at.reduce((sum, i) => sum + Number(fields[i]), 0) / 100;
  return { node: ticks([11, 12]), git: ticks([13, 14]) };
}

const scratch = args.workdir
  ? path.resolve(args.workdir)
  : fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gpu-'));
const portal = path.join(scratch, 'portal');
const repositories = path.join(scratch, 'git');
const readyFile = path.join(scratch, 'ready.json');

/**
 * The portal repository with the template's current version, `count` services made from it
 * and changed by their teams, then the new version published. Returns the set-up's seconds.
 */
async function setUp() {
  if (
    fs.existsSync(scratch) &&
    fs
      .readdirSync(scratch)
      .some(f => !['portal', 'git', 'ready.json'].includes(f))
  ) {
    throw new Error(`${scratch} holds other files than a set-up of this bench`);
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  fs.cpSync(
    path.join(root, 'templates', TEMPLATE),
    path.join(portal, 'templates', TEMPLATE),
    { recursive: true },
  );
  git(portal, 'init', '-q', '-b', 'main');
  git(portal, 'add', '-A');
  git(portal, 'commit', '-q', '-m', 'v1');
  const source = new TemplateSource(portal);
  const [{ version: v1 }] = await source.versions(TEMPLATE);
  const setUpRenders = new RenderCache(source, 4);

  fs.mkdirSync(repositories);
  const setUpStart = performance.now();
  await forEachBounded(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (/** @type {number} */ i) => {
      const name = `service-${String(i).padStart(4, '0')}`;
      const files = await setUpRenders.render(TEMPLATE, v1, {
        name,
        description: `Bench service ${i}`,
        owner: 'group:default/payments-team',
        ownerName: 'payments-team',
        system: 'system:default/checkout',
        templateName: TEMPLATE,
        templateVersion: v1,
        githubSlug: '',
        githubOrg: '',
        environments: ['dev'],
        image: `acme-retail/${name}`,
        database: false,
      });
      /** @type {{ path: string, mode: string, content: Buffer }[]} */
      const team = [
        {
          path: 'src/orders.ts',
          mode: '100644',
          content: Buffer.from('export const N = 1;\n'),
        },
      ];
      if (i % 10 === 0) {
        const config = files.find(
          (/** @type {{ path: string }} */ f) => f.path === 'src/config.ts',
        );
        team.push({
          ...config,
          content: Buffer.from(
            config.content
              .toString('utf8')
              .replace(PORT_LINE, "const port = Number(env.PORT ?? '3000');"),
          ),
        });
      }
      const bare = path.join(repositories, `${name}.git`);
      // No template folder (sample hooks): a thousand repositories are quicker to remove.
      git(scratch, 'init', '-q', '--bare', '--template=', '-b', 'main', bare);
      await importCommits(bare, [
        {
          ref: 'refs/heads/main',
          message: 'Created from the golden path',
          files,
        },
        {
          ref: 'refs/heads/main',
          message: 'Team change',
          from: 0,
          files: team,
          keep: true,
        },
      ]);
    },
  );
  // The new version: a file added, the port line changed, the Dockerfile changed.
  const skeleton = path.join(portal, 'templates', TEMPLATE, 'skeleton');
  fs.writeFileSync(
    path.join(skeleton, 'src/version.ts'),
    'export const V = 2;\n',
  );
  edit(
    path.join(skeleton, 'src/config.ts'),
    PORT_LINE,
    "const port = Number(env.HTTP_PORT ?? env.PORT ?? '8080');",
  );
  edit(
    path.join(skeleton, 'Dockerfile'),
    'FROM node:22-bookworm-slim\nENV',
    'FROM node:22.12-bookworm-slim\nENV',
  );
  const templateFile = path.join(
    portal,
    'templates',
    TEMPLATE,
    'template.yaml',
  );
  edit(templateFile, `template-version: ${v1}`, 'template-version: 9.0.0');
  edit(templateFile, `templateVersion: ${v1}`, 'templateVersion: 9.0.0');
  edit(
    path.join(portal, 'templates', TEMPLATE, 'versions.yaml'),
    'versions:\n',
    'versions:\n  - version: 9.0.0\n    date: 2026-12-04\n    changes: HTTP_PORT.\n    why: Naming.\n',
  );
  git(portal, 'commit', '-q', '-am', 'v2');

  fs.writeFileSync(readyFile, JSON.stringify({ services: count }));
  return (performance.now() - setUpStart) / 1000;
}

/** The set-up in --workdir, when a set-up-only run left one for this count. */
function readySetUp() {
  try {
    return JSON.parse(fs.readFileSync(readyFile, 'utf8')).services === count;
  } catch {
    return false;
  }
}

try {
  const setUpSeconds = readySetUp() ? undefined : await setUp();
  if (args['setup-only']) {
    console.log(
      `set-up of ${count} services in ${scratch}: ${
        setUpSeconds === undefined
          ? 'already there'
          : `${setUpSeconds.toFixed(1)} s`
      }`,
    );
    process.exit(0);
  }
  const source = new TemplateSource(portal);

  /** @type {number[]} */
  const durations = [];
  let renderMs = 0;
  let gitMs = 0;
  let conflicted = 0;
  // Every git process the upgrades start, by subcommand (the plugin's one door to git).
  const gitProcesses = gitModule.gitProcessesStarted;
  gitProcesses.clear();
  const renders = new RenderCache(source);
  // As the scheduled run does: the versions read once, at the run's start.
  const pinned = await source.pinned();
  const loadBefore = os.loadavg()[0];
  const cpuBefore = cpuSeconds();
  const started = performance.now();
  await forEachBounded(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (/** @type {number} */ i) => {
      const t = performance.now();
      const outcome = await prepareUpgrade({
        source: pinned,
        renders,
        template: TEMPLATE,
        repositoryDir: path.join(
          repositories,
          `service-${String(i).padStart(4, '0')}.git`,
        ),
      });
      durations.push(performance.now() - t);
      if (outcome.state !== 'prepared') {
        throw new Error(`service ${i}: ${outcome.state}`);
      }
      renderMs += outcome.timings.renderMs;
      gitMs += outcome.timings.gitMs;
      if (outcome.conflicts.length > 0) conflicted++;
    },
  );
  const totalSeconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuSeconds();
  const nodeCpu = cpuAfter.node - cpuBefore.node;
  const gitCpu = cpuAfter.git - cpuBefore.git;
  const cpu = nodeCpu + gitCpu;

  durations.sort((a, b) => a - b);
  const at = (/** @type {number} */ q) =>
    durations[Math.min(count - 1, Math.floor(q * count))];
  const busy = renderMs + gitMs;
  console.log(
    `golden path upgrades: ${count} services, concurrency ${concurrency}`,
  );
  console.log(
    `set-up (not measured): ${
      setUpSeconds === undefined
        ? 'done earlier (--setup-only)'
        : `${setUpSeconds.toFixed(1)} s`
    }`,
  );
  console.log(
    `prepared ${count} upgrades (${conflicted} with a conflict) in ${totalSeconds.toFixed(
      1,
    )} s ` +
      `(${((totalSeconds / 60) * 1).toFixed(2)} min; target under 10 min)`,
  );
  console.log(
    `per service: p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(
      0,
    )} ms, max ${durations[count - 1].toFixed(0)} ms`,
  );
  console.log(
    `of the work: rendering both versions ${((100 * renderMs) / busy).toFixed(
      0,
    )}% ` +
      `(${(renderMs / count).toFixed(
        0,
      )} ms a service), git (objects, merge-tree, branch) ` +
      `${((100 * gitMs) / busy).toFixed(0)}% (${(gitMs / count).toFixed(
        0,
      )} ms a service)`,
  );
  console.log(
    `CPU: ${cpu.toFixed(1)} s, ${((1000 * cpu) / count).toFixed(
      0,
    )} ms an upgrade (Node ${((1000 * nodeCpu) / count).toFixed(
      0,
    )} ms on its one thread, git processes ${((1000 * gitCpu) / count).toFixed(
      0,
    )} ms); ${((100 * cpu) / totalSeconds).toFixed(
      0,
    )}% of one core over the run. ` +
      `With both cores to itself (Node on one, git on the other), 1,000 upgrades would take about ${(
        (1000 * Math.max(nodeCpu, gitCpu, cpu / 2)) /
        count /
        60
      ).toFixed(1)} min`,
  );
  const processes = [...gitProcesses.values()].reduce((a, b) => a + b, 0);
  console.log(
    `git processes: ${(processes / count).toFixed(1)} an upgrade (${[
      ...gitProcesses,
    ]
      .map(([command, n]) => `${command} ${(n / count).toFixed(1)}`)
      .join(', ')})`,
  );
  console.log(
    `load average (1 min) at the start: ${loadBefore.toFixed(
      2,
    )}; at the end: ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
