import { mockServices } from '@backstage/backend-test-utils';
import { GithubStandIn } from '@internal/github-stand-in';
import { createOctokit } from './createOctokit';

describe('createOctokit', () => {
  const github = new GithubStandIn();
  let baseUrl: string;
  beforeAll(async () => {
    github.route('/repos/{owner}/{repo}/topics', () => ({
      names: ['payments'],
    }));
    baseUrl = await github.start();
  });
  afterAll(() => github.stop());

  const client = () => {
    const logger = mockServices.logger.mock();
    return {
      logger,
      ...createOctokit({
        baseUrl,
        token: async () => 'test-token',
        logger,
        userAgent: 'portal-test',
        retryAfterBaseValue: 5,
      }),
    };
  };

  it('waits out a secondary rate limit and a 5xx, and counts every request', async () => {
    github.fault(/^\/repos\/acme\/api\/topics$/, {
      kind: 'secondaryRateLimit',
      times: 1,
    });
    const { octokit, requests, logger } = client();
    const topics = await octokit.rest.repos.getAllTopics({
      owner: 'acme',
      repo: 'api',
    });
    expect(topics.data.names).toEqual(['payments']);
    // 1 refused with retry-after + 1 answered.
    expect(requests()).toBe(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('GitHub secondary rate limit on GET'),
    );

    github.fault(/^\/repos\/acme\/web\/topics$/, {
      kind: 'status',
      status: 502,
      times: 2,
    });
    const second = client();
    await second.octokit.rest.repos.getAllTopics({
      owner: 'acme',
      repo: 'web',
    });
    // 2 answered 502 + 1 answered.
    expect(second.requests()).toBe(3);
  });

  it('gives up after the configured retries of a primary rate limit', async () => {
    github.fault(/^\/repos\/acme\/limited\/topics$/, {
      kind: 'primaryRateLimit',
      times: 10,
    });
    const { octokit, requests } = client();
    await expect(
      octokit.rest.repos.getAllTopics({ owner: 'acme', repo: 'limited' }),
    ).rejects.toMatchObject({ status: 403 });
    // The first request and 3 retries.
    expect(requests()).toBe(4);
  });
});
