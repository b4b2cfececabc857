import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { GithubStandIn, serveApp, StandInApp } from '@internal/github-stand-in';
import { createGithubOctokitProvider } from './GithubOctokitProvider';

describe('createGithubOctokitProvider', () => {
  const github = new GithubStandIn();
  let apiBaseUrl: string;
  let app: StandInApp;
  beforeAll(async () => {
    github.route('/repos/{owner}/{repo}/topics', () => ({
      names: ['payments'],
    }));
    app = serveApp(github, { installedOn: ['acme', 'globex'] });
    apiBaseUrl = await github.start();
  });
  afterAll(() => github.stop());
  afterEach(() => {
    const violations = github.violations.splice(0);
    // Every answer, the app's included, must have matched GitHub's OpenAPI description.
    if (violations.length) throw new Error(violations.join('\n'));
  });

  const provider = (integration: Record<string, unknown>) =>
    createGithubOctokitProvider({
      config: new ConfigReader({
        integrations: {
          github: [{ host: 'github.com', apiBaseUrl, ...integration }],
        },
      }),
      logger: mockServices.logger.mock(),
      userAgent: 'portal-test',
      retryAfterBaseValue: 5,
    });

  const lastRequest = (path: RegExp) =>
    github.log.filter(r => path.test(r.url)).at(-1);

  it('sends the token of a token integration', async () => {
    const { octokit, requests } = provider({ token: 'ghp_configured' }).forUrl(
      'https://github.com/acme/api',
    );
    const topics = await octokit.rest.repos.getAllTopics({
      owner: 'acme',
      repo: 'api',
    });
    expect(topics.data.names).toEqual(['payments']);
    expect(requests()).toBe(1);
    expect(lastRequest(/^\/repos\/acme\/api\/topics/)?.authorization).toBe(
      'token ghp_configured',
    );
  });

  it("sends each owner's installation token of a GitHub App integration", async () => {
    const github_ = provider({
      apps: [
        {
          appId: app.appId,
          privateKey: app.privateKey,
          clientId: 'Iv1.standin',
          clientSecret: 'standin-secret',
          webhookSecret: 'standin-webhook',
        },
      ],
    });
    for (const owner of ['acme', 'globex']) {
      const { octokit } = github_.forUrl(`https://github.com/${owner}/api`);
      await octokit.rest.repos.getAllTopics({ owner, repo: 'api' });
      const sent = lastRequest(new RegExp(`^/repos/${owner}/api/topics`));
      const token = sent?.authorization?.replace(/^token /, '');
      expect(token).toMatch(/^ghs_/);
      expect(app.issuedTokens.get(token!)).toBe(owner);
    }
    // The installations were listed and each token asked for with the app's signed JWT.
    expect(
      github.log
        .filter(r => r.url.startsWith('/app/'))
        .map(r => `${r.method} ${r.url.split('?')[0]} ${r.status}`),
    ).toEqual([
      'GET /app/installations 200',
      'POST /app/installations/1000/access_tokens 201',
      'POST /app/installations/1001/access_tokens 201',
    ]);
    // A second client of the same owner reuses the cached installation token.
    const again = github_.forUrl('https://github.com/acme/web');
    await again.octokit.rest.repos.getAllTopics({ owner: 'acme', repo: 'web' });
    expect(github.requests(/^\/app\//)).toBe(3);
  });

  it('fails the request when the app is not installed on the owner', async () => {
    const { octokit } = provider({
      apps: [
        {
          appId: app.appId,
          privateKey: app.privateKey,
          clientId: 'Iv1.standin',
          clientSecret: 'standin-secret',
          webhookSecret: 'standin-webhook',
        },
      ],
    }).forUrl('https://github.com/initech/api');
    await expect(
      octokit.rest.repos.getAllTopics({ owner: 'initech', repo: 'api' }),
    ).rejects.toThrow(
      'No GitHub credentials for https://github.com/initech/api: no app of the integrations.github entry github.com is installed on its owner',
    );
    expect(github.requests(/^\/repos\/initech\//)).toBe(0);
  });

  it('refuses a URL no integration matches, and says which hosts have credentials', () => {
    const withToken = provider({ token: 'ghp_configured' });
    expect(() => withToken.forUrl('https://ghe.example.com/acme')).toThrow(
      'No integrations.github entry matches the host of https://ghe.example.com/acme',
    );
    expect(withToken.hasCredentials('github.com')).toBe(true);
    expect(provider({}).hasCredentials('github.com')).toBe(false);
    expect(withToken.hasCredentials('ghe.example.com')).toBe(false);
  });
});
