import { InputError, ServiceUnavailableError } from '@backstage/errors';
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
} from './GithubStore';

/** Deliveries committed together at most; keeps a batch's transaction short. */
const MAX_BATCH_SIZE = 100;
/** Batches written at once: one fills while another commits. */
const MAX_CONCURRENT_BATCHES = 2;

type Patterns = { productionPattern: string; incidentPattern: string };

/** How much may wait to be written; beyond it deliveries are refused with 503. */
export type QueueLimits = {
  maxQueuedDeliveries: number;
  maxQueuedBytes: number;
};

const DEFAULT_QUEUE_LIMITS: QueueLimits = {
  maxQueuedDeliveries: 1000,
  maxQueuedBytes: 64 * 1024 * 1024,
};

/**
 * Whether PostgreSQL refused the data itself (SQLSTATE class 22 data exception, 23 integrity
 * constraint violation): only then can one delivery be at fault, and the others of its batch
 * are worth writing alone. Anything else (connection lost, server shutting down, pool timeout)
 * fails every delivery of the batch the same way.
 */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}

/** A failure of the database rather than of a delivery: GitHub should redeliver later. */
function unavailable(error: unknown): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'database unavailable: delivery not stored, redeliver it later',
    error as Error,
  );
}

/** A delivery whose data PostgreSQL refused: redelivering it would fail the same way. */
function refused(error: unknown): InputError {
  const code = (error as { code?: string }).code;
  return new InputError(
    `payload: refused by the database (SQLSTATE ${code})`,
    error as Error,
  );
}

/**
 * Insights' GitHub data in PostgreSQL: raw deliveries and the derived delivery tables. Takes a
 * client the plugin's migrations have run on (see `DatabaseInsightsStore.create`).
 */
export class DatabaseGithubStore implements GithubStore {
  private readonly limits: QueueLimits;

  constructor(
    private readonly db: Knex,
    private readonly patterns: Patterns,
    limits: Partial<QueueLimits> = {},
  ) {
    this.limits = { ...DEFAULT_QUEUE_LIMITS, ...limits };
  }

  /** Deliveries waiting for the next batch, in arrival order. */
  private readonly queue: Array<{
    delivery: WebhookDelivery;
    resolve(result: IngestResult): void;
    reject(error: unknown): void;
  }> = [];
  private queuedBytes = 0;
  private writers = 0;

  /**
   * Stores a delivery and what derives from it. Deliveries that arrive while earlier ones are
   * being written are committed together (group commit): one transaction and one insert of the
   * raw events per batch instead of per delivery. A delivery is acknowledged only once its
   * batch has committed, so nothing acknowledged is lost. The queue is bounded: when it is
   * full (the database is slow or away) a delivery is refused at once with 503, and GitHub
   * shows it as failed, to be redelivered.
   */
  ingestWebhook(delivery: WebhookDelivery): Promise<IngestResult> {
    const size = delivery.size ?? 0;
    if (
      this.queue.length >= this.limits.maxQueuedDeliveries ||
      (this.queue.length > 0 &&
        this.queuedBytes + size > this.limits.maxQueuedBytes)
    ) {
      return Promise.reject(
        new ServiceUnavailableError(
          `webhook queue full (${this.queue.length} deliveries, ${this.queuedBytes} bytes waiting): redeliver later`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ delivery, resolve, reject });
      this.queuedBytes += size;
      if (this.writers < MAX_CONCURRENT_BATCHES) void this.drain();
    });
  }

  /** Deliveries and bytes waiting to be written. */
  queued(): { deliveries: number; bytes: number } {
    return { deliveries: this.queue.length, bytes: this.queuedBytes };
  }

  private async drain() {
    this.writers += 1;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH_SIZE);
        for (const b of batch) this.queuedBytes -= b.delivery.size ?? 0;
        try {
          const results = await this.ingestBatch(batch.map(b => b.delivery));
          batch.forEach((b, i) => b.resolve(results[i]));
        } catch (error) {
          if (!isDataError(error)) {
            // The database itself failed: retrying each delivery alone would only hammer it.
            const refusal = unavailable(error);
            for (const b of batch) b.reject(refusal);
            continue;
          }
          if (batch.length === 1) {
            batch[0].reject(refused(error));
            continue;
          }
          // One delivery the database refuses must not fail the others: each alone.
          for (const b of batch) {
            await this.ingestBatch([b.delivery]).then(
              ([result]) => b.resolve(result),
              e => b.reject(isDataError(e) ? refused(e) : unavailable(e)),
            );
          }
        }
      }
    } finally {
      this.writers -= 1;
    }
  }

  /**
   * Removes the payloads of deliveries received more than `retentionDays` ago, in chunks so no
   * statement holds many rows. The rows stay: their delivery id and body hash still recognise a
   * replay. Returns the number of payloads removed.
   */
  async removeExpiredPayloads(
    retentionDays: number,
    signal?: AbortSignal,
  ): Promise<number> {
    const cutoff = new Date(Date.now() - retentionDays * 86_400_000);
    let removed = 0;
    for (;;) {
      if (signal?.aborted) break;
      const count = await this.db('insights_github_events')
        .whereIn(
          'delivery_id',
          this.db('insights_github_events')
            .select('delivery_id')
            .whereNotNull('payload')
            .where('received_at', '<', cutoff.toISOString())
            .limit(1000),
        )
        .update({ payload: null });
      removed += count;
      if (count < 1000) break;
    }
    return removed;
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
            body_sha256: d.bodySha256 ?? null,
          })),
        )
        // A delivery id or a body already stored: the same event, stored (and counted) once.
        .onConflict()
        .ignore()
        .returning('delivery_id');
      const fresh = new Set(inserted.map(r => r.delivery_id as string));
      const results: IngestResult[] = [];
      for (const d of deliveries) {
        // A delivery id or body repeated within the batch is stored (and counted) once, the first time.
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
              updated_at: r.updatedAt ?? null,
            })
            .onConflict('issue_id')
            .merge()
            // An older event (or a stale backfill page) never overwrites a newer state.
            .whereRaw(
              'insights_incidents.updated_at IS NULL OR excluded.updated_at IS NULL OR insights_incidents.updated_at <= excluded.updated_at',
            );
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
              updated_at: r.updatedAt ?? null,
            })
            .onConflict(['run_id', 'run_attempt'])
            .merge()
            .whereRaw(
              'insights_workflow_runs.updated_at <= excluded.updated_at',
            );
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
