/*
 * Runs the GitHub stand-in on its own with the sample organisation (fixtures/acme-retail.yaml),
 * for the portal's browser journeys and demos:
 *
 *   yarn github-stand-in [--url-file <file>] [--fixture <file>] [--demo] [--trickle-seconds <n>]
 *
 * With --demo it serves the demo organisation: teams and members from the catalog, repositories
 * without a catalog-info.yaml and a generated year of history (fixtures/acme-retail-history.yaml),
 * and, with the webhook settings below, a live trickle of events every n seconds (default 5).
 *
 * Prints its URL (the portal's GITHUB_API_BASE_URL) and writes it to --url-file; stops on
 * SIGTERM or SIGINT. With GITHUB_STAND_IN_WEBHOOK_URL and GITHUB_WEBHOOK_SECRET set, it delivers
 * signed workflow_run, deployment_status and branch_protection_rule webhooks there (the
 * portal's /api/events/http/github).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveActions } from './actions';
import { branchProtectionWebhooks, serveBranches } from './branches';
import { recordDeployments } from './deployments';
import { GithubStandIn } from './GithubStandIn';
import { serveOrganizations } from './organization';
import { loadSampleOrganization, SAMPLE_FIXTURE } from './sample';
import { demoHistory } from './demo/demoOrganization';
import { HistorySpec } from './demo/history';
import { serveHistory } from './demo/serveHistory';
import { DemoTrickle, TrickleEvent } from './demo/trickle';

/** Starts the stand-in with the sample organisation; resolves to its URL and a stop function. */
export async function serveSample(options: {
  fixture?: string;
  webhooks?: { url: string; secret: string };
  /** The deploy workflow whose successful runs record deployments. */
  deployWorkflow?: string;
  /** The port to listen on; by default one the system chooses. */
  port?: number;
  /**
   * The demo organisation: teams, members, repositories without a catalog-info.yaml and a
   * generated year of history up to `end` (fixtures/acme-retail-history.yaml); with
   * `webhooks`, a live trickle of events every `trickleSeconds` (0: none).
   */
  demo?: {
    end?: Date;
    historyFixture?: string;
    /** Changes to the fixture's specification (a shorter history for a test). */
    overrides?: Partial<HistorySpec>;
    trickleSeconds?: number;
    onTrickle?: (event: TrickleEvent) => void;
  };
}) {
  const sample = loadSampleOrganization(options.fixture ?? SAMPLE_FIXTURE);
  const organizations = [sample.organization];
  const demo = options.demo
    ? demoHistory(sample.organization, sample.catalogFolder, {
        ...(options.demo.end ? { end: options.demo.end } : {}),
        ...(options.demo.historyFixture
          ? { fixture: options.demo.historyFixture }
          : {}),
        ...(options.demo.overrides
          ? { overrides: options.demo.overrides }
          : {}),
      })
    : undefined;
  const standIn = new GithubStandIn();
  // Clients page at their own per_page, as against GitHub.
  standIn.pageSize = 100;
  // A protection set or removed tells the portal, as the repository's webhook would.
  const protections = options.webhooks
    ? branchProtectionWebhooks(options.webhooks)
    : undefined;
  serveOrganizations(standIn, organizations, {
    ...(protections
      ? { onBranchProtection: protections.onBranchProtection }
      : {}),
  });
  serveBranches(standIn, organizations);
  const actions = serveActions(standIn, organizations, {
    autoComplete: sample.schedule,
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  const { deployments, settled } = recordDeployments(actions, organizations, {
    workflow: options.deployWorkflow ?? 'deploy.yaml',
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  if (!demo) {
    for (const { repository, run } of sample.seededRuns) {
      actions.seedRun(sample.organization.login, repository, run);
    }
  }
  let trickle: DemoTrickle | undefined;
  if (demo) {
    const served = serveHistory(
      standIn,
      sample.organization.login,
      demo.history,
    );
    // The runs of the last 30 days, for lists of recent CI; older ones only as deployments.
    const since = new Date(demo.history.to).getTime() - 30 * 86_400_000;
    for (const run of demo.history.workflowRuns) {
      if (Date.parse(run.createdAt) < since) continue;
      actions.seedRun(sample.organization.login, run.repository, {
        workflow: run.workflow,
        displayTitle: run.title,
        createdAt: new Date(run.createdAt),
        durationSeconds: run.durationSeconds,
        conclusion: run.conclusion,
        headSha: run.headSha,
        actor: 'acme-bot',
      });
    }
    const seconds = options.demo?.trickleSeconds ?? 5;
    if (options.webhooks && seconds > 0) {
      trickle = new DemoTrickle({
        organization: sample.organization,
        history: demo.history,
        repositories: demo.repositories
          .filter(
            r =>
              r.team &&
              sample.organization.repository(r.name)?.files?.[
                'catalog-info.yaml'
              ],
          )
          .map(r => r.name),
        webhooks: options.webhooks,
        actions,
        intervalMs: seconds * 1000,
        seed: demo.spec.seed,
        onChange: served.refresh,
        ...(options.demo?.onTrickle ? { onEvent: options.demo.onTrickle } : {}),
      });
      trickle.start();
    }
  }
  const url = await standIn.start(options.port);
  return {
    url,
    standIn,
    actions,
    deployments,
    /** Resolves once every webhook delivery started so far has been answered. */
    settled: async () => {
      await actions.settled();
      await settled();
      await protections?.settled();
    },
    organization: sample.organization,
    /** The demo's generated history and repositories, when `demo` was asked for. */
    demo,
    trickle,
    stop: () => {
      trickle?.stop();
      return standIn.stop();
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      'url-file': { type: 'string' },
      fixture: { type: 'string' },
      demo: { type: 'boolean' },
      'trickle-seconds': { type: 'string' },
    },
  });
  // Paths are the caller's: yarn runs the script in this package, and says where it was run.
  const here = (file: string | undefined) =>
    file && resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const webhookUrl = process.env.GITHUB_STAND_IN_WEBHOOK_URL;
  const secret = process.env.GITHUB_WEBHOOK_SECRET;
  const served = await serveSample({
    fixture: here(values.fixture),
    ...(webhookUrl && secret ? { webhooks: { url: webhookUrl, secret } } : {}),
    ...(values.demo
      ? {
          demo: {
            trickleSeconds: Number(values['trickle-seconds'] ?? 5),
            onTrickle: event =>
              process.stdout.write(
                `GitHub stand-in: ${event.event} in ${event.repository} (webhook ${event.status})\n`,
              ),
          },
        }
      : {}),
  });
  const repositories = served.organization.repositories.length;
  process.stdout.write(
    `GitHub stand-in: ${
      served.organization.login
    } (${repositories} repositories${
      served.demo
        ? `, ${
            served.demo.history.deployments.length
          } deployments since ${served.demo.history.from.slice(0, 10)}`
        : ''
    }) at ${served.url}\n`,
  );
  const urlFile = here(values['url-file']);
  if (urlFile) writeFileSync(urlFile, `${served.url}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Keep-alive connections of the portal's clients would hold close() open.
    setTimeout(() => process.exit(0), 2000).unref();
    await served.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main().catch(error => {
    process.stderr.write(`GitHub stand-in: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
