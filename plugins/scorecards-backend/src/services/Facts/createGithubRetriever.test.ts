import { mockServices } from '@backstage/backend-test-utils';
import {
  GithubOrganization,
  GithubStandIn,
  serveActions,
  serveOrganizations,
} from '@internal/github-stand-in';
import { Octokit } from '@octokit/rest';
import { EntityRecord } from '../../database/ScorecardStore';
import { createGithubRetriever, isCiWorkflow } from './createGithubRetriever';

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
      'github.hasCodeowners': true,
      'github.hasDependencyUpdates': true,
      'github.hasCiWorkflow': true,
      'github.hasImageScan': true,
      // the newest completed run on main failed; the green run on `feature` does not count
      'github.lastDefaultBranchRunPassed': false,
    });
    // only a dispatch workflow, no run on trunk: no CI, and the last run is not collected
    expect(of('legacy')).toEqual({
      'github.hasCodeowners': false,
      'github.hasDependencyUpdates': false,
      'github.hasCiWorkflow': false,
      'github.hasImageScan': false,
      'github.lastDefaultBranchRunPassed': null,
    });
    expect(of('no-repo')).toEqual({});
    expect(of('elsewhere')).toEqual({});
    expect(facts.every(f => f.collectedAt === '2026-06-05T00:00:00.000Z')).toBe(
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
