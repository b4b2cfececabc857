import { createHash } from 'node:crypto';
import { webhookExample, webhookHeaders } from '@internal/github-stand-in';

export const DRILL_REPOSITORY = 'acme/fault-drill';
export const WEBHOOK_SECRET = 'fault-drill-webhook-secret';

/** What a delivery must leave in the insights database once it is stored. */
export type ExpectedRows =
  | { kind: 'push'; commits: string[] }
  | { kind: 'deployment'; deploymentId: number };

export type Delivery = {
  deliveryId: string;
  event: 'push' | 'deployment';
  headers: Record<string, string>;
  body: string;
  expected: ExpectedRows;
};

const sha = (text: string) => createHash('sha1').update(text).digest('hex');

function inDrillRepository(payload: any) {
  payload.repository.full_name = DRILL_REPOSITORY;
  payload.repository.name = DRILL_REPOSITORY.split('/')[1];
  payload.repository.default_branch = 'main';
  return payload;
}

/**
 * The n-th delivery of the drill, signed like GitHub signs it: real payloads from
 * `@octokit/webhooks-examples`, alternately a push of two commits to the default branch (two
 * rows that must land together with the raw event) and a production deployment. Every body is
 * unique, so none is taken for a replay of another.
 */
export function drillDelivery(n: number): Delivery {
  const deliveryId = `fault-drill-${n}`;
  const at = new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString();
  if (n % 2 === 0) {
    const payload = inDrillRepository(
      webhookExample(
        'push',
        e => e.ref === 'refs/heads/master' && e.commits.length === 1,
      ),
    );
    const commits = [sha(`${deliveryId}/first`), sha(`${deliveryId}/second`)];
    payload.ref = 'refs/heads/main';
    const template = payload.commits[0];
    payload.commits = commits.map(id => ({ ...template, id, timestamp: at }));
    payload.head_commit = payload.commits[1];
    const body = JSON.stringify(payload);
    return {
      deliveryId,
      event: 'push',
      headers: webhookHeaders('push', body, WEBHOOK_SECRET, deliveryId),
      body,
      expected: { kind: 'push', commits },
    };
  }
  const deploymentId = 900_000_000 + n;
  const payload = inDrillRepository(webhookExample('deployment'));
  payload.deployment.id = deploymentId;
  payload.deployment.environment = 'production';
  payload.deployment.sha = sha(`${deliveryId}/deployed`);
  payload.deployment.created_at = at;
  const body = JSON.stringify(payload);
  return {
    deliveryId,
    event: 'deployment',
    headers: webhookHeaders('deployment', body, WEBHOOK_SECRET, deliveryId),
    body,
    expected: { kind: 'deployment', deploymentId },
  };
}
