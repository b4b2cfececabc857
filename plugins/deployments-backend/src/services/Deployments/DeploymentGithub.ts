import { Octokit } from '@octokit/rest';

/** A workflow run, as the routes answer it. */
export type GithubRun = {
  id: number;
  name: string;
  status: string;
  conclusion?: string;
  branch?: string;
  sha: string;
  event: string;
  url: string;
  startedAt?: string;
  updatedAt?: string;
};

/** A refusal or failure of GitHub, with its status (0 when GitHub was not reached). */
export class GithubAnswerError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'GithubAnswerError';
  }
}

/** What the deployments plugin asks GitHub, for one repository (`owner/name`). */
export interface DeploymentGithub {
  /** The text of a file at a ref, or `undefined` when there is no such file. */
  readFile(
    repository: string,
    path: string,
    ref: string,
  ): Promise<string | undefined>;
  /** Dispatches a workflow; the run when GitHub reports it (`return_run_details`). */
  dispatch(
    repository: string,
    workflowFile: string,
    request: { ref: string; inputs: Record<string, string> },
  ): Promise<{ runId?: number; url?: string }>;
  getRun(repository: string, runId: number): Promise<GithubRun>;
  /**
   * The workflow's `workflow_dispatch` runs created at or after `since`, oldest first: where
   * a dispatch's run is found when GitHub did not report it (an answer without run details).
   */
  dispatchedRuns(
    repository: string,
    workflowFile: string,
    since: string,
  ): Promise<GithubRun[]>;
  listRuns(repository: string, limit: number): Promise<GithubRun[]>;
}

type RestRun = Awaited<
  ReturnType<Octokit['rest']['actions']['getWorkflowRun']>
>['data'];

export function toGithubRun(run: RestRun): GithubRun {
  const optional = {
    conclusion: run.conclusion ?? undefined,
    branch: run.head_branch ?? undefined,
    startedAt: run.run_started_at ?? undefined,
    updatedAt: run.updated_at ?? undefined,
  };
  return {
    id: run.id,
    name: run.display_title || run.name || `Run ${run.run_number}`,
    status: run.status ?? 'unknown',
    sha: run.head_sha,
    event: run.event,
    url: run.html_url,
    ...Object.fromEntries(
      Object.entries(optional).filter(([, v]) => v !== undefined),
    ),
  };
}

/** Octokit's RequestError (and network errors) as a GithubAnswerError. */
function answerError(error: unknown): GithubAnswerError {
  const e = error as {
    status?: number;
    message?: string;
    response?: { data?: { message?: string } };
  };
  const status = typeof e?.status === 'number' ? e.status : 0;
  const message =
    e?.response?.data?.message ?? e?.message ?? 'no answer from GitHub';
  return new GithubAnswerError(status, message);
}

function split(repository: string) {
  const [owner, repo] = repository.split('/');
  return { owner, repo };
}

/**
 * {@link DeploymentGithub} through the portal's one GitHub connection: `octokitFor` gives the
 * integration's Octokit for a repository URL (see @internal/github-octokit).
 */
export function createDeploymentGithub(options: {
  host: string;
  octokitFor: (url: string) => Octokit;
}): DeploymentGithub {
  const octokit = (repository: string) =>
    options.octokitFor(`https://${options.host}/${repository}`);
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw answerError(error);
    }
  };

  return {
    async readFile(repository, path, ref) {
      try {
        const { data } = await octokit(repository).rest.repos.getContent({
          ...split(repository),
          path,
          ref,
        });
        if (Array.isArray(data) || data.type !== 'file') return undefined;
        const file = data as { content?: string; encoding?: string };
        return Buffer.from(
          file.content ?? '',
          file.encoding === 'base64' ? 'base64' : 'utf8',
        ).toString('utf8');
      } catch (error) {
        if ((error as { status?: number })?.status === 404) return undefined;
        throw answerError(error);
      }
    },

    async dispatch(repository, workflowFile, request) {
      const { data, status } = await call(() =>
        octokit(repository).request(
          'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
          {
            ...split(repository),
            workflow_id: workflowFile,
            ref: request.ref,
            inputs: request.inputs,
            // GitHub answers 200 with the run instead of 204 without it
            return_run_details: true,
          },
        ),
      );
      const details = (status as number) === 200 ? (data as any) : undefined;
      return typeof details?.workflow_run_id === 'number'
        ? { runId: details.workflow_run_id, url: details.html_url }
        : {};
    },

    async getRun(repository, runId) {
      const { data } = await call(() =>
        octokit(repository).rest.actions.getWorkflowRun({
          ...split(repository),
          run_id: runId,
        }),
      );
      return toGithubRun(data);
    },

    async dispatchedRuns(repository, workflowFile, since) {
      const { data } = await call(() =>
        octokit(repository).rest.actions.listWorkflowRuns({
          ...split(repository),
          workflow_id: workflowFile,
          event: 'workflow_dispatch',
          created: `>=${since}`,
          per_page: 100,
        }),
      );
      return data.workflow_runs
        .map(run => ({ run, created: run.created_at }))
        .sort((a, b) =>
          a.created === b.created
            ? a.run.id - b.run.id
            : a.created.localeCompare(b.created),
        )
        .map(({ run }) => toGithubRun(run));
    },

    async listRuns(repository, limit) {
      const { data } = await call(() =>
        octokit(repository).rest.actions.listWorkflowRunsForRepo({
          ...split(repository),
          per_page: limit,
        }),
      );
      return data.workflow_runs.map(toGithubRun);
    },
  };
}
