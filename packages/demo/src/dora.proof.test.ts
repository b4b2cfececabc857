import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  doraTruth,
  DoraTruth,
  loadHistorySpec,
  serveSample,
} from '@internal/github-stand-in';
// The proof runs the Insights backend itself, as the portal does, against the stand-in.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import insightsPlugin from '@internal/plugin-insights-backend';
import { createPostgresTestDatabases } from '@internal/test-databases';
import request from 'supertest';
import { repositoriesByTeam, sampleEntities } from './sampleCatalog';

jest.setTimeout(600_000);

const databases = createPostgresTestDatabases();
/** The day the demo "starts": the history is the days before it. */
const END = new Date('2026-11-30T00:00:00Z');
/**
 * The demo's history, over 63 days instead of a year so the backfill reads it in a minute or
 * two, with the storefront team adopting the platform 35 days before the end.
 */
function shorterHistory() {
  const spec = loadHistorySpec();
  return {
    days: 63,
    teams: {
      ...spec.teams,
      'storefront-team': {
        ...spec.teams['storefront-team'],
        adopted: { daysAgo: 35, profile: 'elite' },
      },
    },
  };
}

/** The portal's answer, in the truth's terms. */
function figures(body: any): DoraTruth {
  return {
    deployments: body.deploymentFrequency.deployments,
    deploymentsPerWeek: body.deploymentFrequency.deploymentsPerWeek,
    medianDeployDaysPerWeek: body.deploymentFrequency.medianDeployDaysPerWeek,
    medianDeployDaysPerMonth: body.deploymentFrequency.medianDeployDaysPerMonth,
    deploymentFrequencyCategory: body.deploymentFrequency.category,
    changes: body.leadTimeForChanges.changes,
    leadTimeMedianHours: body.leadTimeForChanges.medianHours,
    leadTimeP90Hours: body.leadTimeForChanges.p90Hours,
    leadTimeCategory: body.leadTimeForChanges.category,
    failedDeployments: body.changeFailureRate.failedDeployments,
    changeFailureRate: body.changeFailureRate.rate,
    changeFailureRateCategory: body.changeFailureRate.category,
    incidentsRestored: body.timeToRestore.incidents,
    timeToRestoreMedianHours: body.timeToRestore.medianHours,
    timeToRestoreCategory: body.timeToRestore.category,
  };
}

/** Numbers to 9 significant digits (PostgreSQL's double arithmetic against JavaScript's). */
function rounded(t: DoraTruth) {
  return Object.fromEntries(
    Object.entries(t).map(([k, v]) => [
      k,
      typeof v === 'number' ? Number(v.toPrecision(9)) : v,
    ]),
  );
}

describe.each(databases.eachSupportedId())(
  'the demo organisation through the insights backfill on %p',
  databaseId => {
    let served: Awaited<ReturnType<typeof serveSample>>;
    let server: Parameters<typeof request>[0];
    let backfillErrors: unknown[] = [];
    const entities = sampleEntities();
    const teams = repositoriesByTeam(entities);

    beforeAll(async () => {
      served = await serveSample({
        demo: { end: END, trickleSeconds: 0, overrides: shorterHistory() },
      });
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          insightsPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              integrations: {
                github: [
                  {
                    host: 'github.com',
                    apiBaseUrl: served.url,
                    token: 'demo-token',
                  },
                ],
              },
              insights: {
                github: { organizations: 'acme-retail' },
                backfill: {
                  enabled: true,
                  initialDelaySeconds: 3600,
                  maxIssuePagesPerRepository: 50,
                },
              },
            },
          }),
          catalogServiceMock.factory({ entities: entities as any }),
        ],
      }));
      const user = mockCredentials.user.header();
      const run = await request(server)
        .post('/api/insights/backfill/run')
        .set('Authorization', user);
      if (run.status >= 300) {
        throw new Error(`backfill/run: ${run.status} ${run.text}`);
      }
      // The backfill runs in the background; wait for its run to finish.
      for (;;) {
        const status = await request(server)
          .get('/api/insights/backfill/status')
          .set('Authorization', user);
        if (status.body.lastRun?.finishedAt && !status.body.running) {
          backfillErrors = status.body.lastRun.errors;
          break;
        }
        await new Promise(r => setTimeout(r, 500));
      }
    });

    afterAll(async () => {
      await served?.stop();
    });

    const window = () => ({
      from: new Date(served.demo!.history.from),
      to: new Date(served.demo!.history.to),
    });
    const dora = async (query: Record<string, string>) => {
      const w = window();
      // The backfill read every repository without an error, and every answer it read
      // matched GitHub's OpenAPI description.
      expect(backfillErrors).toEqual([]);
      expect(served.standIn.violations).toEqual([]);
      const res = await request(server)
        .get('/api/insights/dora')
        .query({ ...query, from: w.from.toISOString(), to: w.to.toISOString() })
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      return figures(res.body);
    };

    it.each([
      'payments-team',
      'platform-team',
      'identity-team',
      'data-team',
      'storefront-team',
    ])("shows %s's DORA figures as the generator made them", async team => {
      const repositories = teams.get(team)!.map(s => s.split('/')[1]);
      expect(repositories.length).toBeGreaterThan(0);
      const truth = doraTruth(served.demo!.history, repositories, window());
      expect(truth.deployments).toBeGreaterThan(0);
      const shown = await dora({ group: `group:default/${team}` });
      expect(rounded(shown)).toEqual(rounded(truth));
    });

    it("shows the organisation's DORA figures, without the repositories outside the catalog", async () => {
      const repositories = [...teams.values()].flat().map(s => s.split('/')[1]);
      const truth = doraTruth(served.demo!.history, repositories, window());
      const everything = doraTruth(
        served.demo!.history,
        Object.keys(served.demo!.history.commits),
        window(),
      );
      // The uncatalogued repositories did deploy: leaving them out is part of what is checked.
      expect(everything.deployments).toBeGreaterThan(truth.deployments);
      const shown = await dora({});
      expect(rounded(shown)).toEqual(rounded(truth));
    });

    it('tells the story: an elite team, a struggling one', async () => {
      const payments = await dora({ group: 'group:default/payments-team' });
      const data = await dora({ group: 'group:default/data-team' });
      expect(payments.deploymentFrequencyCategory).toBe('elite');
      expect(data.leadTimeCategory).toBe('low');
    });
  },
);
