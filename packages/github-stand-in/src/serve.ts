/*
 * Runs the GitHub stand-in on its own with the sample organisation (fixtures/acme-retail.yaml),
 * for the portal's browser journeys and demos:
 *
 *   yarn github-stand-in [--url-file <file>] [--fixture <file>]
 *
 * Prints its URL (the portal's GITHUB_API_BASE_URL) and writes it to --url-file; stops on
 * SIGTERM or SIGINT. With GITHUB_STAND_IN_WEBHOOK_URL and GITHUB_WEBHOOK_SECRET set, it delivers
 * signed workflow_run and deployment_status webhooks there (the portal's
 * /api/events/http/github).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveActions } from './actions';
import { serveBranches } from './branches';
import { recordDeployments } from './deployments';
import { GithubStandIn } from './GithubStandIn';
import { serveOrganizations } from './organization';
import { loadSampleOrganization, SAMPLE_FIXTURE } from './sample';

/** Starts the stand-in with the sample organisation; resolves to its URL and a stop function. */
export async function serveSample(options: {
  fixture?: string;
  webhooks?: { url: string; secret: string };
  /** The deploy workflow whose successful runs record deployments. */
  deployWorkflow?: string;
}) {
  const sample = loadSampleOrganization(options.fixture ?? SAMPLE_FIXTURE);
  const organizations = [sample.organization];
  const standIn = new GithubStandIn();
  // Clients page at their own per_page, as against GitHub.
  standIn.pageSize = 100;
  serveOrganizations(standIn, organizations);
  serveBranches(standIn, organizations);
  const actions = serveActions(standIn, organizations, {
    autoComplete: sample.schedule,
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  const { deployments, settled } = recordDeployments(actions, organizations, {
    workflow: options.deployWorkflow ?? 'deploy.yaml',
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
  });
  for (const { repository, run } of sample.seededRuns) {
    actions.seedRun(sample.organization.login, repository, run);
  }
  const url = await standIn.start();
  return {
    url,
    standIn,
    actions,
    deployments,
    /** Resolves once every webhook delivery started so far has been answered. */
    settled: async () => {
      await actions.settled();
      await settled();
    },
    organization: sample.organization,
    stop: () => standIn.stop(),
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      'url-file': { type: 'string' },
      fixture: { type: 'string' },
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
  });
  const repositories = served.organization.repositories.length;
  process.stdout.write(
    `GitHub stand-in: ${served.organization.login} (${repositories} repositories) at ${served.url}\n`,
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
