import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ClusterState,
  compareWithRecorded,
  DeploymentAction,
  dispatchPermissionFor,
  nextEnvironment,
  previousSuccessfulDeployment,
  runDurationSeconds,
  runningDeployment,
  workflowInputProblem,
} from '@internal/plugin-deployments-common';
import { randomUUID } from 'node:crypto';
import { parse } from 'yaml';
import { DeploymentsConfig } from '../../config';
import { ActionRecord, DeploymentStore } from '../../database/DeploymentStore';
import {
  DeploymentGithub,
  GithubAnswerError,
  GithubRun,
} from './DeploymentGithub';
import {
  ClusterVersions,
  KUBERNETES_ID_ANNOTATION,
} from '../Clusters/createClusterVersions';
import { DeploymentService } from './types';

export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
const SLUG = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const COMMIT_SHA = /^[0-9a-f]{40}$/i;

export type DeploymentServiceOptions = {
  catalog: CatalogService;
  permissions: PermissionsService;
  store: DeploymentStore;
  github: DeploymentGithub;
  config: DeploymentsConfig;
  logger: LoggerService;
  /** What each environment's cluster runs; without it the answer has GitHub's part only. */
  clusterVersions?: ClusterVersions;
  now?: () => Date;
};

/** The component ref in the catalog's one spelling; only components are deployed. */
function normalizeComponentRef(entityRef: string): string {
  const ref = parseEntityRef(entityRef, {
    defaultKind: 'component',
    defaultNamespace: 'default',
  });
  if (ref.kind.toLocaleLowerCase('en-US') !== 'component') {
    throw new InputError(`entityRef: ${entityRef} is not a component`);
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}

/** owner/name of the component's repository, lower case, or why there is none. */
function repositoryOf(
  entity: Entity,
  entityRef: string,
): { repository: string } | { unavailable: string } {
  const slug = entity.metadata.annotations?.[PROJECT_SLUG_ANNOTATION];
  if (!slug) {
    return {
      unavailable: `${entityRef} has no ${PROJECT_SLUG_ANNOTATION} annotation, so the portal does not know its repository`,
    };
  }
  if (!SLUG.test(slug)) {
    return {
      unavailable: `${entityRef} has a ${PROJECT_SLUG_ANNOTATION} annotation that is not owner/name`,
    };
  }
  return { repository: slug.toLocaleLowerCase('en-US') };
}

/** A run with how long it took (or has been running) at `now`. */
function withDuration<
  T extends { status?: string; startedAt?: string; updatedAt?: string },
>(run: T, now: Date): T & { durationSeconds?: number } {
  const duration = runDurationSeconds(
    { ...run, status: run.status ?? 'unknown' },
    now,
  );
  return duration === undefined ? run : { ...run, durationSeconds: duration };
}

/** Deploy, promote and roll back through the service's own workflow; see docs/deployments.md. */
/** The cluster's state with its versions compared to the deployment GitHub recorded. */
function withComparison(
  state: ClusterState | undefined,
  recordedSha: string | undefined,
): ClusterState | undefined {
  if (!state || state.status !== 'running') return state;
  const comparison = compareWithRecorded(
    (state.workloads ?? []).map(w => w.version),
    recordedSha,
  );
  return {
    ...state,
    comparison: comparison.state,
    ...(comparison.state === 'differs' ? { mismatch: comparison.message } : {}),
  };
}

export function createDeploymentService(
  options: DeploymentServiceOptions,
): DeploymentService {
  const { catalog, store, github, config, logger } = options;
  const now = () => options.now?.() ?? new Date();
  const workflowPath = `.github/workflows/${config.workflow}`;

  /** The component as the caller may read it; 404 otherwise. */
  async function componentOf(
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const ref = normalizeComponentRef(entityRef);
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) {
      throw new NotFoundError(`entityRef: ${ref} is not in the catalog`);
    }
    return { ref, entity };
  }

  function toAction(record: ActionRecord): DeploymentAction {
    const { run, ...rest } = record;
    return { ...rest, ...(run ? { run: withDuration(run, now()) } : {}) };
  }

  /**
   * The run of a dispatch GitHub did not report: the oldest `workflow_dispatch` run of the
   * workflow created since the request (less a minute of clock skew) that no other request
   * has taken.
   */
  async function findRun(record: ActionRecord): Promise<ActionRecord> {
    const since = new Date(Date.parse(record.requestedAt) - 60_000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    const runs = await github.dispatchedRuns(
      record.repository!,
      config.workflow,
      since,
    );
    for (const run of runs) {
      if (!(await store.actionByRun(record.repository!, run.id))) {
        const found = {
          id: run.id,
          url: run.url,
          status: run.status,
          conclusion: run.conclusion,
          startedAt: run.startedAt,
          updatedAt: run.updatedAt,
        };
        await store.updateAction(record.id, {
          run: found,
          ...(record.sha ? {} : { sha: run.sha }),
        });
        return { ...record, run: found, sha: record.sha ?? run.sha };
      }
    }
    return record;
  }

  /** Asks GitHub for a run that has not completed, and keeps what it says. */
  async function refreshRun(record: ActionRecord): Promise<ActionRecord> {
    if (!record.repository || record.result !== 'dispatched') return record;
    if (!record.run) {
      try {
        return await findRun(record);
      } catch (error) {
        logger.warn('Could not find the deploy run', {
          actionId: record.id,
          error: String(error),
        });
        return record;
      }
    }
    if (record.run.status === 'completed') return record;
    try {
      const run = await github.getRun(record.repository, record.run.id);
      const updated = {
        id: run.id,
        url: run.url,
        status: run.status,
        conclusion: run.conclusion,
        startedAt: run.startedAt,
        updatedAt: run.updatedAt,
      };
      await store.updateAction(record.id, { run: updated });
      return { ...record, run: updated };
    } catch (error) {
      // the last known status stays on the page; the next poll asks again
      logger.warn('Could not read the deploy run', {
        actionId: record.id,
        runId: record.run.id,
        error: String(error),
      });
      return record;
    }
  }

  return {
    async environments(credentials, entityRef) {
      const { ref, entity } = await componentOf(entityRef, credentials);
      const repo = repositoryOf(entity, ref);
      const history =
        'repository' in repo
          ? await store.recentDeployments(repo.repository)
          : [];
      const component = {
        name: entity.metadata.name,
        kubernetesId:
          entity.metadata.annotations?.[KUBERNETES_ID_ANNOTATION] ??
          entity.metadata.name,
      };
      const clusterStates = await Promise.all(
        config.environments.map(environment =>
          options.clusterVersions?.read(environment.name, component),
        ),
      );
      return {
        entityRef: ref,
        workflow: workflowPath,
        ...repo,
        environments: config.environments.map((environment, index) => {
          const running = runningDeployment(history, environment.name);
          const previous = previousSuccessfulDeployment(
            history,
            environment.name,
          );
          const next = nextEnvironment(config.environments, environment.name);
          const cluster = withComparison(clusterStates[index], running?.sha);
          const strip = (d: typeof running) =>
            d && {
              deploymentId: d.deploymentId,
              sha: d.sha,
              succeededAt: d.succeededAt,
              ...(d.ref ? { ref: d.ref } : {}),
            };
          return {
            ...environment,
            ...(running ? { running: strip(running) } : {}),
            ...(previous ? { previous: strip(previous) } : {}),
            ...(next ? { next: next.name } : {}),
            ...(cluster ? { cluster } : {}),
          };
        }),
      };
    },

    async dispatch(credentials, request) {
      const { ref: entityRef, entity } = await componentOf(
        request.entityRef,
        credentials,
      );
      const actor = credentials.principal.userEntityRef;
      const record: ActionRecord = {
        id: randomUUID(),
        entityRef,
        action: request.action,
        environment: request.environment,
        actor,
        requestedAt: now().toISOString(),
        result: 'pending',
        ...(request.ref ? { ref: request.ref } : {}),
      };
      let recorded = false;
      /** Audits the refusal (or failure) and throws the error the caller gets. */
      const refuse = async (
        error: Error,
        result: 'refused' | 'failed' = 'refused',
      ): Promise<never> => {
        if (recorded) {
          await store.updateAction(record.id, {
            result,
            reason: error.message,
          });
        } else {
          await store.addAction({ ...record, result, reason: error.message });
        }
        logger.info('Deployment request not dispatched', {
          actionId: record.id,
          entityRef,
          action: record.action,
          environment: record.environment,
          actor,
          result,
          reason: error.message,
        });
        throw error;
      };

      // the environment, and for a promotion the one it goes to
      const named = config.environments.find(
        e => e.name === request.environment,
      );
      const known = config.environments.map(e => e.name).join(', ');
      if (!named) {
        return refuse(
          new InputError(
            `environment: ${request.environment} is not one of ${known}`,
          ),
        );
      }
      let target = named;
      if (request.action === 'promote') {
        const next = nextEnvironment(config.environments, named.name);
        if (!next) {
          return refuse(
            new ConflictError(
              `environment: ${named.name} is the last environment; there is nothing to promote it to`,
            ),
          );
        }
        target = next;
        record.environment = next.name;
        record.fromEnvironment = named.name;
      }
      if (request.action === 'deploy' && !request.ref) {
        return refuse(new InputError('ref: is required to deploy'));
      }
      if (request.action !== 'deploy' && request.ref) {
        return refuse(
          new InputError(
            `ref: only a deploy takes a ref; a ${request.action} deploys what the history says`,
          ),
        );
      }

      const permission = dispatchPermissionFor(target);
      const [decision] = await options.permissions.authorize(
        [{ permission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        return refuse(
          new NotAllowedError(
            target.production
              ? `You may not deploy ${entityRef} to ${target.name}: production needs membership of the owning team or of a production approver group (${permission.name})`
              : `You may not deploy ${entityRef} to ${target.name}: it needs membership of the owning team (${permission.name})`,
          ),
        );
      }

      const repo = repositoryOf(entity, entityRef);
      if (!('repository' in repo)) {
        return refuse(new ConflictError(`entityRef: ${repo.unavailable}`));
      }
      const { repository } = repo;
      record.repository = repository;

      // what to deploy
      if (request.action !== 'deploy') {
        const history = await store.recentDeployments(repository);
        const source =
          request.action === 'promote'
            ? runningDeployment(history, named.name)
            : previousSuccessfulDeployment(history, named.name);
        if (!source) {
          return refuse(
            new ConflictError(
              request.action === 'promote'
                ? `environment: no successful deployment of ${repository} to ${named.name} is known, so there is nothing to promote`
                : `environment: ${named.name} has no earlier successful deployment of another commit to roll back to`,
            ),
          );
        }
        record.ref = source.sha;
        record.sha = source.sha;
      } else if (COMMIT_SHA.test(request.ref!)) {
        record.sha = request.ref!.toLowerCase();
      }
      const ref = record.ref!;
      // GitHub runs a workflow from a branch or a tag: a commit is deployed by the workflow of
      // the configured branch, a branch or tag by the workflow as it is at that ref
      const workflowRef = COMMIT_SHA.test(ref) ? config.workflowBranch : ref;

      // the workflow, and the inputs it accepts, before anything is dispatched
      let text: string | undefined;
      try {
        text = await github.readFile(repository, workflowPath, workflowRef);
      } catch (error) {
        return refuse(
          new ServiceUnavailableError(
            `GitHub did not give ${workflowPath} of ${repository}: ${
              (error as Error).message
            }`,
          ),
          'failed',
        );
      }
      if (text === undefined) {
        return refuse(
          new ConflictError(
            `workflow: ${workflowPath} is not in ${repository} at ${workflowRef}`,
          ),
        );
      }
      let definition: unknown;
      try {
        definition = parse(text);
      } catch {
        return refuse(
          new ConflictError(
            `workflow: ${workflowPath} of ${repository} is not valid YAML`,
          ),
        );
      }
      const problem = workflowInputProblem(definition, target.name);
      if (problem) {
        return refuse(
          new ConflictError(
            `workflow: ${workflowPath} of ${repository} ${problem}`,
          ),
        );
      }

      await store.addAction(record);
      recorded = true;
      let dispatched: { runId?: number; url?: string };
      try {
        dispatched = await github.dispatch(repository, config.workflow, {
          ref: workflowRef,
          inputs: { environment: target.name, ref },
        });
      } catch (error) {
        const answer = error as GithubAnswerError;
        if (answer.status === 422 && /^No ref found/.test(answer.message)) {
          return refuse(
            new InputError(`ref: no branch or tag ${ref} in ${repository}`),
          );
        }
        if (answer.status === 422) {
          return refuse(
            new ConflictError(
              `workflow: GitHub refused to dispatch ${workflowPath} of ${repository}: ${answer.message}`,
            ),
          );
        }
        if (answer.status === 404) {
          return refuse(
            new ConflictError(
              `workflow: GitHub does not know ${workflowPath} in ${repository}, or the portal's GitHub connection may not dispatch it`,
            ),
          );
        }
        return refuse(
          new ServiceUnavailableError(
            `GitHub did not take the dispatch of ${workflowPath} of ${repository}: ${answer.message}`,
          ),
          'failed',
        );
      }

      let run: ActionRecord['run'];
      let sha = record.sha;
      if (dispatched.runId !== undefined) {
        run = { id: dispatched.runId, url: dispatched.url ?? '' };
        try {
          const found = await github.getRun(repository, dispatched.runId);
          run = {
            id: found.id,
            url: found.url,
            status: found.status,
            conclusion: found.conclusion,
            startedAt: found.startedAt,
            updatedAt: found.updatedAt,
          };
          // a branch or tag ran as its commit: the commit deployed
          if (!sha) sha = found.sha;
        } catch {
          // the run is read again at the next poll
        }
      }
      await store.updateAction(record.id, {
        result: 'dispatched',
        ...(sha ? { sha } : {}),
        ...(run ? { run } : {}),
      });
      logger.info('Deploy workflow dispatched', {
        actionId: record.id,
        entityRef,
        action: record.action,
        environment: target.name,
        ref,
        sha,
        actor,
        runId: run?.id,
      });
      return toAction({
        ...record,
        result: 'dispatched',
        ...(sha ? { sha } : {}),
        ...(run ? { run } : {}),
      });
    },

    async getAction(credentials, id) {
      const record = await store.getAction(id);
      // a request on a component the caller may not read is not found either
      if (
        !record ||
        !(await catalog.getEntityByRef(record.entityRef, { credentials }))
      ) {
        throw new NotFoundError(`id: no deployment request ${id}`);
      }
      return toAction(await refreshRun(record));
    },

    async listActions(credentials, entityRef, limit) {
      const { ref } = await componentOf(entityRef, credentials);
      return (await store.listActions(ref, limit)).map(toAction);
    },

    async listRuns(credentials, entityRef, limit) {
      const { ref, entity } = await componentOf(entityRef, credentials);
      const repo = repositoryOf(entity, ref);
      if (!('repository' in repo)) {
        return { entityRef: ref, unavailable: repo.unavailable, items: [] };
      }
      let runs: GithubRun[];
      try {
        runs = await github.listRuns(repo.repository, limit);
      } catch (error) {
        const answer = error as GithubAnswerError;
        if (answer.status === 404) {
          return {
            entityRef: ref,
            repository: repo.repository,
            unavailable: `GitHub does not know ${repo.repository}, or the portal's GitHub connection may not read it`,
            items: [],
          };
        }
        throw new ServiceUnavailableError(
          `GitHub did not list the runs of ${repo.repository}: ${answer.message}`,
        );
      }
      const at = now();
      return {
        entityRef: ref,
        repository: repo.repository,
        items: runs.map(run => withDuration(run, at)),
      };
    },
  };
}
