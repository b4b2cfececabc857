import { createHmac } from 'node:crypto';
import examples from '@octokit/webhooks-examples';

/**
 * A deep copy of a real payload from `@octokit/webhooks-examples` for the event (and, with
 * `pick`, the first example it accepts, e.g. a given `action`).
 */
export function webhookExample(
  event: string,
  pick: (payload: any) => boolean = () => true,
): any {
  const events = (examples as Array<{ name: string; examples: any[] }>).find(
    e => e.name === event,
  );
  const found = events?.examples.find(pick);
  if (!found) throw new Error(`no webhook example for ${event}`);
  return JSON.parse(JSON.stringify(found));
}

/** Headers of a GitHub webhook delivery of `body`, signed with `secret` (X-Hub-Signature-256). */
export function webhookHeaders(
  event: string,
  body: string,
  secret: string,
  deliveryId: string,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': deliveryId,
    'x-hub-signature-256': `sha256=${createHmac('sha256', secret)
      .update(body)
      .digest('hex')}`,
  };
}
