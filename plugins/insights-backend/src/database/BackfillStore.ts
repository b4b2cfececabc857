import { BackfillStatus } from '@internal/plugin-insights-common';

/** A backfill run as recorded. */
export type BackfillRunRecord = NonNullable<BackfillStatus['lastRun']>;

/** An error of a run: a repository (`*` for the run as a whole) and what went wrong. */
export type BackfillRunError = { repository: string; message: string };

/** Where the backfill stands with one repository. */
export type BackfillRepositoryState = {
  repository: string;
  /** GitHub's ETags of the lists read last time, by list. */
  etags: Record<string, string>;
  /** The latest issue update read, ISO 8601. */
  issuesSince: string | null;
  syncedAt: string | null;
  lastError: string | null;
  failedAttempts: number;
  nextAttemptAt: string | null;
};

/** A successful production deployment whose changes are not yet resolved. */
export type UnresolvedDeployment = {
  deploymentId: number;
  sha: string;
  /** As PostgreSQL gave it, so the previous deployment is found by the same instant. */
  succeededAt: Date;
};

/** The backfill's own bookkeeping, and what it reads of the delivery tables. */
export interface BackfillStore {
  /** The latest run, finished or not. */
  latestRun(): Promise<BackfillRunRecord | undefined>;
  /**
   * Closes any run a stopped process left unfinished (this one takes over) and records a new
   * one; returns its id.
   */
  startRun(run: {
    startedAt: string;
    repositoriesTotal: number;
    errors: BackfillRunError[];
  }): Promise<number>;
  saveRunErrors(runId: number, errors: BackfillRunError[]): Promise<void>;
  countRepositoryDone(runId: number): Promise<void>;
  finishRun(runId: number): Promise<void>;

  /** The recorded state of these repositories, by repository (none for a new one). */
  repositoryStates(
    repositories: string[],
  ): Promise<Map<string, BackfillRepositoryState>>;
  repositoryState(
    repository: string,
  ): Promise<BackfillRepositoryState | undefined>;
  /** Records a failed attempt and when to try again. */
  recordFailure(
    repository: string,
    failure: {
      lastError: string;
      failedAttempts: number;
      nextAttemptAt: string;
    },
  ): Promise<void>;
  /** Records a completed sync, clearing the failures. */
  recordSync(
    repository: string,
    sync: {
      etags: Record<string, string>;
      issuesSince: string | null;
      syncedAt: string;
      runId: number;
    },
  ): Promise<void>;

  /** Of these deployment ids, those stored with a success. */
  succeededDeployments(deploymentIds: number[]): Promise<Set<number>>;
  /**
   * The repository's production deployments without a success yet, created after
   * `createdAfter` when given.
   */
  pendingProductionDeployments(
    repository: string,
    createdAfter?: string,
  ): Promise<number[]>;
  /** The repository's successful production deployments with unresolved changes, in time order. */
  unresolvedProductionDeployments(
    repository: string,
  ): Promise<UnresolvedDeployment[]>;
  /** The commit of the successful production deployment before this one, if any. */
  previousProductionSha(
    repository: string,
    deployment: UnresolvedDeployment,
  ): Promise<string | undefined>;
}
