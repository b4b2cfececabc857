import { Octokit } from '@octokit/rest';
import { serveBranches } from './branches';
import { GithubOrganization, serveOrganizations } from './organization';
import { GithubStandIn } from './GithubStandIn';

const org = new GithubOrganization('acme-retail', {
  repositories: [
    {
      name: 'cart',
      files: { 'README.md': '# cart\n' },
      branches: { 'release/1.2': 'a'.repeat(40) },
      protection: {
        main: {
          required_status_checks: { strict: true, contexts: ['ci / test'] },
          enforce_admins: true,
          required_pull_request_reviews: {
            required_approving_review_count: 1,
            require_code_owner_reviews: true,
          },
          restrictions: null,
        },
      },
    },
    { name: 'web', defaultBranch: 'trunk' },
  ],
});

describe('branches and branch protection on the stand-in', () => {
  const standIn = new GithubStandIn();
  let octokit: Octokit;

  beforeAll(async () => {
    serveOrganizations(standIn, [org]);
    serveBranches(standIn, [org]);
    octokit = new Octokit({ baseUrl: await standIn.start() });
  });
  afterAll(() => standIn.stop());
  afterEach(() => {
    const violations = standIn.violations.splice(0);
    if (violations.length) throw new Error(violations.join('\n'));
  });

  it('answers a protected branch with its head and required checks', async () => {
    const { data } = await octokit.rest.repos.getBranch({
      owner: 'acme-retail',
      repo: 'cart',
      branch: 'main',
    });
    expect(data.name).toBe('main');
    expect(data.commit.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(data.protected).toBe(true);
    expect(data.protection.required_status_checks?.contexts).toEqual([
      'ci / test',
    ]);
    expect(data.protection_url).toBe(
      'https://api.github.com/repos/acme-retail/cart/branches/main/protection',
    );
  });

  it('answers a listed branch (slash in its name) as unprotected', async () => {
    const { data } = await octokit.rest.repos.getBranch({
      owner: 'acme-retail',
      repo: 'cart',
      branch: 'release/1.2',
    });
    expect(data.commit.sha).toBe('a'.repeat(40));
    expect(data.protected).toBe(false);
  });

  it('answers the protection as set, reviews and status checks included', async () => {
    const { data } = await octokit.rest.repos.getBranchProtection({
      owner: 'acme-retail',
      repo: 'cart',
      branch: 'main',
    });
    expect(data.required_pull_request_reviews).toMatchObject({
      required_approving_review_count: 1,
      require_code_owner_reviews: true,
      dismiss_stale_reviews: false,
    });
    expect(data.required_status_checks).toMatchObject({
      strict: true,
      contexts: ['ci / test'],
      checks: [{ context: 'ci / test', app_id: null }],
    });
    expect(data.enforce_admins?.enabled).toBe(true);
    expect(data.allow_force_pushes).toEqual({ enabled: false });
  });

  it('answers 404 "Branch not protected" for a branch without protection', async () => {
    await expect(
      octokit.rest.repos.getBranchProtection({
        owner: 'acme-retail',
        repo: 'web',
        branch: 'trunk',
      }),
    ).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'Branch not protected' } },
    });
  });

  it('answers 404 "Branch not found" for an unknown branch or repository', async () => {
    for (const [repo, branch] of [
      ['web', 'main'],
      ['nope', 'main'],
    ]) {
      await expect(
        octokit.rest.repos.getBranchProtection({
          owner: 'acme-retail',
          repo,
          branch,
        }),
      ).rejects.toMatchObject({
        status: 404,
        response: { data: { message: 'Branch not found' } },
      });
      await expect(
        octokit.rest.repos.getBranch({ owner: 'acme-retail', repo, branch }),
      ).rejects.toMatchObject({ status: 404 });
    }
  });

  it('answers the protection a PUT set', async () => {
    await octokit.rest.repos.updateBranchProtection({
      owner: 'acme-retail',
      repo: 'web',
      branch: 'trunk',
      required_status_checks: null,
      enforce_admins: null,
      required_pull_request_reviews: { required_approving_review_count: 2 },
      restrictions: null,
    });
    const { data } = await octokit.rest.repos.getBranchProtection({
      owner: 'acme-retail',
      repo: 'web',
      branch: 'trunk',
    });
    expect(
      data.required_pull_request_reviews?.required_approving_review_count,
    ).toBe(2);
    expect(data.required_status_checks).toBeUndefined();
    expect(data.enforce_admins?.enabled).toBe(false);
  });
});
