import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { DeploymentSource } from '../ServiceCatalog/types';

/** How long an answer of the insights plugin is reused for the same caller and entity. */
export const DEPLOYMENT_CACHE_SECONDS = 60;

/** Callers × entities remembered at most; the oldest answer goes first. */
export const DEPLOYMENT_CACHE_ENTRIES = 5000;

/** Whom an answer was given to: the insights plugin applies this caller's permissions. */
function callerKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${
    principal.userEntityRef ?? principal.subject ?? ''
  }`;
}

/**
 * The latest deployment, reused for {@link DEPLOYMENT_CACHE_SECONDS} per caller and entity,
 * and asked for once while the same question is under way. The card's figure (deployments over
 * 90 days and the latest week with one) moves slowly, while each question costs the insights
 * plugin a round trip with a token, the caller's user info, a permission decision and a catalog
 * read. Answers are kept per caller, so the insights plugin's permissions still decide what
 * each caller sees, at most that long after a change; failures are not kept.
 */
export function cachedDeploymentSource(
  source: DeploymentSource,
  options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): DeploymentSource {
  const ttlMs = options.ttlMs ?? DEPLOYMENT_CACHE_SECONDS * 1000;
  const maxEntries = options.maxEntries ?? DEPLOYMENT_CACHE_ENTRIES;
  const now = options.now ?? Date.now;
  const answers = new Map<
    string,
    {
      expiresAt: number;
      answer: ReturnType<DeploymentSource['latest']>;
    }
  >();

  return {
    latest(entityRef, credentials) {
      const key = `${callerKey(credentials)}\n${entityRef}`;
      const kept = answers.get(key);
      if (kept && kept.expiresAt > now()) return kept.answer;
      answers.delete(key);
      const answer = source.latest(entityRef, credentials);
      answers.set(key, { expiresAt: now() + ttlMs, answer });
      answer.catch(() => {
        if (answers.get(key)?.answer === answer) answers.delete(key);
      });
      // a Map iterates in insertion order: the first keys are the oldest
      while (answers.size > maxEntries) {
        answers.delete(answers.keys().next().value as string);
      }
      return answer;
    },
  };
}
