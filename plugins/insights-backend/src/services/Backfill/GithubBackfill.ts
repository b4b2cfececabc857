import { LoggerService } from '@backstage/backend-plugin-api';
import { BackfillStatus } from '@internal/plugin-insights-common';
import { Octokit } from '@octokit/rest';
import { BackfillStore } from '../../database/BackfillStore';
import { GithubRecord, GithubStore } from '../../database/GithubStore';
import { BackfillService } from './types';

type Etags = Record<string, string>;

const iso = (t: string) => new Date(t).toISOString();

function isNotModified(e: unknown): boolean {
  return (e as { status?: number })?.status === 304;
}

/**
 * Whether GitHub refused for a rate limit (429, or 403 with no requests left or a message
 * saying so) rather than for the repository itself (403 "Resource not accessible by
 * integration", SAML enforcement, a private repository): a rate limit stops the run, a
 * refused repository only waits.
 */
export function isRateLimit(e: unknown): boolean {
  const err = e as {
    status?: number;
    message?: string;
    response?: { headers?: Record<string, string | undefined> };
  };
  if (err?.status === 429) return true;
  if (err?.status !== 403) return false;
  return (
    err.response?.headers?.['x-ratelimit-remaining'] === '0' ||
    /rate limit/i.test(err.message ?? '')
  );
}

/**
 * A repository as GitHub names it (lower case, as the catalog's slugs are read): an owner and
 * a name, neither `.` nor `..`, so a slug cannot steer a request to another API path.
 */
const REPOSITORY = /^[a-z0-9][a-z0-9-]{0,38}\/(?!\.\.?$)[a-z0-9._-]{1,100}$/;

/** Thrown between pages when the scheduler aborts the run (timeout, shutdown). */
class BackfillAborted extends Error {
  constructor() {
    super('aborted');
    this.name = 'BackfillAborted';
  }
}

function checkAbort(signal?: AbortSignal) {
  if (signal?.aborted) throw new BackfillAborted();
}

export type GithubBackfillOptions = {
  /** The backfill's runs and repository states, and its reads of the deployments. */
  backfillStore: BackfillStore;
  /** Where the records read from GitHub are applied, as webhooks' are. */
  store: GithubStore;
  /** An Octokit for a repository (`owner/name`), with the integration's credentials for it. */
  octokit: (repository: string) => Octokit;
  repositories: () => Promise<string[]>;
  logger: LoggerService;
  /** Owners (lower case) whose repositories may be read; others are never requested. */
  organizations: string[];
  /** Pages of 100 issues read per repository per run at most. */
  maxIssuePagesPerRepository?: number;
  /** First wait after a repository fails, minutes; doubled at each further failure. */
  retryDelayMinutes?: number;
  /** Longest wait, minutes. */
  maxRetryDelayMinutes?: number;
  now?: () => Date;
};

/**
 * Walks the repositories of catalog components and loads deployments and their statuses,
 * the commits between consecutive production deployments (compare), merged pull requests
 * and issues, through the same store as webhooks. Repositories are visited least recently
 * synced first, so a run that stopped (crash, rate limit, abort) resumes with those not yet
 * done. A repository GitHub refuses is recorded with its attempts and waits (exponential
 * backoff) while the run goes on with the others; only repositories of the configured
 * organisations are read, and each run reads a bounded number of issue pages per repository.
 */
export class GithubBackfill implements BackfillService {
  private running: Promise<void> | undefined;
  private readonly options: Required<GithubBackfillOptions>;

  constructor(options: GithubBackfillOptions) {
    this.options = {
      maxIssuePagesPerRepository: 10,
      retryDelayMinutes: 60,
      maxRetryDelayMinutes: 7 * 24 * 60,
      now: () => new Date(),
      ...options,
      organizations: options.organizations.map(o =>
        o.toLocaleLowerCase('en-US'),
      ),
    };
  }

  /** Runs one pass; the scheduler calls it (one replica at a time) with its abort signal. */
  async run(signal?: AbortSignal): Promise<void> {
    if (this.running) return this.running;
    this.running = this.runOnce(signal).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async status(): Promise<BackfillStatus> {
    const run = await this.options.backfillStore.latestRun();
    return {
      running: Boolean(this.running) || Boolean(run && !run.finishedAt),
      lastRun: run ?? null,
    };
  }

  /** Wait before the next attempt after `attempts` failures in a row. */
  private retryDelayMs(attempts: number): number {
    const { retryDelayMinutes, maxRetryDelayMinutes } = this.options;
    const minutes = Math.min(
      maxRetryDelayMinutes,
      retryDelayMinutes * 2 ** Math.min(attempts - 1, 30),
    );
    return minutes * 60_000;
  }

  private async runOnce(signal?: AbortSignal) {
    const { backfillStore, logger, organizations } = this.options;
    const now = this.options.now();
    const claimed = await this.options.repositories();
    const errors: Array<{ repository: string; message: string }> = [];
    const repositories = claimed.filter(
      r => REPOSITORY.test(r) && organizations.includes(r.split('/')[0]),
    );
    if (repositories.length < claimed.length) {
      errors.push({
        repository: '*',
        message: `${
          claimed.length - repositories.length
        } repositories not of the form owner/name or outside insights.github.organizations (${
          organizations.join(', ') || 'none configured'
        }) not read`,
      });
    }
    // Any run left unfinished by a stopped process is closed; this run takes over.
    const runId = await backfillStore.startRun({
      startedAt: now.toISOString(),
      repositoriesTotal: repositories.length,
      errors,
    });
    const saveErrors = () => backfillStore.saveRunErrors(runId, errors);
    const stateOf = await backfillStore.repositoryStates(repositories);
    const time = (v: string | null | undefined) =>
      v ? new Date(v).getTime() : 0;
    const order = [...repositories].sort(
      (a, b) =>
        time(stateOf.get(a)?.syncedAt) - time(stateOf.get(b)?.syncedAt) ||
        a.localeCompare(b),
    );
    for (const repository of order) {
      if (signal?.aborted) {
        errors.push({ repository: '*', message: 'stopped: run aborted' });
        break;
      }
      const state = stateOf.get(repository);
      if (state?.nextAttemptAt && time(state.nextAttemptAt) > now.getTime()) {
        errors.push({
          repository,
          message: `waiting until ${state.nextAttemptAt} after ${state.failedAttempts} failed attempt(s): ${state.lastError}`,
        });
        continue;
      }
      try {
        await this.syncRepository(repository, runId, signal);
        await backfillStore.countRepositoryDone(runId);
      } catch (e) {
        if (e instanceof BackfillAborted) {
          errors.push({ repository: '*', message: 'stopped: run aborted' });
          break;
        }
        const err = e as { status?: number; message?: string };
        const message = `${err.status ? `HTTP ${err.status}: ` : ''}${
          err.message ?? String(e)
        }`;
        errors.push({ repository, message });
        if (isRateLimit(e)) {
          logger.warn('insights backfill stopped by a GitHub rate limit', {
            repository,
          });
          // Rate limit not lifted after the retries: stop, the next run resumes here.
          errors.push({
            repository: '*',
            message: 'stopped: GitHub rate limit; the next run resumes',
          });
          break;
        }
        const attempts = (state?.failedAttempts ?? 0) + 1;
        const nextAttempt = new Date(
          this.options.now().getTime() + this.retryDelayMs(attempts),
        );
        logger.warn('insights backfill of a repository failed', {
          repository,
          error: message,
          attempts,
          nextAttempt: nextAttempt.toISOString(),
        });
        await backfillStore.recordFailure(repository, {
          lastError: message,
          failedAttempts: attempts,
          nextAttemptAt: nextAttempt.toISOString(),
        });
        await saveErrors();
      }
    }
    await saveErrors();
    await backfillStore.finishRun(runId);
  }

  /** Conditional GET: returns undefined when GitHub answers 304 Not Modified. */
  private async conditional<T>(
    etags: Etags,
    key: string,
    call: (
      headers: Record<string, string>,
    ) => Promise<{ data: T; headers: any }>,
  ): Promise<{ data: T; next: boolean } | undefined> {
    try {
      const res = await call(etags[key] ? { 'if-none-match': etags[key] } : {});
      if (res.headers.etag) etags[key] = res.headers.etag;
      return {
        data: res.data,
        next: /rel="next"/.test(res.headers.link ?? ''),
      };
    } catch (e) {
      if (isNotModified(e)) return undefined;
      throw e;
    }
  }

  async syncRepository(
    repository: string,
    runId: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const { backfillStore, store } = this.options;
    const octokit = this.options.octokit(repository);
    const [owner, repo] = repository.split('/');
    const state = await backfillStore.repositoryState(repository);
    const etags: Etags = { ...state?.etags };

    // Deployments, newest first; stop at the first page whose deployments are all known.
    for (let page = 1; page < 1000; page++) {
      checkAbort(signal);
      const result = await this.conditional(
        etags,
        `deployments:${page}`,
        headers =>
          octokit.rest.repos.listDeployments({
            owner,
            repo,
            per_page: 100,
            page,
            headers,
          }),
      );
      if (result === undefined || result.data.length === 0) break;
      const deployments = result.data;
      const ids = deployments.map(d => d.id);
      const known = await backfillStore.succeededDeployments(ids);
      const records: GithubRecord[] = [];
      for (const d of deployments) {
        records.push({
          kind: 'deployment',
          deploymentId: d.id,
          repository,
          environment: d.environment,
          sha: d.sha,
          createdAt: iso(d.created_at),
        });
      }
      await store.apply(records);
      if (known.size === deployments.length || !result.next) break;
    }

    // Statuses of production deployments without a success yet: all of them on the first
    // sync, then those of the last 30 days (a status can arrive after the list is unchanged).
    const pending = await backfillStore.pendingProductionDeployments(
      repository,
      state?.syncedAt
        ? new Date(Date.now() - 30 * 86_400_000).toISOString()
        : undefined,
    );
    for (const id of pending) {
      checkAbort(signal);
      const statuses = await octokit.paginate(
        octokit.rest.repos.listDeploymentStatuses,
        {
          owner,
          repo,
          deployment_id: Number(id),
          per_page: 100,
        },
      );
      await store.apply(
        statuses
          .filter(st => st.state === 'success')
          .map(st => ({
            kind: 'deploymentStatus' as const,
            deploymentId: Number(id),
            state: st.state,
            at: iso(st.created_at),
          })),
      );
    }

    // Changes of production deployments not yet resolved, in time order.
    const unresolved = await backfillStore.unresolvedProductionDeployments(
      repository,
    );
    for (const dep of unresolved) {
      checkAbort(signal);
      const prevSha = await backfillStore.previousProductionSha(
        repository,
        dep,
      );
      let commits: Array<{ sha: string; authoredAt: string }>;
      if (prevSha !== undefined) {
        commits = [];
        for (let page = 1; page < 100; page++) {
          checkAbort(signal);
          const { data, headers } =
            await octokit.rest.repos.compareCommitsWithBasehead({
              owner,
              repo,
              basehead: `${prevSha}...${dep.sha}`,
              per_page: 100,
              page,
            });
          for (const c of data.commits) {
            const date = c.commit.author?.date ?? c.commit.committer?.date;
            if (date) commits.push({ sha: c.sha, authoredAt: iso(date) });
          }
          if (!/rel="next"/.test(headers.link ?? '')) break;
        }
      } else {
        // The first deployment we know of: its own commit is its change.
        const { data } = await octokit.rest.repos.getCommit({
          owner,
          repo,
          ref: dep.sha,
        });
        const date = data.commit.author?.date ?? data.commit.committer?.date;
        commits = date ? [{ sha: data.sha, authoredAt: iso(date) }] : [];
      }
      await store.apply([
        {
          kind: 'deploymentChanges',
          deploymentId: dep.deploymentId,
          repository,
          commits,
        },
      ]);
    }

    // Issues (incidents are those whose labels match the pattern), updated since last time,
    // oldest update first and at most maxIssuePagesPerRepository pages: a run that stops at
    // the bound records how far it got, and the next run goes on from there.
    const since: string | undefined = state?.issuesSince ?? undefined;
    let latest = since;
    for (
      let page = 1;
      page <= this.options.maxIssuePagesPerRepository;
      page++
    ) {
      checkAbort(signal);
      const { data: issues, headers } = await octokit.rest.issues.listForRepo({
        owner,
        repo,
        state: 'all',
        sort: 'updated',
        direction: 'asc',
        per_page: 100,
        page,
        ...(since ? { since } : {}),
      });
      const issueRecords: GithubRecord[] = [];
      for (const i of issues) {
        if (!latest || iso(i.updated_at) > latest) latest = iso(i.updated_at);
        if (i.pull_request) continue;
        issueRecords.push({
          kind: 'issue',
          issueId: i.id,
          repository,
          number: i.number,
          title: i.title,
          labels: i.labels
            .map(l => (typeof l === 'string' ? l : l.name ?? ''))
            .filter(Boolean),
          openedAt: iso(i.created_at),
          closedAt: i.closed_at ? iso(i.closed_at) : null,
          updatedAt: iso(i.updated_at),
        });
      }
      await store.apply(issueRecords);
      if (!/rel="next"/.test(headers.link ?? '')) break;
    }

    // Merged pull requests (first page, conditional: unchanged lists cost no rate limit).
    const pulls = await this.conditional(etags, 'pulls:1', headers =>
      octokit.rest.pulls.list({
        owner,
        repo,
        state: 'closed',
        sort: 'updated',
        direction: 'desc',
        per_page: 100,
        headers,
      }),
    );
    if (pulls) {
      await store.apply(
        pulls.data
          .filter(p => p.merged_at)
          .map(p => ({
            kind: 'pullRequest' as const,
            repository,
            number: p.number,
            mergedAt: iso(p.merged_at!),
            mergeCommitSha: p.merge_commit_sha ?? null,
          })),
      );
    }

    await backfillStore.recordSync(repository, {
      etags,
      issuesSince: latest ?? null,
      syncedAt: new Date().toISOString(),
      runId,
    });
  }
}
