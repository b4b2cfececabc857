import { Knex } from 'knex';
import {
  isIncident,
  isProductionEnvironment,
} from '@internal/plugin-insights-common';
import {
  GithubRecord,
  GithubStore,
  IngestResult,
  WebhookDelivery,
} from './types';

/** Deliveries committed together at most; keeps a batch's transaction short. */
const MAX_BATCH_SIZE = 100;
/** Batches written at once: one fills while another commits. */
const MAX_CONCURRENT_BATCHES = 2;

type Patterns = { productionPattern: string; incidentPattern: string };

/** Insights' GitHub data in PostgreSQL: raw deliveries and the derived delivery tables. */
export class DatabaseGithubStore implements GithubStore {
  constructor(private readonly db: Knex, private readonly patterns: Patterns) {}

  /** Deliveries waiting for the next batch, in arrival order. */
  private readonly queue: Array<{
    delivery: WebhookDelivery;
    resolve(result: IngestResult): void;
    reject(error: unknown): void;
  }> = [];
  private writers = 0;

  /**
   * Stores a delivery and what derives from it. Deliveries that arrive while earlier ones are
   * being written are committed together (group commit): one transaction and one insert of the
   * raw events per batch instead of per delivery. A delivery is acknowledged only once its
   * batch has committed, so nothing acknowledged is lost.
   */
  ingestWebhook(delivery: WebhookDelivery): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ delivery, resolve, reject });
      if (this.writers < MAX_CONCURRENT_BATCHES) void this.drain();
    });
  }

  private async drain() {
    this.writers += 1;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH_SIZE);
        try {
          const results = await this.ingestBatch(batch.map(b => b.delivery));
          batch.forEach((b, i) => b.resolve(results[i]));
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // One delivery the database refuses must not fail the others: each alone.
          for (const b of batch) {
            await this.ingestBatch([b.delivery]).then(
              ([result]) => b.resolve(result),
              e => b.reject(e),
            );
          }
        }
      }
    } finally {
      this.writers -= 1;
    }
  }

  private async ingestBatch(
    deliveries: WebhookDelivery[],
  ): Promise<IngestResult[]> {
    return this.db.transaction(async trx => {
      const inserted = await trx('insights_github_events')
        .insert(
          deliveries.map(d => ({
            delivery_id: d.deliveryId,
            event_type: d.eventType,
            action: d.action,
            repository: d.repository,
            payload: JSON.stringify(d.payload),
          })),
        )
        .onConflict('delivery_id')
        .ignore()
        .returning('delivery_id');
      const fresh = new Set(inserted.map(r => r.delivery_id as string));
      const results: IngestResult[] = [];
      for (const d of deliveries) {
        // A delivery id repeated within the batch is stored (and counted) once, the first time.
        if (!fresh.delete(d.deliveryId)) {
          results.push({ status: 'duplicate', records: 0 });
          continue;
        }
        await this.applyIn(trx, d.records);
        results.push({ status: 'stored', records: d.records.length });
      }
      return results;
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
        case 'deploymentStatus':
          if (r.state !== 'success') break;
          // The first success counts: a re-run that reports success again changes nothing.
          await trx.raw('SELECT insights_deployment_succeeded(?, ?)', [
            r.deploymentId,
            r.at,
          ]);
          break;
        case 'commits': {
          await this.insertCommits(trx, r.repository, r.commits);
          // Deployments of these commits that arrived before the push can now be resolved.
          await trx.raw(
            `SELECT insights_resolve_changes(deployment_id) FROM insights_deployments
             WHERE repository = ? AND is_production AND NOT changes_resolved
               AND succeeded_at IS NOT NULL AND sha = ANY(?)`,
            [r.repository, r.commits.map(c => c.sha)],
          );
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

  /**
   * Folds the DORA counts' appended deltas into one row per key (migration 20261125), so the
   * summaries that read them sum few rows. Safe alongside writers and another fold.
   */
  async foldCounts(): Promise<void> {
    await this.db.raw('SELECT insights_fold_counts()');
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
