/*
 * Starts the portal on the demo organisation (`./portal start --demo`, docs/demo.md):
 *
 *   yarn demo [start|start:backend|serve] [--trickle-seconds <n>] [--history-days <n>]
 *             [-- <portal arguments>]
 *
 * 1. the GitHub stand-in with the demo organisation acme-retail: teams, members, repositories
 *    (with and without catalog-info.yaml) and a generated year of history, and a live trickle
 *    of signed webhooks to the portal's /api/events/http/github;
 * 2. the Kubernetes stand-in with the `demo` cluster;
 * 3. the portal, with app-config.demo.yaml after the usual files and the environment the
 *    production configuration reads (GITHUB_API_BASE_URL, GITHUB_TOKEN, GITHUB_ORG,
 *    GITHUB_WEBHOOK_SECRET, KUBERNETES_DEMO_URL, KUBERNETES_DEMO_TOKEN).
 *
 * Everything stops with the portal (or on SIGINT / SIGTERM).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setPriority } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The repository: where `yarn start` and the app-config files are. */
const ROOT = resolve(
  dirname(require.resolve('@internal/demo/package.json')),
  '..',
  '..',
);
const SCRIPTS = ['start', 'start:backend', 'serve'];

/** The portal's configuration files for the demo, absolute (the backend runs elsewhere). */
export function demoConfigArguments(root: string = ROOT): string[] {
  return ['app-config.yaml', 'app-config.local.yaml', 'app-config.demo.yaml']
    .map(file => join(root, file))
    .filter(file => existsSync(file))
    .flatMap(file => ['--config', file]);
}

/** A port free on 127.0.0.1 now, for a stand-in started a moment later. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise(r => server.close(r));
  return port;
}

/** The environment the demo's configuration reads. */
export function demoEnvironment(options: {
  githubUrl: string;
  kubernetesUrl: string;
  kubernetesToken: string;
  webhookSecret: string;
}): Record<string, string> {
  return {
    GITHUB_API_BASE_URL: options.githubUrl,
    GITHUB_TOKEN: 'demo-token',
    GITHUB_ORG: 'acme-retail',
    GITHUB_WEBHOOK_SECRET: options.webhookSecret,
    KUBERNETES_DEMO_URL: options.kubernetesUrl,
    KUBERNETES_DEMO_TOKEN: options.kubernetesToken,
  };
}

async function main() {
  const args = process.argv.slice(2);
  const script = SCRIPTS.includes(args[0]) ? args.shift()! : 'start';
  let trickleSeconds = Number(process.env.DEMO_TRICKLE_SECONDS ?? 5);
  const trickleAt = args.indexOf('--trickle-seconds');
  if (trickleAt >= 0) {
    trickleSeconds = Number(args[trickleAt + 1]);
    args.splice(trickleAt, 2);
  }
  if (!(trickleSeconds >= 0))
    throw new Error('--trickle-seconds: a number ≥ 0');
  // Days of history (default: the fixture's year); CI reads a shorter one, generated the same
  // way, so its backfill takes seconds.
  let historyDays = process.env.DEMO_HISTORY_DAYS;
  const daysAt = args.indexOf('--history-days');
  if (daysAt >= 0) {
    historyDays = args[daysAt + 1];
    args.splice(daysAt, 2);
  }
  if (historyDays !== undefined && !/^[1-9]\d*$/.test(historyDays))
    throw new Error('--history-days: a whole number of days ≥ 1');
  const portalArgs = args[0] === '--' ? args.slice(1) : args;
  const log = (message: string) =>
    process.stderr.write(`\x1b[35m[demo]\x1b[0m ${message}\n`);

  const webhookSecret = randomBytes(16).toString('hex');
  const kubernetesToken = randomBytes(16).toString('hex');
  const port = process.env.PORT ?? '7007';
  const [githubPort, kubernetesPort] = [await freePort(), await freePort()];

  // The portal starts at once; the stand-ins start beside it on the ports it was given, long
  // before its first call to them (the catalog and the backfill wait for their schedules).
  const child = spawn(
    'yarn',
    [script, ...demoConfigArguments(), ...portalArgs],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        ...demoEnvironment({
          githubUrl: `http://127.0.0.1:${githubPort}`,
          kubernetesUrl: `http://127.0.0.1:${kubernetesPort}`,
          kubernetesToken,
          webhookSecret,
        }),
      },
    },
  );
  const stoppers: Array<() => Promise<unknown>> = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code), 3000).unref();
    await Promise.allSettled(stoppers.map(f => f()));
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', code => stop(code ?? 1));

  // The stand-ins (this process, from now on) yield the CPU to the starting portal: their
  // first answers are needed only when its schedules start, and on a small machine their
  // start would otherwise delay the portal's.
  setPriority(process.pid, 10);
  // Loaded only now, so the portal's start does not wait for the stand-ins' modules.
  const { serveSample } =
    require('@internal/github-stand-in') as typeof import('@internal/github-stand-in');
  const { serveDemoCluster } =
    require('@internal/kubernetes-stand-in') as typeof import('@internal/kubernetes-stand-in');
  const standIns = Promise.all([
    serveSample({
      port: githubPort,
      webhooks: {
        url: `http://localhost:${port}/api/events/http/github`,
        secret: webhookSecret,
      },
      demo: {
        trickleSeconds,
        ...(historyDays ? { overrides: { days: Number(historyDays) } } : {}),
        onTrickle: e =>
          log(`${e.event} in ${e.repository} (webhook ${e.status})`),
      },
    }),
    serveDemoCluster({ token: kubernetesToken, port: kubernetesPort }),
  ]);
  // Without its stand-ins the portal would show errors, not a demo: stop it too.
  const [github, cluster] = await standIns.catch(error => {
    child.kill('SIGTERM');
    throw error;
  });
  const history = github.demo!.history;
  log(
    `GitHub stand-in: ${github.organization.login}, ${
      github.organization.repositories.length
    } repositories, ${
      history.deployments.length
    } deployments since ${history.from.slice(0, 10)}, at ${github.url}`,
  );
  log(
    `Kubernetes stand-in: cluster ${cluster.cluster}, ${cluster.workloads.length} workloads, at ${cluster.url}`,
  );
  stoppers.push(
    () => github.stop(),
    () => cluster.close(),
  );
}

if (require.main === module) {
  main().catch(error => {
    process.stderr.write(`[demo] ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
