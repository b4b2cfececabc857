import { mockServices } from '@backstage/backend-test-utils';
import {
  GithubOrganization,
  GithubStandIn,
  serveActions,
  serveBranches,
  serveOrganizations,
} from '@internal/github-stand-in';
import { Octokit } from '@octokit/rest';
import { EntityRecord } from '../../database/ScorecardStore';
import {
  createGithubRetriever,
  isCiWorkflow,
  isProtectedForReviewAndCi,
} from './createGithubRetriever';

const CI = `name: CI
on:
  push:
    branches: [main]
  pull_request: {}
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: aquasecurity/trivy-action@0.24.0
        with:
          image-ref: ghcr.io/acme-retail/checkout:latest
`;
const DEPLOY = `name: Deploy
on:
  workflow_dispatch: {}
jobs: {}
`;

const org = new GithubOrganization('acme-retail', {
  repositories: [
    {
      name: 'checkout',
      files: {
        '.github/workflows/ci.yml': CI,
        '.github/CODEOWNERS': '* @acme-retail/payments-team\n',
        '.github/dependabot.yml': 'version: 2\nupdates: []\n',
      },
      protection: {
        main: {
          required_status_checks: { strict: true, contexts: ['CI / build'] },
          enforce_admins: true,
          required_pull_request_reviews: { required_approving_review_count: 1 },
          restrictions: null,
        },
      },
    },
    {
      name: 'legacy',
      defaultBranch: 'trunk',
      files: { '.github/workflows/deploy.yml': DEPLOY },
    },
  ],
});

function entity(name: string, repository: string | null): EntityRecord {
  return {
    entityRef: `component:default/${name}`,
    title: name,
    kind: 'Component',
    type: 'service',
    lifecycle: 'production',
    tags: [],
    ownerRef: null,
    repository,
  };
}

describe('createGithubRetriever against the GitHub stand-in', () => {
  const standIn = new GithubStandIn();
  let octokit: Octokit;

  beforeAll(async () => {
    serveOrganizations(standIn, [org]);
    serveBranches(standIn, [org]);
    const actions = serveActions(standIn, [org]);
    // checkout: green two days ago, red on the last push to main; a later green run on a branch
    actions.seedRun('acme-retail', 'checkout', {
      workflow: 'ci.yml',
      conclusion: 'success',
      createdAt: '2026-06-01T00:00:00Z',
    });
    actions.seedRun('acme-retail', 'checkout', {
      workflow: 'ci.yml',
      conclusion: 'failure',
      createdAt: '2026-06-03T00:00:00Z',
    });
    actions.seedRun('acme-retail', 'checkout', {
      workflow: 'ci.yml',
      branch: 'feature',
      conclusion: 'success',
      createdAt: '2026-06-04T00:00:00Z',
    });
    octokit = new Octokit({ baseUrl: await standIn.start(), auth: 'token' });
  });
  afterAll(() => standIn.stop());
  afterEach(() => {
    const violations = standIn.violations.splice(0);
    if (violations.length) throw new Error(violations.join('\n'));
  });

  it('reads CODEOWNERS, dependency updates, CI, the image scan and the last default-branch run', async () => {
    const logger = mockServices.logger.mock();
    let count = 0;
    octokit.hook.before('request', () => {
      count += 1;
    });
    const retriever = createGithubRetriever({
      octokitFor: async () => ({ octokit, requests: () => count }),
      logger,
      now: () => new Date('2026-06-05T00:00:00.000Z'),
    });
    const facts = await retriever.collect([
      entity('checkout', 'acme-retail/checkout'),
      entity('legacy', 'acme-retail/legacy'),
      entity('no-repo', null),
      entity('elsewhere', 'acme-retail/not-there'),
    ]);
    const of = (name: string) =>
      Object.fromEntries(
        facts
          .filter(f => f.entityRef === `component:default/${name}`)
          .map(f => [f.factId, f.value]),
      );
    expect(of('checkout')).toEqual({
      // a review and the CI check required on main
      'github.defaultBranchProtected': true,
      'github.hasCodeowners': true,
      'github.hasDependencyUpdates': true,
      'github.hasCiWorkflow': true,
      'github.hasImageScan': true,
      // the newest completed run on main failed; the green run on `feature` does not count
      'github.lastDefaultBranchRunPassed': false,
    });
    // only a dispatch workflow, no run on trunk: no CI, and the last run is not collected
    expect(of('legacy')).toEqual({
      // 404 "Branch not protected" on trunk
      'github.defaultBranchProtected': false,
      'github.hasCodeowners': false,
      'github.hasDependencyUpdates': false,
      'github.hasCiWorkflow': false,
      'github.hasImageScan': false,
      'github.lastDefaultBranchRunPassed': null,
    });
    // checkout: the workflows, ci.yml, the runs, .github/CODEOWNERS (first path), dependabot.yml
    // (first path), the protection of main = 6; legacy: the workflows, deploy.yml, the runs,
    // 3 CODEOWNERS paths, 8 dependency configuration paths, the protection of trunk = 15
    const requests = Object.fromEntries(
      logger.info.mock.calls
        .filter(
          ([message]) => message === 'Scorecards read a GitHub repository',
        )
        .map(([, meta]) => {
          const { repository, requests: cost } = meta as {
            repository: string;
            requests: number;
          };
          return [repository, cost];
        }),
    );
    expect(requests).toEqual({
      'acme-retail/checkout': 6,
      'acme-retail/legacy': 15,
    });
    expect(of('no-repo')).toEqual({});
    expect(of('elsewhere')).toEqual({});
    expect(facts.every(f => f.collectedAt === '2026-06-05T00:00:00.000Z')).toBe(
      true,
    );
  });

  it('counts the requests per repository for the daily total, and reads one repository a webhook named', async () => {
    let count = 0;
    octokit.hook.before('request', () => {
      count += 1;
    });
    const recorded: [string, number][] = [];
    const retriever = createGithubRetriever({
      octokitFor: async () => ({ octokit, requests: () => count }),
      logger: mockServices.logger.mock(),
      recordRequests: async (repository, requests) => {
        recorded.push([repository, requests]);
      },
    });
    // two components in one repository: it is read once, both get its facts
    const shared = [
      entity('checkout', 'acme-retail/checkout'),
      entity('checkout-worker', 'Acme-Retail/Checkout'),
      entity('legacy', 'acme-retail/legacy'),
    ];
    const facts = await retriever.collect(shared);
    expect(new Set(facts.map(f => f.entityRef))).toEqual(
      new Set(shared.map(e => e.entityRef)),
    );
    // the organisation's one page of repositories, then 6 and 15 as above
    expect(recorded).toEqual([
      ['acme-retail/*', 1],
      ['acme-retail/checkout', 6],
      ['acme-retail/legacy', 15],
    ]);

    // a webhook named checkout and its default branch: no list of the organisation, 6 requests
    recorded.length = 0;
    const again = await retriever.collectRepository(
      { fullName: 'Acme-Retail/checkout', defaultBranch: 'main' },
      shared,
    );
    expect(recorded).toEqual([['acme-retail/checkout', 6]]);
    expect(
      again
        .filter(f => f.entityRef === 'component:default/checkout-worker')
        .map(f => [f.factId, f.value]),
    ).toContainEqual(['github.hasCodeowners', true]);
    expect(new Set(again.map(f => f.entityRef))).toEqual(
      new Set([
        'component:default/checkout',
        'component:default/checkout-worker',
      ]),
    );
    // a repository no component names: nothing read, nothing counted
    recorded.length = 0;
    expect(
      await retriever.collectRepository(
        { fullName: 'acme-retail/unrelated', defaultBranch: 'main' },
        shared,
      ),
    ).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('leaves protection uncollected when the portal may not read it (403)', async () => {
    standIn.fault(/\/branches\/main\/protection$/, {
      kind: 'status',
      status: 403,
      times: 1,
    });
    const retriever = createGithubRetriever({
      octokitFor: async () => ({ octokit, requests: () => 0 }),
      logger: mockServices.logger.mock(),
    });
    const facts = await retriever.collect([
      entity('checkout', 'acme-retail/checkout'),
    ]);
    expect(
      facts.find(f => f.factId === 'github.defaultBranchProtected')?.value,
    ).toBeNull();
    expect(facts.find(f => f.factId === 'github.hasCodeowners')?.value).toBe(
      true,
    );
  });

  it('keeps a repository’s earlier facts when GitHub fails', async () => {
    const logger = mockServices.logger.mock();
    const retriever = createGithubRetriever({
      octokitFor: async () => {
        throw new Error('no integrations.github entry');
      },
      logger,
    });
    expect(
      await retriever.collect([entity('checkout', 'acme-retail/checkout')]),
    ).toEqual([]);
    expect(logger.warn).toHaveBeenCalled();
  });
});

describe('isCiWorkflow', () => {
  it.each([
    ['on: push', true],
    ['on: [pull_request]', true],
    ['on:\n  pull_request:\n    branches: [main]', true],
    ['on: workflow_dispatch', false],
    ['on:\n  schedule:\n    - cron: "0 0 * * *"', false],
    ['not: [valid', false],
  ])('%p → %p', (source, expected) => {
    expect(isCiWorkflow(source)).toBe(expected);
  });
});

describe('isProtectedForReviewAndCi', () => {
  const reviews = (n: number) => ({ required_approving_review_count: n });
  const checks = {
    contexts: ['CI / build'],
    checks: [{ context: 'CI / build' }],
  };
  it.each([
    // no rule at all (404 "Branch not protected")
    ['no protection', null, false],
    // a rule with neither reviews nor checks (e.g. only force pushes blocked)
    ['empty rule', {}, false],
    // 1 approving review ≥ 1, 1 required check ≥ 1
    [
      'review and CI',
      {
        required_pull_request_reviews: reviews(1),
        required_status_checks: checks,
      },
      true,
    ],
    // 2 reviews ≥ 1; the check given only as `checks` (app-bound) counts too
    [
      'two reviews, app check',
      {
        required_pull_request_reviews: reviews(2),
        required_status_checks: {
          contexts: [],
          checks: [{ context: 'build' }],
        },
      },
      true,
    ],
    // pull requests required but 0 approvals: nobody has to review
    [
      'pull request without approval',
      {
        required_pull_request_reviews: reviews(0),
        required_status_checks: checks,
      },
      false,
    ],
    // reviews but status checks switched on with no check named: CI is not required
    [
      'review, no check named',
      {
        required_pull_request_reviews: reviews(1),
        required_status_checks: { contexts: [], checks: [] },
      },
      false,
    ],
    // CI required, no review
    [
      'CI only',
      { required_pull_request_reviews: null, required_status_checks: checks },
      false,
    ],
  ])('%s', (_name, protection, expected) => {
    expect(isProtectedForReviewAndCi(protection)).toBe(expected);
  });
});
