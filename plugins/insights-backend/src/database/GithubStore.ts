import { SupportedEvent } from '../services/Github/types';

/** The facts insights derives from GitHub, whether from a webhook or from the backfill. */
export type GithubRecord =
  | {
      kind: 'deployment';
      deploymentId: number;
      repository: string;
      environment: string;
      sha: string;
      createdAt: string;
    }
  | {
      kind: 'deploymentStatus';
      deploymentId: number;
      state: string;
      at: string;
    }
  | {
      kind: 'commits';
      repository: string;
      /** Oldest first, as on the default branch. */
      commits: Array<{ sha: string; authoredAt: string }>;
    }
  | {
      /** The changes of a deployment as reported by GitHub's compare (backfill). */
      kind: 'deploymentChanges';
      deploymentId: number;
      repository: string;
      commits: Array<{ sha: string; authoredAt: string }>;
    }
  | {
      kind: 'issue';
      issueId: number;
      repository: string;
      number: number;
      title: string;
      labels: string[];
      openedAt: string;
      closedAt: string | null;
      /**
       * The issue's `updated_at`: a state older than the stored one is not applied. Without it
       * (a record not from GitHub) the record is applied as it comes.
       */
      updatedAt?: string;
    }
  | {
      kind: 'pullRequest';
      repository: string;
      number: number;
      mergedAt: string;
      mergeCommitSha: string | null;
    }
  | {
      kind: 'workflowRun';
      runId: number;
      runAttempt: number;
      repository: string;
      name: string | null;
      status: string | null;
      conclusion: string | null;
      updatedAt: string;
    };

/** A signature-checked webhook delivery and the records parsed from it. */
export type WebhookDelivery = {
  deliveryId: string;
  eventType: SupportedEvent;
  action: string | null;
  repository: string | null;
  payload: unknown;
  records: GithubRecord[];
  /** Hex SHA-256 of the raw body: the same body under another delivery id is the same event. */
  bodySha256?: string;
  /** Bytes of the raw body, counted against the queue's limit. */
  size?: number;
};

export type IngestResult = { status: 'stored' | 'duplicate'; records: number };

/** Insights' GitHub data: raw deliveries and the delivery tables derived from them. */
export interface GithubStore {
  /** Stores a webhook delivery and what derives from it, in one transaction. */
  ingestWebhook(delivery: WebhookDelivery): Promise<IngestResult>;
  /** Applies derived records (backfill), in one transaction. */
  apply(records: GithubRecord[]): Promise<void>;
  /** Re-evaluates the production and incident flags with the configured patterns. */
  reclassify(): Promise<void>;
  /**
   * Removes the payloads of deliveries received more than `retentionDays` ago; returns how
   * many were removed.
   */
  removeExpiredPayloads(
    retentionDays: number,
    signal?: AbortSignal,
  ): Promise<number>;
  /** Webhook deliveries waiting for their batch to commit, and their size. */
  queued(): { deliveries: number; bytes: number };
}
