import { mockServices } from '@backstage/backend-test-utils';
import {
  EventParams,
  EventsService,
  EventsServiceSubscribeOptions,
} from '@backstage/plugin-events-node';
import {
  changedRepository,
  ChangedRepository,
  subscribeGithubChanges,
} from './githubChanges';

const repository = {
  full_name: 'Acme-Retail/checkout-service',
  default_branch: 'main',
};
const changed = {
  fullName: 'acme-retail/checkout-service',
  defaultBranch: 'main',
};

describe('changedRepository', () => {
  it.each([
    // a push to the default branch may change CODEOWNERS, workflows, Dependabot
    ['github.push', { ref: 'refs/heads/main', repository }, changed],
    // a push to any other branch changes nothing the checks read
    ['github.push', { ref: 'refs/heads/feature', repository }, undefined],
    ['github.push', { ref: 'refs/tags/v1.0.0', repository }, undefined],
    // a branch called main-2 is not main
    ['github.push', { ref: 'refs/heads/main-2', repository }, undefined],
    // protection rules: created, edited, deleted all count
    [
      'github.branch_protection_rule',
      { action: 'deleted', repository },
      changed,
    ],
    [
      'github.branch_protection_configuration',
      { action: 'disabled', repository },
      changed,
    ],
    // a run finished on the default branch: the last run's outcome
    [
      'github.workflow_run',
      {
        action: 'completed',
        workflow_run: { head_branch: 'main' },
        repository,
      },
      changed,
    ],
    // still running, or on another branch: not yet / not read
    [
      'github.workflow_run',
      {
        action: 'in_progress',
        workflow_run: { head_branch: 'main' },
        repository,
      },
      undefined,
    ],
    [
      'github.workflow_run',
      {
        action: 'completed',
        workflow_run: { head_branch: 'feature' },
        repository,
      },
      undefined,
    ],
    // the default branch renamed: read on the new one
    [
      'github.repository',
      {
        action: 'edited',
        changes: { default_branch: { from: 'master' } },
        repository,
      },
      changed,
    ],
    [
      'github.repository',
      { action: 'edited', changes: { description: { from: '' } }, repository },
      undefined,
    ],
    // a topic the subscription does not cover
    ['github.star', { action: 'created', repository }, undefined],
    // malformed payloads
    ['github.push', null, undefined],
    ['github.push', { ref: 'refs/heads/main' }, undefined],
    [
      'github.branch_protection_rule',
      { repository: { full_name: 'no-slash', default_branch: 'main' } },
      undefined,
    ],
    [
      'github.branch_protection_rule',
      { repository: { full_name: '../../etc/x', default_branch: 'main' } },
      undefined,
    ],
    [
      'github.branch_protection_rule',
      { repository: { full_name: 'a/b', default_branch: '' } },
      undefined,
    ],
  ])('%s %j', (topic, payload, expected) => {
    expect(changedRepository(topic, payload)).toEqual(expected);
  });
});

describe('subscribeGithubChanges', () => {
  async function subscribed(collect: (r: ChangedRepository) => Promise<void>) {
    let subscriber: EventsServiceSubscribeOptions | undefined;
    const events: EventsService = {
      publish: async () => {},
      subscribe: async options => {
        subscriber = options;
      },
    };
    const logger = mockServices.logger.mock();
    const handle = await subscribeGithubChanges({
      events,
      logger,
      collect,
      delayMs: 60_000,
    });
    const send = (topic: string, eventPayload: unknown) =>
      subscriber!.onEvent({ topic, eventPayload } as EventParams);
    return { handle, send, logger, subscriber: subscriber! };
  }

  it('collects each changed repository once per burst, with its newest default branch', async () => {
    const collected: ChangedRepository[] = [];
    const { handle, send, subscriber } = await subscribed(async r => {
      collected.push(r);
    });
    expect(subscriber.id).toBe('scorecards-github-changes');
    expect(subscriber.topics).toEqual(
      expect.arrayContaining(['github.push', 'github.workflow_run']),
    );
    await send('github.push', { ref: 'refs/heads/main', repository });
    await send('github.workflow_run', {
      action: 'completed',
      workflow_run: { head_branch: 'main' },
      repository,
    });
    await send('github.push', {
      ref: 'refs/heads/feature',
      repository: { full_name: 'acme-retail/web', default_branch: 'main' },
    });
    await send('github.repository', {
      action: 'edited',
      changes: { default_branch: { from: 'main' } },
      repository: { ...repository, default_branch: 'trunk' },
    });
    expect(collected).toEqual([]); // not before the delay
    await handle.flush();
    // checkout once, on trunk (the newest delivery); web's feature push not at all
    expect(collected).toEqual([{ ...changed, defaultBranch: 'trunk' }]);
    await handle.flush();
    expect(collected).toHaveLength(1); // nothing pending any more
    handle.stop();
  });

  it('logs a failed collection and goes on with the next repository', async () => {
    const collected: string[] = [];
    const { handle, send, logger } = await subscribed(async r => {
      if (r.fullName === 'acme-retail/checkout-service') {
        throw new Error('rate limited');
      }
      collected.push(r.fullName);
    });
    await send('github.branch_protection_rule', {
      action: 'edited',
      repository,
    });
    await send('github.branch_protection_rule', {
      action: 'created',
      repository: { full_name: 'acme-retail/web', default_branch: 'main' },
    });
    await handle.flush();
    expect(collected).toEqual(['acme-retail/web']);
    expect(logger.warn).toHaveBeenCalledWith(
      'Scorecards could not re-collect a changed GitHub repository',
      {
        repository: 'acme-retail/checkout-service',
        error: 'Error: rate limited',
      },
    );
    handle.stop();
  });
});
