import { mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_DORA_THRESHOLDS } from '@internal/plugin-insights-common';
import { Knex } from 'knex';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { insightsMigrations } from '../../database/migrations';
import {
  commitObject,
  comparisonObject,
  deploymentObject,
  GithubStandIn,
  issueObject,
  pullObject,
  statusObject,
} from '../../__testUtils__/githubStandIn';
import { DoraService } from '../Dora/DoraService';
import { DatabaseBackfillStore } from '../../database/DatabaseBackfillStore';
import { DatabaseDoraStore } from '../../database/DatabaseDoraStore';
import { DatabaseGithubStore } from '../../database/DatabaseGithubStore';
import { ConfigReader } from '@backstage/config';
import { createGithubOctokitProvider } from '@internal/github-octokit';
import { serveApp, StandInApp } from '@internal/github-stand-in';
import { GithubBackfill } from './GithubBackfill';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

const R = 'acme/payments';

/** Repositories GitHub refuses the way it refuses a private or SAML-protected one. */
const refused = new Set<string>();
const notAccessible = {
  status: 403,
  body: {
    message: 'Resource not accessible by integration',
    documentation_url:
      'https://docs.github.com/rest/deployments/deployments#list-deployments',
  },
};

function standIn() {
  const gh = new GithubStandIn();
  const deployments = [
    deploymentObject({
      repo: R,
      id: 303,
      sha: 'd3',
      environment: 'production',
      createdAt: '2025-03-03T09:00:00Z',
    }),
    deploymentObject({
      repo: R,
      id: 302,
      sha: 'd2',
      environment: 'staging',
      createdAt: '2025-03-02T09:00:00Z',
    }),
    deploymentObject({
      repo: R,
      id: 301,
      sha: 'd1',
      environment: 'production',
      createdAt: '2025-03-01T09:00:00Z',
    }),
  ];
  gh.route('/repos/{owner}/{repo}/deployments', m => {
    if (refused.has(`${m[1]}/${m[2]}`)) return notAccessible;
    return `${m[1]}/${m[2]}` === R ? deployments : [];
  });
  const statuses: Record<string, unknown[]> = {
    '301': [
      statusObject({ id: 2, state: 'success', at: '2025-03-01T10:00:00Z' }),
      statusObject({ id: 1, state: 'pending', at: '2025-03-01T09:05:00Z' }),
    ],
    '302': [
      statusObject({ id: 3, state: 'success', at: '2025-03-02T10:00:00Z' }),
    ],
    '303': [
      statusObject({ id: 5, state: 'success', at: '2025-03-03T12:00:00Z' }),
      statusObject({ id: 4, state: 'failure', at: '2025-03-03T09:30:00Z' }),
    ],
  };
  gh.route(
    '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    m => statuses[m[3]] ?? [],
  );
  gh.route('/repos/{owner}/{repo}/commits/{ref}', m =>
    commitObject({ sha: m[3], authoredAt: '2025-03-01T06:00:00Z' }),
  );
  gh.route('/repos/{owner}/{repo}/compare/{basehead}', () =>
    comparisonObject([
      { sha: 'k1', authoredAt: '2025-03-02T12:00:00Z' },
      { sha: 'k2', authoredAt: '2025-03-03T00:00:00Z' },
      { sha: 'd3', authoredAt: '2025-03-03T06:00:00Z' },
    ]),
  );
  gh.route('/repos/{owner}/{repo}/issues', m =>
    `${m[1]}/${m[2]}` === R
      ? [
          issueObject({
            id: 7001,
            number: 10,
            labels: ['incident', 'sev2'],
            createdAt: '2025-03-03T13:00:00Z',
            closedAt: '2025-03-03T14:30:00Z',
          }),
          issueObject({
            id: 7002,
            number: 11,
            labels: ['bug'],
            createdAt: '2025-03-02T13:00:00Z',
            closedAt: null,
          }),
          issueObject({
            id: 7003,
            number: 12,
            labels: ['incident'],
            createdAt: '2025-03-02T13:00:00Z',
            closedAt: null,
            pullRequest: true,
          }),
        ]
      : [],
  );
  gh.route('/repos/{owner}/{repo}/pulls', () => [
    pullObject({ number: 5, mergedAt: '2025-03-02T13:00:00Z' }),
    pullObject({ number: 6, mergedAt: null }),
  ]);
  return gh;
}

describe.each(databases.eachSupportedId())(
  'GitHub backfill on %p',
  databaseId => {
    let knex: Knex;
    let gh: GithubStandIn;
    let baseUrl: string;
    let app: StandInApp;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest(insightsMigrations);
      gh = standIn();
      app = serveApp(gh, { installedOn: ['acme'] });
      baseUrl = await gh.start();
    });

    afterAll(async () => {
      await gh.stop();
      await knex.destroy();
    });

    /** GitHub through the integrations, as the plugin reaches it: a token unless told otherwise. */
    const octokitFor = (
      integration: Record<string, unknown> = { token: 'test-token' },
    ) => {
      const github = createGithubOctokitProvider({
        config: new ConfigReader({
          integrations: {
            github: [
              { host: 'github.com', apiBaseUrl: baseUrl, ...integration },
            ],
          },
        }),
        logger: mockServices.logger.mock(),
        userAgent: 'portal-test',
        timeoutMs: 2000,
        retryAfterBaseValue: 5,
      });
      return (repository: string) =>
        github.forUrl(`https://github.com/${repository}`).octokit;
    };

    const backfill = (
      repositories: string[],
      options: Partial<ConstructorParameters<typeof GithubBackfill>[0]> = {},
    ) =>
      new GithubBackfill({
        organizations: ['acme'],
        ...options,
        backfillStore: new DatabaseBackfillStore(knex),
        store: new DatabaseGithubStore(knex, {
          productionPattern: '^prod(uction)?$',
          incidentPattern: 'incident',
        }),
        logger: mockServices.logger.mock(),
        repositories: async () => repositories,
        octokit: options.octokit ?? octokitFor(),
      });

    it('loads deployments, statuses, changes, incidents and pull requests through faults', async () => {
      // A 500 on the first status request (retried), a primary rate limit on compare (waits for
      // the reset), a secondary rate limit on issues (waits for retry-after); acme/broken fails.
      gh.fault(/\/deployments\/301\/statuses$/, {
        kind: 'status',
        status: 502,
        times: 1,
      });
      gh.fault(/\/compare\//, { kind: 'primaryRateLimit', times: 1 });
      gh.fault(/\/acme\/payments\/issues$/, {
        kind: 'secondaryRateLimit',
        times: 1,
      });
      gh.fault(/^\/repos\/acme\/broken\//, {
        kind: 'status',
        status: 500,
        times: 1000,
      });

      const job = backfill([R, 'acme/broken']);
      await job.run();

      const status = await job.status();
      expect(status.running).toBe(false);
      expect(status.lastRun).toMatchObject({
        repositoriesTotal: 2,
        repositoriesDone: 1,
      });
      expect(status.lastRun!.errors).toEqual([
        {
          repository: 'acme/broken',
          message: expect.stringContaining('HTTP 500'),
        },
      ]);
      // Faults were answered and retried.
      expect(gh.log.filter(l => l.status === 502)).toHaveLength(1);
      expect(gh.log.filter(l => l.status === 403)).toHaveLength(2);

      const deps = await knex('insights_deployments').orderBy('deployment_id');
      expect(
        deps.map(d => [
          Number(d.deployment_id),
          d.is_production,
          d.changes_resolved,
        ]),
      ).toEqual([
        [301, true, true],
        [302, false, false],
        [303, true, true],
      ]);
      // Pagination: page size 2 → deployments on 2 pages, both read.
      expect(
        gh.log.some(
          l => l.url.includes('/deployments?') && l.url.includes('page=2'),
        ),
      ).toBe(true);
      expect(await knex('insights_pull_requests')).toHaveLength(1);
      // The pull request listed among issues is skipped; the "bug" issue is stored, not an incident.
      const issues = await knex('insights_incidents').orderBy('issue_id');
      expect(issues.map(i => [Number(i.issue_id), i.is_incident])).toEqual([
        [7001, true],
        [7002, false],
      ]);

      // DORA over [2025-03-01, 2025-03-08):
      // deployments 301 (Mar 1 10:00, its first success) and 303 (Mar 3 12:00; the failure is ignored) = 2.
      // changes: 301 (first known) → d1 authored 06:00 → 4 h;
      //          303 → compare d1...d3 → k1 (Mar 2 12:00) 24 h, k2 (Mar 3 00:00) 12 h, d3 (06:00) 6 h.
      // sorted 4, 6, 12, 24: median pos 1.5 → (6 + 12) / 2 = 9; p90 pos 2.7 → 12 + 0.7 × 12 = 20.4.
      // incident 7001 (Mar 3 13:00) → 303: 1 of 2 = 0.5; restored in 1.5 h → high.
      const dora = await new DoraService(
        new DatabaseDoraStore(knex),
        DEFAULT_DORA_THRESHOLDS,
      ).summary({
        repositories: [R],
        from: new Date('2025-03-01T00:00:00Z'),
        to: new Date('2025-03-08T00:00:00Z'),
        scope: { repositories: 1 },
      });
      expect(dora.deploymentFrequency.deployments).toBe(2);
      expect(dora.leadTimeForChanges).toEqual({
        changes: 4,
        medianHours: 9,
        p90Hours: expect.closeTo(20.4, 10),
        category: 'elite',
      });
      expect(dora.changeFailureRate).toMatchObject({
        failedDeployments: 1,
        rate: 0.5,
      });
      expect(dora.timeToRestore).toEqual({
        incidents: 1,
        medianHours: 1.5,
        category: 'high',
      });
      // Every answer of the stand-in matched GitHub's OpenAPI description.
      expect(gh.violations).toEqual([]);
    });

    it('spends no rate limit on unchanged lists the second time (ETag → 304)', async () => {
      const before = gh.log.length;
      await backfill([R]).run();
      const second = gh.log.slice(before);
      const notModified = second
        .filter(l => l.status === 304)
        .map(l => l.url.split('?')[0]);
      expect(notModified).toEqual(
        expect.arrayContaining([
          `/repos/${R}/deployments`,
          `/repos/${R}/pulls`,
        ]),
      );
      // Nothing already resolved is fetched again.
      expect(second.some(l => l.url.includes('/compare/'))).toBe(false);
      expect(second.some(l => l.url.includes('/statuses'))).toBe(false);
      expect(await knex('insights_deployment_changes')).toHaveLength(4);
      expect(gh.violations).toEqual([]);
    });

    it('stops when a rate limit is not lifted, and the next run resumes there', async () => {
      gh.fault(/^\/repos\/acme\/limited\//, {
        kind: 'primaryRateLimit',
        times: 1000,
      });
      const job = backfill(['acme/limited', R]);
      await job.run();
      let status = await job.status();
      // acme/limited was never synced, so it comes first; the run stops there.
      expect(status.lastRun!.repositoriesDone).toBe(0);
      expect(status.lastRun!.errors.map(e => e.repository)).toEqual([
        'acme/limited',
        '*',
      ]);
      expect(status.lastRun!.errors[1].message).toContain('rate limit');

      gh.faults.clear();
      await job.run();
      status = await job.status();
      expect(status.lastRun).toMatchObject({
        repositoriesTotal: 2,
        repositoriesDone: 2,
        errors: [],
      });
      expect(gh.violations).toEqual([]);
    });

    it('records a repository GitHub refuses (403, not a rate limit), waits with backoff and goes on', async () => {
      refused.add('acme/private');
      let now = new Date('2026-01-01T00:00:00Z');
      const job = backfill(['acme/private', 'acme/zz-after', R], {
        now: () => now,
        retryDelayMinutes: 60,
      });
      await job.run();
      let status = await job.status();
      // acme/private comes first (never synced) and fails; the run goes on with the others.
      expect(status.lastRun).toMatchObject({
        repositoriesTotal: 3,
        repositoriesDone: 2,
      });
      expect(status.lastRun!.errors).toEqual([
        {
          repository: 'acme/private',
          message: expect.stringContaining(
            'HTTP 403: Resource not accessible by integration',
          ),
        },
      ]);
      const failure = await knex('insights_backfill_repositories')
        .where({ repository: 'acme/private' })
        .first();
      expect(failure).toMatchObject({ failed_attempts: 1 });
      expect(new Date(failure.next_attempt_at).toISOString()).toBe(
        '2026-01-01T01:00:00.000Z',
      );

      // Within the wait, the repository is not requested again, and not first.
      const requestsBefore = gh.requests(/^\/repos\/acme\/private\//);
      now = new Date('2026-01-01T00:30:00Z');
      await job.run();
      status = await job.status();
      expect(gh.requests(/^\/repos\/acme\/private\//)).toBe(requestsBefore);
      expect(status.lastRun!.repositoriesDone).toBe(2);
      expect(status.lastRun!.errors[0]).toMatchObject({
        repository: 'acme/private',
        message: expect.stringContaining(
          'waiting until 2026-01-01T01:00:00.000Z',
        ),
      });

      // After it, tried again; failing again doubles the wait (2 h).
      now = new Date('2026-01-01T01:00:01Z');
      await job.run();
      const again = await knex('insights_backfill_repositories')
        .where({ repository: 'acme/private' })
        .first();
      expect(again.failed_attempts).toBe(2);
      expect(new Date(again.next_attempt_at).toISOString()).toBe(
        '2026-01-01T03:00:01.000Z',
      );

      // Once GitHub answers, the failures are forgotten.
      refused.delete('acme/private');
      now = new Date('2026-01-01T03:00:02Z');
      await job.run();
      const healed = await knex('insights_backfill_repositories')
        .where({ repository: 'acme/private' })
        .first();
      expect(healed).toMatchObject({ failed_attempts: 0, last_error: null });
      expect(healed.next_attempt_at).toBeNull();
      expect(gh.violations).toEqual([]);
    });

    it('reads only repositories of the configured organisations', async () => {
      const job = backfill(['evil/secret', 'acme/..', 'acme/zz-after'], {
        organizations: ['ACME'],
      });
      const before = gh.log.length;
      await job.run();
      expect(gh.requests(/^\/repos\/evil\//)).toBe(0);
      // Only acme/zz-after was requested.
      expect(
        gh.log
          .slice(before)
          .every(l => l.url.startsWith('/repos/acme/zz-after/')),
      ).toBe(true);
      const status = await job.status();
      expect(status.lastRun).toMatchObject({
        repositoriesTotal: 1,
        repositoriesDone: 1,
      });
      expect(status.lastRun!.errors[0].message).toContain(
        '2 repositories not of the form owner/name or outside insights.github.organizations',
      );
      // Without organisations, nothing is read.
      const quiet = gh.log.length;
      await backfill(['acme/zz-after'], { organizations: [] }).run();
      expect(gh.log.length).toBe(quiet);
    });

    it('reads at most the configured issue pages per repository per run', async () => {
      // The stand-in pages by 2: R has 3 issues on 2 pages.
      await knex('insights_backfill_repositories')
        .where({ repository: R })
        .update({ issues_since: null });
      const before = gh.requests(/^\/repos\/acme\/payments\/issues$/);
      await backfill([R], { maxIssuePagesPerRepository: 1 }).run();
      expect(gh.requests(/^\/repos\/acme\/payments\/issues$/) - before).toBe(1);
      const state = await knex('insights_backfill_repositories')
        .where({ repository: R })
        .first();
      // It records how far it got; the next run goes on from there.
      expect(state.issues_since).not.toBeNull();
    });

    it('stops between repositories once the scheduler aborts the run', async () => {
      const controller = new AbortController();
      gh.route('/repos/{owner}/{repo}/pulls', () => {
        controller.abort();
        return [];
      });
      gh.routes.unshift(gh.routes.pop()!);
      const job = backfill(['acme/aa-first', 'acme/ab-second']);
      await job.run(controller.signal);
      expect(gh.requests(/^\/repos\/acme\/ab-second\//)).toBe(0);
      const status = await job.status();
      expect(status.lastRun!.finishedAt).not.toBeNull();
      expect(status.lastRun!.errors).toEqual([
        { repository: '*', message: 'stopped: run aborted' },
      ]);
      gh.routes.shift();
    });

    it("reads with a GitHub App's installation token when the integration is an app", async () => {
      const before = gh.log.length;
      await backfill(['acme/app-read'], {
        octokit: octokitFor({
          apps: [
            {
              appId: app.appId,
              privateKey: app.privateKey,
              clientId: 'Iv1.standin',
              clientSecret: 'standin-secret',
              webhookSecret: 'standin-webhook',
            },
          ],
        }),
      }).run();
      const reads = gh.log
        .slice(before)
        .filter(l => l.url.startsWith('/repos/acme/app-read/'));
      expect(reads.length).toBeGreaterThan(0);
      for (const read of reads) {
        const token = read.authorization?.replace(/^token /, '');
        expect(app.issuedTokens.get(token ?? '')).toBe('acme');
      }
      expect(gh.violations).toEqual([]);
    });
  },
);
