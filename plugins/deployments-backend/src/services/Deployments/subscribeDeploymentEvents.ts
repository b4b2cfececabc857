import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { EnvironmentDeployment } from '@internal/plugin-deployments-common';
import { DeploymentStore } from '../../database/DeploymentStore';

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/**
 * A successful deployment from a `deployment_status` delivery, with its repository (lower
 * case), or `undefined` for any other state or a payload missing what is needed.
 */
export function successfulDeployment(
  payload: unknown,
):
  | { repository: string; deployment: EnvironmentDeployment; runId?: number }
  | undefined {
  const p = payload as {
    repository?: { full_name?: unknown };
    deployment?: {
      id?: unknown;
      sha?: unknown;
      ref?: unknown;
      environment?: unknown;
    };
    deployment_status?: { state?: unknown; created_at?: unknown };
    workflow_run?: { id?: unknown } | null;
  };
  const status = p?.deployment_status;
  const deployment = p?.deployment;
  const repository = p?.repository?.full_name;
  if (
    status?.state !== 'success' ||
    typeof repository !== 'string' ||
    !REPOSITORY.test(repository) ||
    !Number.isSafeInteger(deployment?.id) ||
    typeof deployment?.sha !== 'string' ||
    typeof deployment.environment !== 'string' ||
    typeof status.created_at !== 'string' ||
    !Number.isFinite(Date.parse(status.created_at))
  ) {
    return undefined;
  }
  const ref =
    typeof deployment.ref === 'string' && deployment.ref !== deployment.sha
      ? deployment.ref
      : undefined;
  const runId = p.workflow_run?.id;
  return {
    ...(Number.isSafeInteger(runId) ? { runId: runId as number } : {}),
    repository: repository.toLocaleLowerCase('en-US'),
    deployment: {
      deploymentId: deployment.id as number,
      environment: deployment.environment,
      sha: deployment.sha,
      succeededAt: new Date(status.created_at).toISOString(),
      ...(ref ? { ref } : {}),
    },
  };
}

/**
 * Keeps the history of successful deployments from the portal's one GitHub webhook (the
 * events service's `github.deployment_status` topic), the same deliveries insights counts.
 */
export async function subscribeDeploymentEvents(options: {
  events: EventsService;
  store: DeploymentStore;
  logger: LoggerService;
}) {
  await options.events.subscribe({
    id: 'deployments-history',
    topics: ['github.deployment_status'],
    async onEvent({ eventPayload }) {
      const found = successfulDeployment(eventPayload);
      if (!found) return;
      // A job with `environment:` makes GitHub record the deployment at the commit the workflow
      // ran from (the workflow branch, for a commit dispatched from the portal), not the
      // commit it deployed: the portal's own request knows that one.
      const request =
        found.runId !== undefined
          ? await options.store.actionByRun(found.repository, found.runId)
          : undefined;
      const { ref: _reported, ...fromGithub } = found.deployment;
      const deployment: EnvironmentDeployment = request?.sha
        ? {
            ...fromGithub,
            sha: request.sha,
            ...(request.ref && request.ref !== request.sha
              ? { ref: request.ref }
              : {}),
          }
        : found.deployment;
      await options.store.recordDeployment(found.repository, deployment);
      options.logger.debug('Deployment recorded', {
        repository: found.repository,
        environment: deployment.environment,
        deploymentId: deployment.deploymentId,
        sha: deployment.sha,
      });
    },
  });
}
