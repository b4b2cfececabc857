import { Knex } from 'knex';
import {
  isIncident,
  isProductionEnvironment,
} from '@internal/plugin-insights-common';
import { GithubRecord, GithubStore, IngestResult } from './types';

type Patterns = { productionPattern: string; incidentPattern: string };

/** Insights' GitHub data in PostgreSQL: raw deliveries and the derived delivery tables. */
export class DatabaseGithubStore implements GithubStore {
  constructor(private readonly db: Knex, private readonly patterns: Patterns) {}

  async ingestWebhook(input: {
    deliveryId: string;
    eventType: string;
    action: string | null;
    repository: string | null;
    payload: unknown;
    records: GithubRecord[];
  }): Promise<IngestResult> {
    return this.db.transaction(async trx => {
      const inserted = await trx('insights_github_events')
        .insert({
          delivery_id: input.deliveryId,
          event_type: input.eventType,
          action: input.action,
          repository: input.repository,
          payload: JSON.stringify(input.payload),
        })
        .onConflict('delivery_id')
        .ignore()
        .returning('delivery_id');
      if (inserted.length === 0) {
        return { status: 'duplicate', records: 0 };
      }
      await this.applyIn(trx, input.records);
      return { status: 'stored', records: input.records.length };
    });
  }

  async apply(records: GithubRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.db.transaction(trx => this.applyIn(trx, records));
  }

  private async applyIn(trx: Knex.Transaction, records: GithubRecord[]) {
    for (const r of records) {
      switch (r.kind) {
        case 'deployment':
          await trx('insights_deployments')
            .insert({
              deployment_id: r.deploymentId,
              repository: r.repository,
              environment: r.environment,
              is_production: isProductionEnvironment(
                r.environment,
                this.patterns.productionPattern,
              ),
              sha: r.sha,
              created_at: r.createdAt,
            })
            .onConflict('deployment_id')
            .merge([
              'repository',
              'environment',
              'is_production',
              'sha',
              'created_at',
            ]);
          break;
        case 'deploymentStatus': {
          if (r.state !== 'success') break;
          // The first success counts: a re-run that reports success again changes nothing.
          const updated = await trx('insights_deployments')
            .where({ deployment_id: r.deploymentId })
            .where(q =>
              q.whereNull('succeeded_at').orWhere('succeeded_at', '>', r.at),
            )
            .update({ succeeded_at: r.at })
            .returning(['deployment_id', 'repository', 'is_production']);
          for (const d of updated) {
            if (!d.is_production) continue;
            await this.resolveChanges(trx, Number(d.deployment_id));
            const next = await this.nextDeployment(
              trx,
              Number(d.deployment_id),
            );
            if (next !== undefined) await this.resolveChanges(trx, next);
          }
          break;
        }
        case 'commits': {
          await this.insertCommits(trx, r.repository, r.commits);
          // Deployments of these commits that arrived before the push can now be resolved.
          const waiting = await trx('insights_deployments')
            .select('deployment_id')
            .where({
              repository: r.repository,
              is_production: true,
              changes_resolved: false,
            })
            .whereNotNull('succeeded_at')
            .whereIn(
              'sha',
              r.commits.map(c => c.sha),
            )
            .orderBy('succeeded_at');
          for (const w of waiting) {
            await this.resolveChanges(trx, Number(w.deployment_id));
          }
          break;
        }
        case 'deploymentChanges':
          await this.insertCommits(trx, r.repository, r.commits);
          await trx('insights_deployment_changes')
            .where({ deployment_id: r.deploymentId })
            .delete();
          if (r.commits.length > 0) {
            await trx.batchInsert(
              'insights_deployment_changes',
              r.commits.map(c => ({
                deployment_id: r.deploymentId,
                sha: c.sha,
                authored_at: c.authoredAt,
              })),
              1000,
            );
          }
          await trx('insights_deployments')
            .where({ deployment_id: r.deploymentId })
            .update({ changes_resolved: true });
          break;
        case 'issue':
          await trx('insights_incidents')
            .insert({
              issue_id: r.issueId,
              repository: r.repository,
              number: r.number,
              title: r.title,
              labels: r.labels,
              is_incident: isIncident(r.labels, this.patterns.incidentPattern),
              opened_at: r.openedAt,
              closed_at: r.closedAt,
            })
            .onConflict('issue_id')
            .merge();
          break;
        case 'pullRequest':
          await trx('insights_pull_requests')
            .insert({
              repository: r.repository,
              number: r.number,
              merged_at: r.mergedAt,
              merge_commit_sha: r.mergeCommitSha,
            })
            .onConflict(['repository', 'number'])
            .merge();
          break;
        case 'workflowRun':
          await trx('insights_workflow_runs')
            .insert({
              run_id: r.runId,
              run_attempt: r.runAttempt,
              repository: r.repository,
              name: r.name,
              status: r.status,
              conclusion: r.conclusion,
              updated_at: r.updatedAt,
            })
            .onConflict(['run_id', 'run_attempt'])
            .merge();
          break;
        default:
          break;
      }
    }
  }

  private async insertCommits(
    trx: Knex.Transaction,
    repository: string,
    commits: Array<{ sha: string; authoredAt: string }>,
  ) {
    if (commits.length === 0) return;
    // One statement per chunk keeps the sequence in the order given (oldest first).
    for (let i = 0; i < commits.length; i += 1000) {
      await trx('insights_commits')
        .insert(
          commits.slice(i, i + 1000).map(c => ({
            repository,
            sha: c.sha,
            authored_at: c.authoredAt,
          })),
        )
        .onConflict(['repository', 'sha'])
        .ignore();
    }
  }

  private async nextDeployment(
    trx: Knex.Transaction,
    deploymentId: number,
  ): Promise<number | undefined> {
    const row = await trx
      .select('n.deployment_id')
      .from('insights_deployments as d')
      .join('insights_deployments as n', function on() {
        this.on('n.repository', 'd.repository');
      })
      .where('d.deployment_id', deploymentId)
      .where('n.is_production', true)
      .whereNotNull('n.succeeded_at')
      .whereRaw(
        '(n.succeeded_at, n.deployment_id) > (d.succeeded_at, d.deployment_id)',
      )
      .orderBy([
        { column: 'n.succeeded_at', order: 'asc' },
        { column: 'n.deployment_id', order: 'asc' },
      ])
      .first();
    return row ? Number(row.deployment_id) : undefined;
  }

  /**
   * The changes of a successful production deployment: the default-branch commits after the
   * previous successful production deployment's commit, up to and including its own. Known
   * only when the store has seen both commits (from pushes or compare); otherwise the
   * deployment stays unresolved until a push or the backfill supplies them.
   */
  private async resolveChanges(trx: Knex.Transaction, deploymentId: number) {
    const dep = await trx('insights_deployments')
      .where({ deployment_id: deploymentId })
      .first();
    if (!dep || !dep.is_production || !dep.succeeded_at) return;
    const head = await trx('insights_commits')
      .where({ repository: dep.repository, sha: dep.sha })
      .first('seq');
    if (!head) return;
    const prev = await trx('insights_deployments')
      .where({ repository: dep.repository, is_production: true })
      .whereNotNull('succeeded_at')
      .whereRaw('(succeeded_at, deployment_id) < (?, ?)', [
        dep.succeeded_at,
        deploymentId,
      ])
      .orderBy([
        { column: 'succeeded_at', order: 'desc' },
        { column: 'deployment_id', order: 'desc' },
      ])
      .first('sha');
    let low = 0;
    if (prev) {
      const p = await trx('insights_commits')
        .where({ repository: dep.repository, sha: prev.sha })
        .first('seq');
      if (!p) return;
      low = Number(p.seq);
    }
    await trx('insights_deployment_changes')
      .where({ deployment_id: deploymentId })
      .delete();
    await trx.raw(
      `INSERT INTO insights_deployment_changes (deployment_id, sha, authored_at)
       SELECT ?, sha, authored_at FROM insights_commits
       WHERE repository = ? AND seq > ? AND seq <= ?`,
      [deploymentId, dep.repository, low, Number(head.seq)],
    );
    await trx('insights_deployments')
      .where({ deployment_id: deploymentId })
      .update({ changes_resolved: true });
  }

  async reclassify(): Promise<void> {
    const envs = await this.db('insights_deployments').distinct('environment');
    for (const { environment } of envs) {
      const production = isProductionEnvironment(
        environment,
        this.patterns.productionPattern,
      );
      await this.db('insights_deployments')
        .where({ environment })
        .whereNot({ is_production: production })
        .update({ is_production: production });
    }
    const labelSets = await this.db('insights_incidents').distinct('labels');
    for (const { labels } of labelSets) {
      const incident = isIncident(labels, this.patterns.incidentPattern);
      await this.db('insights_incidents')
        .whereRaw('labels = ?::text[]', [labels])
        .whereNot({ is_incident: incident })
        .update({ is_incident: incident });
    }
  }
}
