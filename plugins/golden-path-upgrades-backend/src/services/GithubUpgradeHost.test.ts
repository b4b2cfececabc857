/*
 * Upgrades as pull requests on GitHub: Octokit and git against the GitHub stand-in, which
 * serves the repository over git's smart HTTP protocol and checks every answer against
 * GitHub's OpenAPI description.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { createGithubOctokitProvider } from '@internal/github-octokit';
import {
  GitHttpHost,
  githubExample,
  GithubStandIn,
} from '@internal/github-stand-in';
import fs from 'node:fs';
import path from 'node:path';
import { git } from '../lib/git';
import {
  cloneBranch,
  createService,
  edit,
  portalWithTemplate,
  publishVersion,
  tempDir,
} from '../__testUtils__/scenario';
import { GithubUpgradeHost } from './hosts';

jest.setTimeout(120_000);

const TOKEN = 'ghs_standInToken0123456789';
const TEMPLATE = 'typescript-service';
const LOCATION = {
  host: 'github' as const,
  hostname: 'github.com',
  owner: 'acme-retail',
  repo: 'orders',
};

type PullRequest = {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  merged: boolean;
};

/** Pull requests of acme-retail/orders, kept by the stand-in's routes. */
function servePullRequests(standIn: GithubStandIn, baseUrl: () => string) {
  const pulls: PullRequest[] = [];
  const shape = (pr: PullRequest, example: any) => ({
    ...example,
    number: pr.number,
    title: pr.title,
    body: pr.body,
    state: pr.state,
    html_url: `https://github.com/acme-retail/orders/pull/${pr.number}`,
    url: `${baseUrl()}/repos/acme-retail/orders/pulls/${pr.number}`,
    merged_at: pr.merged ? '2026-12-04T10:00:00Z' : null,
    // No reviewers requested (GitHub's example teams lack their required `type`).
    requested_teams: [],
    ...(example.merged !== undefined ? { merged: pr.merged } : {}),
    head: { ...example.head, ref: pr.head, label: `acme-retail:${pr.head}` },
    base: { ...example.base, ref: pr.base },
  });
  const full = (pr: PullRequest) => shape(pr, githubExample('pull-request'));
  standIn.route('/repos/{owner}/{repo}/pulls', (_m, url) => {
    const head = url.searchParams.get('head');
    const state = url.searchParams.get('state') ?? 'open';
    const [simple] = githubExample('pull-request-simple-items');
    return pulls
      .filter(pr => state === 'all' || pr.state === state)
      .filter(pr => !head || `acme-retail:${pr.head}` === head)
      .map(pr => shape(pr, simple));
  });
  standIn.write('post', '/repos/{owner}/{repo}/pulls', (_m, _u, _r, body) => {
    const pr: PullRequest = {
      number: pulls.length + 1,
      title: body.title,
      body: body.body,
      head: body.head,
      base: body.base,
      state: 'open',
      merged: false,
    };
    pulls.push(pr);
    return { status: 201, body: full(pr) };
  });
  const find = (n: string) => pulls.find(pr => pr.number === Number(n));
  standIn.write(
    'patch',
    '/repos/{owner}/{repo}/pulls/{pull_number}',
    ([, , , n], _u, _r, body) => {
      const pr = find(n);
      if (!pr) return { status: 404, body: { message: 'Not Found' } };
      Object.assign(pr, {
        title: body.title ?? pr.title,
        body: body.body ?? pr.body,
      });
      return { status: 200, body: full(pr) };
    },
  );
  standIn.route('/repos/{owner}/{repo}/pulls/{pull_number}', ([, , , n]) => {
    const pr = find(n);
    return pr ? full(pr) : { status: 404, body: { message: 'Not Found' } };
  });
  return pulls;
}

describe('upgrades as GitHub pull requests', () => {
  const standIn = new GithubStandIn();
  const gitRoot = tempDir('gpu-github-root-');
  let baseUrl = '';
  let pulls: PullRequest[];
  let host: GithubUpgradeHost;

  beforeAll(async () => {
    standIn.git = new GitHttpHost(gitRoot, TOKEN);
    pulls = servePullRequests(standIn, () => baseUrl);
    standIn.route('/repos/{owner}/{repo}', ([, owner, repo]) => ({
      ...githubExample('full-repository'),
      name: repo,
      full_name: `${owner}/${repo}`,
      default_branch: 'main',
      // GitHub's own example lacks this required field.
      has_discussions: false,
      clone_url: standIn.git!.cloneUrl(baseUrl, owner, repo),
    }));
    baseUrl = await standIn.start();
    const config = new ConfigReader({
      integrations: {
        github: [{ host: 'github.com', apiBaseUrl: baseUrl, token: TOKEN }],
      },
    });
    host = new GithubUpgradeHost(
      createGithubOctokitProvider({
        config,
        logger: mockServices.logger.mock(),
        userAgent: 'golden-path-upgrades-test',
        retryAfterBaseValue: 1,
        retries: 0,
      }),
      DefaultGithubCredentialsProvider.fromIntegrations(
        ScmIntegrations.fromConfig(config),
      ),
    );
  });

  afterAll(async () => {
    await standIn.stop();
  });

  it('opens one pull request with the changelog, updates it on a re-run, and sees it merged', async () => {
    const portal = await portalWithTemplate(TEMPLATE);
    const [v1] = await portal.source.versions(TEMPLATE);
    const service = await createService({
      source: portal.source,
      template: TEMPLATE,
      version: v1.version,
      values: {
        name: 'orders',
        description: 'Orders',
        owner: 'group:default/payments-team',
        ownerName: 'payments-team',
        system: 'system:default/checkout',
        templateName: TEMPLATE,
        templateVersion: v1.version,
        githubSlug: 'acme-retail/orders',
        githubOrg: 'acme-retail',
        environments: ['dev'],
        image: 'ghcr.io/acme-retail/orders',
        database: false,
      },
    });
    // The repository on the stand-in, pushed over HTTP with the token.
    const remote = standIn.git!.createRepository('acme-retail', 'orders');
    await git(['push', '-q', remote, 'main:main'], { cwd: service.work });
    // The team's edit where version 2 changes the same line.
    edit(
      path.join(service.work, 'src/config.ts'),
      "Number(env.PORT ?? '8080')",
      "Number(env.PORT ?? '3000')",
    );
    await git(['commit', '-q', '-am', 'Port 3000'], { cwd: service.work });
    await git(['push', '-q', remote, 'main:main'], { cwd: service.work });

    await publishVersion({
      portalDir: portal.dir,
      template: TEMPLATE,
      from: v1.version,
      to: '9.0.0',
      changes: 'HTTP_PORT names the port.',
      why: 'Platform-wide port naming.',
      change: skeleton =>
        edit(
          path.join(skeleton, 'src/config.ts'),
          "Number(env.PORT ?? '8080')",
          "Number(env.HTTP_PORT ?? env.PORT ?? '8080')",
        ),
    });

    const first = await host.prepare(LOCATION, { source: portal.source });
    expect(first).toMatchObject({
      outcome: {
        state: 'prepared',
        to: '9.0.0',
        conflicts: ['src/config.ts'],
      },
      pullRequestNumber: 1,
      url: 'https://github.com/acme-retail/orders/pull/1',
    });
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({
      head: 'golden-path-upgrade/typescript-service',
      base: 'main',
      title: `Golden path typescript-service: upgrade ${v1.version} → 9.0.0`,
    });
    expect(pulls[0].body).toContain(
      '**What changed:** HTTP_PORT names the port.',
    );
    expect(pulls[0].body).toContain('- `src/config.ts`');

    // The branch really is on the stand-in, with the conflict marked.
    const dir = await cloneBranch(
      remote,
      'golden-path-upgrade/typescript-service',
    );
    expect(fs.readFileSync(path.join(dir, 'src/config.ts'), 'utf8')).toMatch(
      /^<<<<<<< /m,
    );

    // A re-run finds the same pull request and updates it: no second one.
    const posts = () =>
      standIn.log.filter(r => r.method === 'POST' && r.url.endsWith('/pulls'))
        .length;
    const again = await host.prepare(LOCATION, { source: portal.source });
    expect(again).toMatchObject({
      outcome: { state: 'unchanged' },
      pullRequestNumber: 1,
    });
    expect(posts()).toBe(1);
    expect(pulls).toHaveLength(1);

    // No token in any URL git or Octokit used.
    expect(standIn.log.every(r => !r.url.includes(TOKEN))).toBe(true);

    const record = {
      entityRef: 'component:default/orders',
      template: TEMPLATE,
      fromVersion: v1.version,
      toVersion: '9.0.0',
      host: 'github' as const,
      repository: 'acme-retail/orders',
      branch: 'golden-path-upgrade/typescript-service',
      pullRequestNumber: 1,
      state: 'open' as const,
      conflicts: [],
    };
    expect(await host.status(LOCATION, record)).toBe('open');
    pulls[0].state = 'closed';
    expect(await host.status(LOCATION, record)).toBe('closed');
    pulls[0].merged = true;
    expect(await host.status(LOCATION, record)).toBe('merged');

    // Every answer the clients got was shaped like GitHub's.
    expect(standIn.violations).toEqual([]);
  });
});
