import { Knex } from 'knex';
import {
  BackfillRepositoryState,
  BackfillRunError,
  BackfillRunRecord,
  BackfillStore,
  UnresolvedDeployment,
} from './BackfillStore';

const json = <T>(v: T | string): T =>
  typeof v === 'string' ? (JSON.parse(v) as T) : v;
const isoOrNull = (v: unknown) =>
  v ? new Date(v as string | Date).toISOString() : null;

function toState(row: Record<string, any>): BackfillRepositoryState {
  return {
    repository: row.repository,
    etags: row.etags ? json(row.etags) : {},
    issuesSince: isoOrNull(row.issues_since),
    syncedAt: isoOrNull(row.synced_at),
    lastError: row.last_error ?? null,
    failedAttempts: Number(row.failed_attempts ?? 0),
    nextAttemptAt: isoOrNull(row.next_attempt_at),
  };
}

/**
 * `insights_backfill_runs` and `insights_backfill_repositories` in PostgreSQL, and the backfill's
 * reads of `insights_deployments`. Takes a client the plugin's migrations have run on (see
 * `DatabaseInsightsStore.create`).
 */
export class DatabaseBackfillStore implements BackfillStore {
  constructor(private readonly db: Knex) {}

  async latestRun(): Promise<BackfillRunRecord | undefined> {
    const row = await this.db('insights_backfill_runs')
      .orderBy('id', 'desc')
      .first();
    if (!row) return undefined;
    return {
      id: row.id,
      startedAt: new Date(row.started_at).toISOString(),
      finishedAt: isoOrNull(row.finished_at),
      repositoriesTotal: row.repositories_total,
      repositoriesDone: row.repositories_done,
      errors: json(row.errors),
    };
  }

  async startRun(run: {
    startedAt: string;
    repositoriesTotal: number;
    errors: BackfillRunError[];
  }): Promise<number> {
    await this.db('insights_backfill_runs')
      .whereNull('finished_at')
      .update({ finished_at: this.db.fn.now() });
    const [row] = await this.db('insights_backfill_runs')
      .insert({
        started_at: run.startedAt,
        repositories_total: run.repositoriesTotal,
        errors: JSON.stringify(run.errors),
      })
      .returning('id');
    return typeof row === 'object' ? row.id : row;
  }

  async saveRunErrors(runId: number, errors: BackfillRunError[]) {
    await this.db('insights_backfill_runs')
      .where({ id: runId })
      .update({ errors: JSON.stringify(errors) });
  }

  async countRepositoryDone(runId: number) {
    await this.db('insights_backfill_runs')
      .where({ id: runId })
      .increment('repositories_done', 1);
  }

  async finishRun(runId: number) {
    await this.db('insights_backfill_runs')
      .where({ id: runId })
      .update({ finished_at: this.db.fn.now() });
  }

  async repositoryStates(
    repositories: string[],
  ): Promise<Map<string, BackfillRepositoryState>> {
    const rows = await this.db('insights_backfill_repositories').whereIn(
      'repository',
      repositories,
    );
    return new Map(rows.map(row => [row.repository, toState(row)]));
  }

  async repositoryState(
    repository: string,
  ): Promise<BackfillRepositoryState | undefined> {
    const row = await this.db('insights_backfill_repositories')
      .where({ repository })
      .first();
    return row ? toState(row) : undefined;
  }

  async recordFailure(
    repository: string,
    failure: {
      lastError: string;
      failedAttempts: number;
      nextAttemptAt: string;
    },
  ) {
    await this.db('insights_backfill_repositories')
      .insert({
        repository,
        last_error: failure.lastError,
        failed_attempts: failure.failedAttempts,
        next_attempt_at: failure.nextAttemptAt,
      })
      .onConflict('repository')
      .merge(['last_error', 'failed_attempts', 'next_attempt_at']);
  }

  async recordSync(
    repository: string,
    sync: {
      etags: Record<string, string>;
      issuesSince: string | null;
      syncedAt: string;
      runId: number;
    },
  ) {
    await this.db('insights_backfill_repositories')
      .insert({
        repository,
        etags: JSON.stringify(sync.etags),
        issues_since: sync.issuesSince,
        synced_at: sync.syncedAt,
        synced_run: sync.runId,
        last_error: null,
        failed_attempts: 0,
        next_attempt_at: null,
      })
      .onConflict('repository')
      .merge();
  }

  async succeededDeployments(deploymentIds: number[]): Promise<Set<number>> {
    const rows = await this.db('insights_deployments')
      .whereIn('deployment_id', deploymentIds)
      .whereNotNull('succeeded_at')
      .select('deployment_id');
    return new Set(rows.map(r => Number(r.deployment_id)));
  }

  async pendingProductionDeployments(
    repository: string,
    createdAfter?: string,
  ): Promise<number[]> {
    const rows: Array<{ deployment_id: string | number }> = await this.db(
      'insights_deployments',
    )
      .where({ repository, is_production: true })
      .whereNull('succeeded_at')
      .modify(q => {
        if (createdAfter) q.where('created_at', '>', createdAfter);
      })
      .select('deployment_id');
    return rows.map(r => Number(r.deployment_id));
  }

  async unresolvedProductionDeployments(
    repository: string,
  ): Promise<UnresolvedDeployment[]> {
    const rows = await this.db('insights_deployments')
      .where({ repository, is_production: true, changes_resolved: false })
      .whereNotNull('succeeded_at')
      .orderBy([
        { column: 'succeeded_at', order: 'asc' },
        { column: 'deployment_id', order: 'asc' },
      ])
      .select('deployment_id', 'sha', 'succeeded_at');
    return rows.map(r => ({
      deploymentId: Number(r.deployment_id),
      sha: r.sha,
      succeededAt: r.succeeded_at,
    }));
  }

  async previousProductionSha(
    repository: string,
    deployment: UnresolvedDeployment,
  ): Promise<string | undefined> {
    const prev = await this.db('insights_deployments')
      .where({ repository, is_production: true })
      .whereNotNull('succeeded_at')
      .whereRaw('(succeeded_at, deployment_id) < (?, ?)', [
        deployment.succeededAt,
        deployment.deploymentId,
      ])
      .orderBy([
        { column: 'succeeded_at', order: 'desc' },
        { column: 'deployment_id', order: 'desc' },
      ])
      .first('sha');
    return prev?.sha;
  }
}
