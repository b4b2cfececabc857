import { AddressInfo } from 'node:net';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import eventsPlugin from '@backstage/plugin-events-backend';
import {
  doraTruth,
  DoraTruth,
  loadHistorySpec,
  serveSample,
  TrickleEvent,
} from '@internal/github-stand-in';
// The proof runs the portal's own backends, as the portal does, against the stand-in.
/* eslint-disable @backstage/no-mixed-plugin-imports */
import insightsPlugin, {
  githubWebhookModule,
} from '@internal/plugin-insights-backend';
import { serviceOverviewPlugin } from '@internal/plugin-service-overview-backend';
/* eslint-enable @backstage/no-mixed-plugin-imports */
import { createPostgresTestDatabases } from '@internal/test-databases';
import request from 'supertest';
import {
  repositoriesByTeam,
  SampleEntity,
  sampleEntities,
} from './sampleCatalog';

jest.setTimeout(600_000);

const databases = createPostgresTestDatabases();
/** The day the demo "starts": the history is the days before it. */
const END = new Date('2026-11-30T00:00:00Z');
const WEBHOOK_SECRET = 'demo-webhook-secret';
/** Steps of the live trickle the proof takes (each one to three deliveries). */
const TRICKLE_STEPS = 24;
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

/**
 * Adoption as docs/plugins/insights.md defines it, worked out from the catalog's files and the
 * repositories whose workflow runs the stand-in delivered (none of the portal's code): a
 * component is on the platform when created from a golden path, or when it has an owner, docs,
 * CI (a project slug and a run) and a kubernetes-id; a team when it owns one that is.
 */
function adoptionTruth(entities: SampleEntity[], withRuns: Set<string>) {
  const components = entities.filter(e => e.kind === 'Component');
  const onPlatform = new Map<string, boolean>();
  const teams = new Map<string, boolean>();
  for (const c of components) {
    const a = c.metadata.annotations ?? {};
    const slug = a['github.com/project-slug'];
    const on =
      Boolean(a['backstage.io/source-template']) ||
      (Boolean(c.spec?.owner) &&
        Boolean(a['backstage.io/techdocs-ref']) &&
        Boolean(slug) &&
        withRuns.has(slug.toLowerCase()) &&
        Boolean(a['backstage.io/kubernetes-id']));
    onPlatform.set(`component:default/${c.metadata.name}`, on);
    const team = `group:default/${String(c.spec?.owner).replace(
      /^group:(default\/)?/,
      '',
    )}`;
    teams.set(team, (teams.get(team) ?? false) || on);
  }
  return {
    onPlatform,
    components: {
      numerator: [...onPlatform.values()].filter(Boolean).length,
      denominator: onPlatform.size,
    },
    teams: {
      numerator: [...teams.values()].filter(Boolean).length,
      denominator: teams.size,
    },
  };
}

/**
 * The scaffolder's task list (`GET /v2/tasks`), which the adoption figures read: the demo
 * organisation has run no golden path yet.
 */
const scaffolderWithoutTasks = createBackendPlugin({
  pluginId: 'scaffolder',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use((req, res, next) => {
          if (req.method === 'GET' && req.path === '/v2/tasks') {
            res.json({ tasks: [], totalTasks: 0 });
          } else next();
        });
      },
    });
  },
});

describe.each(databases.eachSupportedId())(
  'the demo organisation through the portal on %p',
  databaseId => {
    let served: Awaited<ReturnType<typeof serveSample>>;
    let server: Parameters<typeof request>[0];
    let backfillErrors: unknown[] = [];
    /** The stand-in delivers webhooks here; the portal's port is known once it listens. */
    const webhooks = { url: 'http://127.0.0.1:1/', secret: WEBHOOK_SECRET };
    let port = 0;
    const entities = sampleEntities();
    const teams = repositoriesByTeam(entities);
    const user = mockCredentials.user.header();

    beforeAll(async () => {
      served = await serveSample({
        webhooks,
        // The trickle's timer never fires during the proof; the proof takes its steps.
        demo: { end: END, trickleSeconds: 3600, overrides: shorterHistory() },
      });
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          insightsPlugin,
          eventsPlugin,
          githubWebhookModule,
          serviceOverviewPlugin,
          scaffolderWithoutTasks,
          mockServices.database.factory({ knex }),
          // Plugins call each other (the webhook hands deliveries to insights) on this backend.
          createServiceFactory({
            service: coreServices.discovery,
            deps: {},
            factory: () => ({
              getBaseUrl: async (pluginId: string) =>
                `http://127.0.0.1:${port}/api/${pluginId}`,
              getExternalBaseUrl: async (pluginId: string) =>
                `http://127.0.0.1:${port}/api/${pluginId}`,
            }),
          }),
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
              events: {
                modules: { github: { webhookSecret: WEBHOOK_SECRET } },
              },
              insights: {
                github: { organizations: 'acme-retail' },
                backfill: {
                  enabled: true,
                  initialDelaySeconds: 3600,
                  maxIssuePagesPerRepository: 50,
                },
              },
              serviceOverview: {
                github: {
                  organizations: 'acme-retail',
                  schedule: {
                    frequency: { hours: 24 },
                    timeout: { minutes: 5 },
                    initialDelay: { hours: 1 },
                  },
                },
              },
            },
          }),
          catalogServiceMock.factory({ entities: entities as any }),
        ],
      }));
      port = ((server as any).address() as AddressInfo).port;
      webhooks.url = `http://127.0.0.1:${port}/api/events/http/github`;

      const run = await request(server)
        .post('/api/insights/backfill/run')
        .set('Authorization', user);
      if (run.status >= 300) {
        throw new Error(`backfill/run: ${run.status} ${run.text}`);
      }
      const scan = await request(server)
        .post('/api/service-overview/coverage/scan')
        .set('Authorization', user);
      if (scan.status >= 300) {
        throw new Error(`coverage/scan: ${scan.status} ${scan.text}`);
      }
      // Both run in the background; wait for them to finish.
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

    const historyWindow = () => ({
      from: new Date(served.demo!.history.from),
      to: new Date(served.demo!.history.to),
    });
    const dora = async (
      query: Record<string, string>,
      window = historyWindow(),
    ) => {
      // The backfill read every repository without an error, and every answer it read
      // matched GitHub's OpenAPI description.
      expect(backfillErrors).toEqual([]);
      expect(served.standIn.violations).toEqual([]);
      const res = await request(server)
        .get('/api/insights/dora')
        .query({
          ...query,
          from: window.from.toISOString(),
          to: window.to.toISOString(),
        })
        .set('Authorization', user);
      expect(res.status).toBe(200);
      return figures(res.body);
    };
    const catalogued = () =>
      [...teams.values()].flat().map(s => s.split('/')[1]);

    it.each([
      'payments-team',
      'platform-team',
      'identity-team',
      'data-team',
      'storefront-team',
    ])("shows %s's DORA figures as the generator made them", async team => {
      const repositories = teams.get(team)!.map(s => s.split('/')[1]);
      expect(repositories.length).toBeGreaterThan(0);
      const truth = doraTruth(
        served.demo!.history,
        repositories,
        historyWindow(),
      );
      expect(truth.deployments).toBeGreaterThan(0);
      const shown = await dora({ group: `group:default/${team}` });
      expect(rounded(shown)).toEqual(rounded(truth));
    });

    it("shows the organisation's DORA figures, without the repositories outside the catalog", async () => {
      const truth = doraTruth(
        served.demo!.history,
        catalogued(),
        historyWindow(),
      );
      const everything = doraTruth(
        served.demo!.history,
        Object.keys(served.demo!.history.commits),
        historyWindow(),
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

    it('lists as "Not in the catalog yet" exactly the repositories the demo made without a catalog-info.yaml', async () => {
      // The fixture's repositories without one, and one per catalogued project slug.
      const uncatalogued = Object.keys(loadHistorySpec().uncatalogued ?? {});
      expect(uncatalogued.length).toBeGreaterThan(0);
      const slugs = catalogued();
      let coverage: any;
      for (;;) {
        coverage = await request(server)
          .get('/api/service-overview/coverage')
          .set('Authorization', user);
        expect(coverage.status).toBe(200);
        if (coverage.body.scannedAt) break;
        await new Promise(r => setTimeout(r, 250));
      }
      expect(coverage.body).toMatchObject({
        configured: true,
        organizations: ['acme-retail'],
        repositories: slugs.length + uncatalogued.length,
        covered: slugs.length,
      });
      expect(coverage.body.share).toBeCloseTo(
        slugs.length / (slugs.length + uncatalogued.length),
        12,
      );
      const list = await request(server)
        .get('/api/service-overview/coverage/repositories')
        .query({ limit: 100 })
        .set('Authorization', user);
      expect(list.status).toBe(200);
      expect(list.body.totalItems).toBe(uncatalogued.length);
      expect(list.body.items.map((r: any) => r.name).sort()).toEqual(
        [...uncatalogued].sort(),
      );
    });

    describe('with the live trickle', () => {
      const events: TrickleEvent[] = [];
      let startedAt: Date;
      let deploymentsBefore: number;

      beforeAll(async () => {
        startedAt = new Date(Date.now() - 1000);
        deploymentsBefore = served.demo!.history.deployments.length;
        for (let step = 0; step < TRICKLE_STEPS; step++) {
          events.push(...(await served.trickle!.tick()));
        }
        // The workflow runs' webhooks go out beside the steps' own; wait for their answers.
        await served.settled();
      });

      const trickleWindow = () => ({
        from: startedAt,
        to: new Date(Date.now() + 60_000),
      });

      it('has every delivery accepted by the portal (signature, payload, stored)', () => {
        expect(events.length).toBeGreaterThanOrEqual(TRICKLE_STEPS);
        expect(events.filter(e => e.status !== 202)).toEqual([]);
        const runs = served.actions.deliveries.filter(d =>
          events.some(e => e.workflowRun?.id === d.runId),
        );
        expect(runs.length).toBe(events.filter(e => e.workflowRun).length);
        expect(runs.filter(d => d.status !== 202)).toEqual([]);
      });

      it('counts each production deployment it delivered once, per team and for the organisation', async () => {
        const delivered = events.filter(e => e.event === 'deployment');
        // The steps deployed something, and the history the stand-in serves grew by as much.
        expect(delivered.length).toBeGreaterThan(0);
        expect(
          served.demo!.history.deployments.length - deploymentsBefore,
        ).toBe(delivered.length);
        const truth = doraTruth(
          served.demo!.history,
          catalogued(),
          trickleWindow(),
        );
        expect(truth.deployments).toBe(delivered.length);
        const shown = await dora({}, trickleWindow());
        expect(shown.deployments).toBe(truth.deployments);
        for (const [team, slugs] of teams) {
          const repositories = slugs.map(s => s.split('/')[1]);
          const teamShown = await dora(
            { group: `group:default/${team}` },
            trickleWindow(),
          );
          expect({ team, deployments: teamShown.deployments }).toEqual({
            team,
            deployments: delivered.filter(e =>
              repositories.includes(e.repository),
            ).length,
          });
        }
      });

      it('shows adoption as the catalog and the runs the stand-in delivered make it', async () => {
        const withRuns = new Set(
          events
            .filter(e => e.workflowRun)
            .map(e => `acme-retail/${e.repository}`),
        );
        const truth = adoptionTruth(entities, withRuns);
        // Some components are on the platform and some are not: both are part of the check.
        expect(truth.components.numerator).toBeGreaterThan(0);
        expect(truth.components.numerator).toBeLessThan(
          truth.components.denominator,
        );
        const res = await request(server)
          .get('/api/insights/adoption')
          .query({
            from: historyWindow().from.toISOString(),
            to: trickleWindow().to.toISOString(),
          })
          .set('Authorization', user);
        expect(res.status).toBe(200);
        const kpi = (id: string) => res.body.kpis.find((k: any) => k.id === id);
        expect(kpi('componentAdoption')).toMatchObject(truth.components);
        expect(kpi('teamAdoption')).toMatchObject(truth.teams);
        expect(
          Object.fromEntries(
            res.body.components.map((c: any) => [c.entityRef, c.onPlatform]),
          ),
        ).toEqual(Object.fromEntries(truth.onPlatform));
      });
    });
  },
);
