import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parse } from 'yaml';
import { GithubStandIn } from './GithubStandIn';
import { githubExample } from './openapi';
import {
  GithubOrganization,
  restRepository,
  StandInRepository,
} from './organization';
import { webhookExample, webhookHeaders } from './webhooks';

export type WorkflowRunStatus =
  | 'requested'
  | 'queued'
  | 'pending'
  | 'waiting'
  | 'in_progress'
  | 'completed';

export type WorkflowRunConclusion =
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'skipped'
  | 'neutral'
  | 'timed_out'
  | 'action_required'
  | 'stale';

/** A workflow file of a repository, as read from `.github/workflows/*.y(a)ml`. */
export type StandInWorkflow = {
  id: number;
  name: string;
  path: string;
  /** The parsed file; `undefined` when it is not valid YAML. */
  definition: any;
};

/** A workflow run the stand-in holds (dispatched or seeded); tests may read it freely. */
export type StandInWorkflowRun = {
  id: number;
  owner: string;
  repo: string;
  workflowId: number;
  workflowPath: string;
  workflowName: string;
  runNumber: number;
  event: string;
  headBranch: string | null;
  headSha: string;
  displayTitle: string;
  status: WorkflowRunStatus;
  conclusion: WorkflowRunConclusion | null;
  actor: string;
  triggeringActor: string;
  /** ISO timestamps. */
  createdAt: string;
  updatedAt: string;
  runStartedAt: string;
  /** The inputs the run got (defaults applied), for `workflow_dispatch` runs. */
  inputs?: Record<string, string>;
};

/** A past run to seed, e.g. CI on pushes, so lists of recent runs have something to show. */
export type SeedWorkflowRun = {
  /** The workflow: its file name (`ci.yaml`), path or numeric id. */
  workflow: string | number;
  /** Default `push`. */
  event?: string;
  /** Default the repository's default branch. */
  branch?: string;
  /** Default the head of `branch` (or a SHA derived from the run). */
  headSha?: string;
  /** Default `completed`. */
  status?: WorkflowRunStatus;
  /** Default `success` when completed, else `null`. */
  conclusion?: WorkflowRunConclusion | null;
  /** Default now. */
  createdAt?: string | Date;
  /** Time from creation to the last update (completion); default 0. */
  durationSeconds?: number;
  /** Default the workflow's name. */
  displayTitle?: string;
  /** Default `octocat`. */
  actor?: string;
};

/** A `POST .../dispatches` the stand-in accepted. */
export type WorkflowDispatch = {
  owner: string;
  repo: string;
  workflowId: number;
  workflowPath: string;
  /** The `ref` as sent. */
  ref: string;
  headBranch: string;
  headSha: string;
  /** The inputs as sent. */
  inputs: Record<string, unknown>;
  /** The inputs the run got: as sent (as strings), defaults filled in. */
  resolvedInputs: Record<string, string>;
  /** Login of the caller (see `ActionsOptions.actor`). */
  actor: string;
  /** The `Authorization` header of the request. */
  authorization?: string;
  runId: number;
  at: string;
};

/** Runs move on by themselves: queued → in_progress → completed. */
export type RunSchedule = {
  /** Default 0. */
  inProgressAfterMs?: number;
  completeAfterMs: number;
  /** Default `success`. */
  conclusion?: WorkflowRunConclusion;
};

export type ActionsOptions = {
  /** Who a dispatch is made by, from the request's `Authorization` header; default `octocat`. */
  actor?: string | ((authorization: string | undefined) => string);
  /** Makes dispatched runs progress and complete on their own (default: they stay queued). */
  autoComplete?: RunSchedule;
  /** Delivers `workflow_run` webhooks (requested, in_progress, completed), signed. */
  webhooks?: { url: string; secret: string };
};

const API = 'https://api.github.com';
const DOCS = 'https://docs.github.com/rest/actions/workflows';
const DISPATCH_DOCS = `${DOCS}#create-a-workflow-dispatch-event`;
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const hashId = (text: string) => parseInt(sha1(text).slice(0, 7), 16);
const NOT_FOUND = {
  status: 404,
  body: {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
  },
};
const unprocessable = (message: string) => ({
  status: 422,
  body: { message, documentation_url: DISPATCH_DOCS },
});
const defaultConclusion = (status: WorkflowRunStatus) =>
  status === 'completed' ? 'success' : null;

const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;

/** The triggers of a workflow's `on:` as a map (a string or a list means no configuration). */
function triggers(definition: any): Record<string, any> {
  const on = definition?.on;
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) {
    return Object.fromEntries(on.map(event => [String(event), null]));
  }
  return on && typeof on === 'object' ? on : {};
}

/** `${{ inputs.x }}`, `${{ github.event.inputs.x }}`, `${{ github.actor }}`, `${{ github.ref_name }}`. */
function expand(
  template: string,
  context: { inputs: Record<string, string>; actor: string; refName: string },
) {
  return template.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name) => {
    const input = /^(?:github\.event\.)?inputs\.([\w-]+)$/.exec(name);
    if (input) return context.inputs[input[1]] ?? '';
    if (name === 'github.actor' || name === 'github.triggering_actor') {
      return context.actor;
    }
    if (name === 'github.ref_name') return context.refName;
    return whole;
  });
}

/**
 * A `created` filter of GitHub's search syntax (`2026-01-01`, `>=2026-01-01`, `<2026-01-02T10:00:00Z`,
 * `2026-01-01..2026-01-31`, `*..2026-01-31`) as a predicate; `undefined` when it does not parse.
 */
export function createdFilter(
  query: string,
): ((iso: string) => boolean) | undefined {
  const time = (text: string, end: boolean) => {
    if (text === '*') return end ? Infinity : -Infinity;
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
    const at = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
    if (!/^\d{4}-\d{2}-\d{2}/.test(text) || !Number.isFinite(at)) {
      return undefined;
    }
    // A day as an upper bound includes the whole day.
    return dateOnly && end ? at + 86_400_000 - 1 : at;
  };
  const range = /^(.+)\.\.(.+)$/.exec(query);
  if (range) {
    const from = time(range[1], false);
    const to = time(range[2], true);
    if (from === undefined || to === undefined) return undefined;
    return iso => Date.parse(iso) >= from && Date.parse(iso) <= to;
  }
  const compare = /^(>=|<=|>|<)(.+)$/.exec(query);
  if (compare) {
    const [, op, text] = compare;
    const bound = time(text, op === '>' || op === '<=');
    if (bound === undefined || !Number.isFinite(bound)) return undefined;
    return iso => {
      const t = Date.parse(iso);
      if (op === '>=') return t >= bound;
      if (op === '>') return t > bound;
      if (op === '<=') return t <= bound;
      return t < bound;
    };
  }
  const from = time(query, false);
  const to = time(query, true);
  if (from === undefined || to === undefined || !Number.isFinite(from)) {
    return undefined;
  }
  return iso => Date.parse(iso) >= from && Date.parse(iso) <= to;
}

/**
 * GitHub Actions on the stand-in's organisations: the workflows found in each repository's
 * `.github/workflows/*.y(a)ml` (default branch), dispatches, and runs, plus the controls a
 * test needs to move runs along and to seed past ones. Made by `serveActions`.
 */
export class GithubActions {
  readonly runs: StandInWorkflowRun[] = [];
  readonly dispatches: WorkflowDispatch[] = [];
  /** Webhook deliveries made: event action, run id, and the receiver's status (0: not reached). */
  readonly deliveries: Array<{
    action: string;
    runId: number;
    status: number;
  }> = [];
  autoComplete?: RunSchedule;
  private nextRunId = 4_200_001;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly standIn: GithubStandIn,
    private readonly organizations: GithubOrganization[],
    private readonly options: ActionsOptions = {},
  ) {
    this.autoComplete = options.autoComplete;
  }

  /** The repository, if an organisation of the stand-in has it. */
  repository(owner: string, repo: string) {
    const org = this.organizations.find(
      o => o.login.toLowerCase() === owner.toLowerCase(),
    );
    const r = org?.repository(repo);
    return org && r ? { org, r } : undefined;
  }

  /** The workflows of a repository, in path order. */
  workflows(owner: string, repo: string): StandInWorkflow[] {
    const found = this.repository(owner, repo);
    if (!found) return [];
    return Object.entries(found.r.files ?? {})
      .filter(([path]) => WORKFLOW_FILE.test(path))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, text]) => {
        let definition: any;
        try {
          definition = parse(text);
        } catch {
          definition = undefined;
        }
        const name =
          typeof definition?.name === 'string' ? definition.name : path;
        return {
          id: hashId(`${found.org.login}/${found.r.name}/${path}`),
          name,
          path,
          definition,
        };
      });
  }

  /** A workflow by numeric id or file name, as GitHub's `workflow_id` accepts. */
  workflow(owner: string, repo: string, workflowId: string | number) {
    const key = String(workflowId);
    return this.workflows(owner, repo).find(
      w =>
        String(w.id) === key ||
        w.path.split('/').pop() === key ||
        w.path === key,
    );
  }

  run(runId: number) {
    return this.runs.find(r => r.id === runId);
  }

  /**
   * Moves a run on (`in_progress`, `completed` with a conclusion, default `success`), delivering
   * the `workflow_run` webhook when configured.
   */
  progressRun(
    runId: number,
    status: WorkflowRunStatus,
    conclusion?: WorkflowRunConclusion,
  ): StandInWorkflowRun {
    const run = this.run(runId);
    if (!run) throw new Error(`no workflow run ${runId}`);
    const now = new Date().toISOString();
    run.status = status;
    run.conclusion = status === 'completed' ? conclusion ?? 'success' : null;
    run.updatedAt = now;
    if (status === 'in_progress') run.runStartedAt = now;
    if (status === 'in_progress' || status === 'completed') {
      this.deliver(status, run);
    }
    return run;
  }

  /** Adds a past run (CI on a push, a deployment…) of a workflow the repository has. */
  seedRun(owner: string, repo: string, seed: SeedWorkflowRun) {
    const found = this.repository(owner, repo);
    const workflow = this.workflow(owner, repo, seed.workflow);
    if (!found || !workflow) {
      throw new Error(`no workflow ${seed.workflow} in ${owner}/${repo}`);
    }
    const created = new Date(seed.createdAt ?? Date.now());
    const updated = new Date(
      created.getTime() + (seed.durationSeconds ?? 0) * 1000,
    );
    const branch = seed.branch ?? found.r.defaultBranch ?? 'main';
    const status = seed.status ?? 'completed';
    return this.addRun({
      owner: found.org.login,
      repo: found.r.name,
      workflow,
      event: seed.event ?? 'push',
      headBranch: branch,
      headSha:
        seed.headSha ??
        this.resolveRef(found.org.login, found.r, branch)?.sha ??
        sha1(`${owner}/${repo}@${created.toISOString()}`),
      displayTitle: seed.displayTitle ?? workflow.name,
      status,
      conclusion:
        seed.conclusion !== undefined
          ? seed.conclusion
          : defaultConclusion(status),
      actor: seed.actor ?? 'octocat',
      createdAt: created.toISOString(),
      updatedAt: updated.toISOString(),
    });
  }

  /** Resolves until every webhook delivery started so far has been answered. */
  async settled() {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** Branch or tag (also as `refs/heads/…`, `refs/tags/…`) → branch name and SHA. */
  resolveRef(owner: string, r: StandInRepository, ref: string) {
    const defaultBranch = r.defaultBranch ?? 'main';
    const branches: Record<string, string> = {
      [defaultBranch]: sha1(JSON.stringify(r.files ?? {})),
      ...r.branches,
    };
    const tags = r.tags ?? {};
    const fromGit = (full: string) => {
      const dir = this.standIn.git?.path(owner, r.name);
      if (!dir || !existsSync(dir) || full.startsWith('-')) return undefined;
      try {
        return execFileSync(
          'git',
          ['rev-parse', '--verify', '--quiet', `${full}^{commit}`],
          { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] },
        )
          .toString()
          .trim();
      } catch {
        return undefined;
      }
    };
    const branch = (name: string) => {
      const at = fromGit(`refs/heads/${name}`) ?? branches[name];
      return at ? { name, sha: at } : undefined;
    };
    const tag = (name: string) => {
      const at = fromGit(`refs/tags/${name}`) ?? tags[name];
      return at ? { name, sha: at } : undefined;
    };
    if (ref.startsWith('refs/heads/')) return branch(ref.slice(11));
    if (ref.startsWith('refs/tags/')) return tag(ref.slice(10));
    return branch(ref) ?? tag(ref);
  }

  /** `POST .../dispatches`: GitHub's checks, in GitHub's order, then a queued run. */
  dispatch(
    owner: string,
    repo: string,
    workflowId: string,
    request: any,
    authorization: string | undefined,
  ) {
    // Octokit sends no body at all when no parameter goes into it.
    const body = request ?? {};
    const found = this.repository(owner, repo);
    const workflow = found && this.workflow(owner, repo, workflowId);
    if (!found || !workflow) return NOT_FOUND;
    if (typeof body !== 'object' || Array.isArray(body)) {
      return unprocessable(
        'Invalid request.\n\nInvalid input: object is required.',
      );
    }
    if (body.ref === undefined) {
      return unprocessable('Invalid request.\n\n"ref" wasn\'t supplied.');
    }
    if (typeof body.ref !== 'string') {
      return unprocessable(
        `Invalid request.\n\nFor 'properties/ref', ${JSON.stringify(
          body.ref,
        )} is not a string.`,
      );
    }
    const sent = body.inputs ?? {};
    if (typeof sent !== 'object' || Array.isArray(sent)) {
      return unprocessable(
        `Invalid request.\n\nFor 'properties/inputs', ${JSON.stringify(
          sent,
        )} is not an object.`,
      );
    }
    if (Object.keys(sent).length > 25) {
      return unprocessable(
        "Invalid request.\n\nFor 'properties/inputs', the object has more than 25 properties.",
      );
    }
    for (const [key, value] of Object.entries(sent)) {
      if (!['string', 'number', 'boolean'].includes(typeof value)) {
        return unprocessable(
          `Invalid request.\n\nFor 'properties/${key}', ${JSON.stringify(
            value,
          )} is not a string.`,
        );
      }
    }
    if (
      body.return_run_details !== undefined &&
      typeof body.return_run_details !== 'boolean'
    ) {
      return unprocessable(
        `Invalid request.\n\nFor 'properties/return_run_details', ${JSON.stringify(
          body.return_run_details,
        )} is not a boolean.`,
      );
    }
    const head = this.resolveRef(found.org.login, found.r, body.ref);
    if (!head) return unprocessable(`No ref found for: ${body.ref}`);
    const on = triggers(workflow.definition);
    if (!('workflow_dispatch' in on)) {
      return unprocessable(
        "Workflow does not have 'workflow_dispatch' trigger",
      );
    }
    const declared: Record<string, any> = on.workflow_dispatch?.inputs ?? {};
    const unexpected = Object.keys(sent).filter(key => !(key in declared));
    if (unexpected.length) {
      return unprocessable(
        `Unexpected inputs provided: ${JSON.stringify(unexpected)}`,
      );
    }
    const inputs: Record<string, string> = {};
    for (const [name, spec] of Object.entries(declared)) {
      const given = sent[name];
      let value: string | undefined;
      if (given !== undefined && given !== '') value = String(given);
      else if (spec?.default !== undefined && spec?.default !== null) {
        value = String(spec.default);
      }
      if (value === undefined) {
        if (spec?.required === true) {
          return unprocessable(`Required input '${name}' not provided`);
        }
        continue;
      }
      let allowed: string[] | undefined;
      if (spec?.type === 'choice') allowed = (spec.options ?? []).map(String);
      if (spec?.type === 'boolean') allowed = ['true', 'false'];
      if (allowed && !allowed.includes(value)) {
        return unprocessable(
          `Provided value '${value}' for input '${name}' not in the list of allowed values`,
        );
      }
      inputs[name] = value;
    }
    const actor =
      typeof this.options.actor === 'function'
        ? this.options.actor(authorization)
        : this.options.actor ?? 'octocat';
    const runName = workflow.definition?.['run-name'];
    const now = new Date().toISOString();
    const run = this.addRun({
      owner: found.org.login,
      repo: found.r.name,
      workflow,
      event: 'workflow_dispatch',
      headBranch: head.name,
      headSha: head.sha,
      displayTitle:
        typeof runName === 'string'
          ? expand(runName, { inputs, actor, refName: head.name })
          : workflow.name,
      status: 'queued',
      conclusion: null,
      actor,
      createdAt: now,
      updatedAt: now,
      inputs,
    });
    this.dispatches.push({
      owner: found.org.login,
      repo: found.r.name,
      workflowId: workflow.id,
      workflowPath: workflow.path,
      ref: body.ref,
      headBranch: head.name,
      headSha: head.sha,
      inputs: sent,
      resolvedInputs: inputs,
      actor,
      ...(authorization ? { authorization } : {}),
      runId: run.id,
      at: now,
    });
    this.deliver('requested', run);
    this.schedule(run);
    if (body.return_run_details === true) {
      const url = `${API}/repos/${run.owner}/${run.repo}/actions/runs/${run.id}`;
      return {
        status: 200,
        body: {
          workflow_run_id: run.id,
          run_url: url,
          html_url: `https://github.com/${run.owner}/${run.repo}/actions/runs/${run.id}`,
        },
      };
    }
    return { status: 204, body: undefined };
  }

  /** A run as GitHub's REST API answers it (`workflow-run`). */
  restRun(run: StandInWorkflowRun) {
    const found = this.repository(run.owner, run.repo)!;
    const base = githubExample('workflow-run');
    const runUrl = `${API}/repos/${run.owner}/${run.repo}/actions/runs/${run.id}`;
    const user = (login: string) => ({
      ...base.actor,
      login,
      id: hashId(`user/${login}`),
      node_id: `U_${sha1(login).slice(0, 12)}`,
      avatar_url: `https://avatars.githubusercontent.com/${login}`,
      url: `${API}/users/${login}`,
      html_url: `https://github.com/${login}`,
    });
    const repository = restRepository(found.org, found.r);
    return {
      ...base,
      id: run.id,
      name: run.workflowName,
      node_id: `WFR_${sha1(String(run.id)).slice(0, 12)}`,
      check_suite_id: run.id + 1,
      check_suite_node_id: `CS_${sha1(`cs${run.id}`).slice(0, 12)}`,
      head_branch: run.headBranch,
      head_sha: run.headSha,
      path: run.workflowPath,
      run_number: run.runNumber,
      event: run.event,
      display_title: run.displayTitle,
      status: run.status,
      conclusion: run.conclusion,
      workflow_id: run.workflowId,
      url: runUrl,
      html_url: `https://github.com/${run.owner}/${run.repo}/actions/runs/${run.id}`,
      pull_requests: [],
      created_at: run.createdAt,
      updated_at: run.updatedAt,
      actor: user(run.actor),
      triggering_actor: user(run.triggeringActor),
      run_attempt: 1,
      referenced_workflows: [],
      run_started_at: run.runStartedAt,
      jobs_url: `${runUrl}/jobs`,
      logs_url: `${runUrl}/logs`,
      check_suite_url: `${API}/repos/${run.owner}/${run.repo}/check-suites/${
        run.id + 1
      }`,
      artifacts_url: `${runUrl}/artifacts`,
      cancel_url: `${runUrl}/cancel`,
      rerun_url: `${runUrl}/rerun`,
      previous_attempt_url: null,
      workflow_url: `${API}/repos/${run.owner}/${run.repo}/actions/workflows/${run.workflowId}`,
      head_commit: {
        ...base.head_commit,
        id: run.headSha,
        tree_id: sha1(`tree ${run.headSha}`),
        message: run.displayTitle,
        timestamp: run.createdAt,
      },
      repository,
      head_repository: repository,
    };
  }

  /** A workflow as GitHub's REST API answers it (`workflow`). */
  restWorkflow(owner: string, repo: string, workflow: StandInWorkflow) {
    const found = this.repository(owner, repo)!;
    const full = `${found.org.login}/${found.r.name}`;
    return {
      id: workflow.id,
      node_id: `W_${sha1(`${full}/${workflow.path}`).slice(0, 12)}`,
      name: workflow.name,
      path: workflow.path,
      state: 'active',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      url: `${API}/repos/${full}/actions/workflows/${workflow.id}`,
      html_url: `https://github.com/${full}/blob/${
        found.r.defaultBranch ?? 'main'
      }/${workflow.path}`,
      badge_url: `https://github.com/${full}/workflows/${encodeURIComponent(
        workflow.name,
      )}/badge.svg`,
    };
  }

  /** The runs of a repository (optionally of one workflow), filtered as GitHub's query says. */
  listRuns(
    base: string,
    owner: string,
    repo: string,
    url: URL,
    workflowId?: number,
  ) {
    const q = url.searchParams;
    const created = q.get('created');
    const createdMatch = created === null ? () => true : createdFilter(created);
    if (!createdMatch) {
      return validationFailed('created', created!);
    }
    const paging = page(q);
    if (!paging) return validationFailed('per_page', q.get('per_page')!);
    const found = this.repository(owner, repo)!;
    const runs = this.runs
      .filter(
        r =>
          r.owner === found.org.login &&
          r.repo === found.r.name &&
          (workflowId === undefined || r.workflowId === workflowId) &&
          (!q.get('branch') || r.headBranch === q.get('branch')) &&
          (!q.get('event') || r.event === q.get('event')) &&
          (!q.get('actor') || r.actor === q.get('actor')) &&
          (!q.get('head_sha') || r.headSha === q.get('head_sha')) &&
          (!q.get('status') ||
            r.status === q.get('status') ||
            r.conclusion === q.get('status')) &&
          createdMatch(r.createdAt),
      )
      .sort(
        (a, b) =>
          Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id,
      );
    return paginated(base, url, paging, runs.length, {
      total_count: runs.length,
      workflow_runs: runs
        .slice((paging.page - 1) * paging.perPage, paging.page * paging.perPage)
        .map(r => this.restRun(r)),
    });
  }

  private addRun(spec: {
    owner: string;
    repo: string;
    workflow: StandInWorkflow;
    event: string;
    headBranch: string;
    headSha: string;
    displayTitle: string;
    status: WorkflowRunStatus;
    conclusion: WorkflowRunConclusion | null;
    actor: string;
    createdAt: string;
    updatedAt: string;
    inputs?: Record<string, string>;
  }) {
    const run: StandInWorkflowRun = {
      id: this.nextRunId++,
      owner: spec.owner,
      repo: spec.repo,
      workflowId: spec.workflow.id,
      workflowPath: spec.workflow.path,
      workflowName: spec.workflow.name,
      runNumber:
        this.runs.filter(r => r.workflowId === spec.workflow.id).length + 1,
      event: spec.event,
      headBranch: spec.headBranch,
      headSha: spec.headSha,
      displayTitle: spec.displayTitle,
      status: spec.status,
      conclusion: spec.conclusion,
      actor: spec.actor,
      triggeringActor: spec.actor,
      createdAt: spec.createdAt,
      updatedAt: spec.updatedAt,
      runStartedAt: spec.createdAt,
      ...(spec.inputs ? { inputs: spec.inputs } : {}),
    };
    this.runs.push(run);
    return run;
  }

  private schedule(run: StandInWorkflowRun) {
    const plan = this.autoComplete;
    if (!plan) return;
    const later = (ms: number, step: () => void) =>
      setTimeout(step, Math.max(0, ms)).unref();
    later(plan.inProgressAfterMs ?? 0, () => {
      if (run.status === 'queued') this.progressRun(run.id, 'in_progress');
    });
    later(plan.completeAfterMs, () => {
      if (run.status !== 'completed') {
        this.progressRun(run.id, 'completed', plan.conclusion ?? 'success');
      }
    });
  }

  private deliver(action: string, run: StandInWorkflowRun) {
    const target = this.options.webhooks;
    if (!target) return;
    const found = this.repository(run.owner, run.repo)!;
    const payload = webhookExample(
      'workflow_run',
      p => p.action === (action === 'completed' ? 'completed' : 'requested'),
    );
    const restRun = this.restRun(run);
    payload.action = action;
    payload.workflow_run = { ...payload.workflow_run, ...restRun };
    payload.workflow = {
      ...payload.workflow,
      ...this.restWorkflow(run.owner, run.repo, {
        id: run.workflowId,
        name: run.workflowName,
        path: run.workflowPath,
        definition: undefined,
      }),
    };
    payload.repository = {
      ...payload.repository,
      ...restRepository(found.org, found.r),
    };
    payload.sender = restRun.triggering_actor;
    if (payload.organization) {
      payload.organization = {
        ...payload.organization,
        login: found.org.login,
      };
    }
    const body = JSON.stringify(payload);
    const entry = { action, runId: run.id, status: 0 };
    this.deliveries.push(entry);
    const delivery = fetch(target.url, {
      method: 'POST',
      headers: webhookHeaders(
        'workflow_run',
        body,
        target.secret,
        randomUUID(),
      ),
      body,
    })
      .then(res => {
        entry.status = res.status;
      })
      .catch(() => undefined)
      .finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }
}

function validationFailed(field: string, value: string) {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'WorkflowRun',
          field,
          code: 'invalid',
          value,
        },
      ],
      documentation_url: `${DOCS}`,
    },
  };
}

/** `per_page` (1–100, default 30) and `page` (default 1); `undefined` when not numbers. */
function page(q: URLSearchParams) {
  const perPage = Number(q.get('per_page') ?? '30');
  const at = Number(q.get('page') ?? '1');
  if (!Number.isInteger(perPage) || !Number.isInteger(at)) return undefined;
  return {
    perPage: Math.min(100, Math.max(1, perPage)),
    page: Math.max(1, at),
  };
}

/** A `{ total_count, … }` page with GitHub's `Link` header. */
function paginated(
  base: string,
  url: URL,
  paging: { perPage: number; page: number },
  total: number,
  body: unknown,
) {
  const last = Math.max(1, Math.ceil(total / paging.perPage));
  const link = (p: number, rel: string) => {
    const next = new URL(url.toString());
    next.searchParams.set('page', String(p));
    return `<${base}${next.pathname}${next.search}>; rel="${rel}"`;
  };
  const links = [
    ...(paging.page < last
      ? [link(paging.page + 1, 'next'), link(last, 'last')]
      : []),
    ...(paging.page > 1
      ? [link(1, 'first'), link(paging.page - 1, 'prev')]
      : []),
  ];
  return {
    status: 200,
    body,
    ...(links.length ? { headers: { link: links.join(', ') } } : {}),
  };
}

/**
 * Serves GitHub Actions for the organisations' repositories: workflows (from
 * `.github/workflows/*.y(a)ml` on the default branch), workflow dispatches, and workflow runs.
 * Returns the controls: recorded dispatches, runs to progress, past runs to seed.
 */
export function serveActions(
  standIn: GithubStandIn,
  organizations: GithubOrganization[],
  options: ActionsOptions = {},
): GithubActions {
  const actions = new GithubActions(standIn, organizations, options);
  const known = (owner: string, repo: string) =>
    actions.repository(owner, repo) !== undefined;

  standIn.route(
    '/repos/{owner}/{repo}/actions/workflows',
    ([, owner, repo], url, req) => {
      if (!known(owner, repo)) return NOT_FOUND;
      const paging = page(url.searchParams);
      if (!paging) {
        return validationFailed('per_page', url.searchParams.get('per_page')!);
      }
      const workflows = actions.workflows(owner, repo);
      return paginated(
        `http://${req.headers.host}`,
        url,
        paging,
        workflows.length,
        {
          total_count: workflows.length,
          workflows: workflows
            .slice(
              (paging.page - 1) * paging.perPage,
              paging.page * paging.perPage,
            )
            .map(w => actions.restWorkflow(owner, repo, w)),
        },
      );
    },
  );
  standIn.route(
    '/repos/{owner}/{repo}/actions/workflows/{workflow_id}',
    ([, owner, repo, workflowId]) => {
      const workflow = actions.workflow(owner, repo, workflowId);
      return workflow
        ? { status: 200, body: actions.restWorkflow(owner, repo, workflow) }
        : NOT_FOUND;
    },
  );
  standIn.write(
    'post',
    '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
    ([, owner, repo, workflowId], _url, req, body) =>
      actions.dispatch(
        owner,
        repo,
        workflowId,
        body,
        req.headers.authorization,
      ),
  );
  standIn.route(
    '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
    ([, owner, repo, workflowId], url, req) => {
      const workflow = actions.workflow(owner, repo, workflowId);
      return workflow
        ? actions.listRuns(
            `http://${req.headers.host}`,
            owner,
            repo,
            url,
            workflow.id,
          )
        : NOT_FOUND;
    },
  );
  standIn.route(
    '/repos/{owner}/{repo}/actions/runs',
    ([, owner, repo], url, req) =>
      known(owner, repo)
        ? actions.listRuns(`http://${req.headers.host}`, owner, repo, url)
        : NOT_FOUND,
  );
  standIn.route(
    '/repos/{owner}/{repo}/actions/runs/{run_id}',
    ([, owner, repo, runId]) => {
      const found = actions.repository(owner, repo);
      const run = actions.run(Number(runId));
      if (
        !found ||
        !run ||
        run.owner !== found.org.login ||
        run.repo !== found.r.name
      ) {
        return NOT_FOUND;
      }
      return { status: 200, body: actions.restRun(run) };
    },
  );
  return actions;
}
