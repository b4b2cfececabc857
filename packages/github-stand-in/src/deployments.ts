import { randomUUID } from 'node:crypto';
import { GithubActions, StandInWorkflowRun } from './actions';
import { GithubOrganization, restRepository } from './organization';
import { webhookExample, webhookHeaders } from './webhooks';

/** A GitHub deployment the stand-in recorded for a successful deploy run. */
export type StandInDeployment = {
  id: number;
  owner: string;
  repo: string;
  environment: string;
  /** The branch or tag deployed, or the SHA when a commit was. */
  ref: string;
  sha: string;
  runId: number;
  createdAt: string;
};

const COMMIT_SHA = /^[0-9a-f]{40}$/i;

/**
 * Makes successful runs of a deploy workflow (dispatched with the `environment` and `ref`
 * inputs) record a GitHub deployment and deliver its signed `deployment_status` webhook
 * (`success`), as a deploy job with `environment:` does on GitHub. The workflow deploys
 * `inputs.ref`: a commit SHA as itself, a branch or tag as the run's head commit.
 */
export function recordDeployments(
  actions: GithubActions,
  organizations: GithubOrganization[],
  options: {
    /** The deploy workflow's file name, e.g. `deploy.yaml`. */
    workflow: string;
    webhooks?: { url: string; secret: string };
  },
): {
  deployments: StandInDeployment[];
  /** Resolves once every webhook delivery started so far has been answered. */
  settled: () => Promise<void>;
} {
  const deployments: StandInDeployment[] = [];
  const pending = new Set<Promise<void>>();
  let nextId = 7_300_001;
  const progressRun = actions.progressRun.bind(actions);
  actions.progressRun = (runId, status, conclusion) => {
    const run = progressRun(runId, status, conclusion);
    const environment = run.inputs?.environment;
    if (
      run.status === 'completed' &&
      run.conclusion === 'success' &&
      run.workflowPath.split('/').pop() === options.workflow &&
      environment
    ) {
      const ref = run.inputs?.ref || run.headBranch || run.headSha;
      const deployment: StandInDeployment = {
        id: nextId++,
        owner: run.owner,
        repo: run.repo,
        environment,
        ref,
        sha: COMMIT_SHA.test(ref) ? ref.toLowerCase() : run.headSha,
        runId: run.id,
        createdAt: run.updatedAt,
      };
      deployments.push(deployment);
      if (options.webhooks) {
        const delivery = deliver(
          organizations,
          run,
          deployment,
          options.webhooks,
        ).finally(() => pending.delete(delivery));
        pending.add(delivery);
      }
    }
    return run;
  };
  return {
    deployments,
    settled: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}

async function deliver(
  organizations: GithubOrganization[],
  run: StandInWorkflowRun,
  deployment: StandInDeployment,
  target: { url: string; secret: string },
): Promise<void> {
  const org = organizations.find(o => o.login === run.owner);
  const repository = org?.repository(run.repo);
  if (!org || !repository) return;
  const payload = webhookExample(
    'deployment_status',
    p => p.deployment_status?.state === 'success',
  );
  const apiUrl = `https://api.github.com/repos/${run.owner}/${run.repo}/deployments/${deployment.id}`;
  payload.deployment = {
    ...payload.deployment,
    id: deployment.id,
    url: apiUrl,
    sha: deployment.sha,
    ref: deployment.ref,
    environment: deployment.environment,
    original_environment: deployment.environment,
    created_at: deployment.createdAt,
    updated_at: deployment.createdAt,
  };
  payload.deployment_status = {
    ...payload.deployment_status,
    state: 'success',
    environment: deployment.environment,
    deployment_url: apiUrl,
    target_url: `${org.htmlUrl(run.repo)}/actions/runs/${run.id}`,
    created_at: deployment.createdAt,
    updated_at: deployment.createdAt,
  };
  payload.repository = {
    ...payload.repository,
    ...restRepository(org, repository),
  };
  const body = JSON.stringify(payload);
  await fetch(target.url, {
    method: 'POST',
    headers: webhookHeaders(
      'deployment_status',
      body,
      target.secret,
      randomUUID(),
    ),
    body,
  }).catch(() => undefined);
}
