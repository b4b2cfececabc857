import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';

/** The topics of the portal's GitHub webhook that can change a repository's GitHub facts. */
export const GITHUB_CHANGE_TOPICS = [
  'github.push',
  'github.branch_protection_rule',
  'github.branch_protection_configuration',
  'github.workflow_run',
  'github.repository',
] as const;

const FULL_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** A repository a webhook said changed, with its default branch from the same delivery. */
export type ChangedRepository = { fullName: string; defaultBranch: string };

/**
 * The repository whose GitHub facts a delivery may have changed, or `undefined`:
 * - `push` to the default branch (CODEOWNERS, workflows, Dependabot or Renovate may change);
 * - `branch_protection_rule` (created, edited, deleted) and `branch_protection_configuration`
 *   (protection switched on or off for the repository);
 * - `workflow_run` `completed` on the default branch (the last run's outcome);
 * - `repository` `edited` with a new default branch.
 * Anything else (a push to another branch, a run still in progress) is `undefined`, and so is a
 * payload without a well-formed `repository.full_name` and `default_branch`.
 */
export function changedRepository(
  topic: string,
  payload: unknown,
): ChangedRepository | undefined {
  const p = payload as {
    action?: unknown;
    ref?: unknown;
    repository?: { full_name?: unknown; default_branch?: unknown };
    workflow_run?: { head_branch?: unknown } | null;
    changes?: { default_branch?: unknown } | null;
  } | null;
  const fullName = p?.repository?.full_name;
  const defaultBranch = p?.repository?.default_branch;
  if (
    typeof fullName !== 'string' ||
    !FULL_NAME.test(fullName) ||
    typeof defaultBranch !== 'string' ||
    defaultBranch === ''
  ) {
    return undefined;
  }
  const changed = {
    fullName: fullName.toLocaleLowerCase('en-US'),
    defaultBranch,
  };
  switch (topic) {
    case 'github.push':
      return p?.ref === `refs/heads/${defaultBranch}` ? changed : undefined;
    case 'github.branch_protection_rule':
    case 'github.branch_protection_configuration':
      return changed;
    case 'github.workflow_run':
      return p?.action === 'completed' &&
        p.workflow_run?.head_branch === defaultBranch
        ? changed
        : undefined;
    case 'github.repository':
      return p?.action === 'edited' && p.changes?.default_branch
        ? changed
        : undefined;
    default:
      return undefined;
  }
}

/**
 * Re-collects the GitHub facts of a repository when the portal's GitHub webhook says it changed,
 * instead of waiting for the scheduled run. Deliveries for one repository within `delayMs`
 * (a push is often followed by its runs) are collected once, with the newest default branch.
 */
export async function subscribeGithubChanges(options: {
  events: EventsService;
  logger: LoggerService;
  collect: (repository: ChangedRepository) => Promise<unknown>;
  delayMs?: number;
}): Promise<{ flush(): Promise<void>; stop(): void }> {
  const delayMs = options.delayMs ?? 10_000;
  const pending = new Map<string, ChangedRepository>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function collectPending() {
    const repositories = [...pending.values()];
    pending.clear();
    for (const repository of repositories) {
      try {
        await options.collect(repository);
      } catch (error) {
        options.logger.warn(
          'Scorecards could not re-collect a changed GitHub repository',
          { repository: repository.fullName, error: String(error) },
        );
      }
    }
  }

  function flush() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    running = running.then(collectPending);
    return running;
  }

  await options.events.subscribe({
    id: 'scorecards-github-changes',
    topics: [...GITHUB_CHANGE_TOPICS],
    async onEvent({ topic, eventPayload }) {
      const repository = changedRepository(topic, eventPayload);
      if (!repository) return;
      pending.set(repository.fullName, repository);
      if (!timer) {
        timer = setTimeout(() => void flush(), delayMs);
        timer.unref?.();
      }
    },
  });

  return {
    flush,
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}
