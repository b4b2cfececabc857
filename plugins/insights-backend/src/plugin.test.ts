import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { insightsPlugin } from './plugin';
import {
  component,
  deployment,
  deploymentStatus,
  group,
  issue,
  push,
  deliveryHeaders,
  workflowRun,
} from './__testUtils__/github';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

const REPO = 'acme/payments';
const entities = [
  group('payments-team'),
  group('storefront-team'),
  component('payments', 'payments-team', 'Acme/Payments'),
  component('cart', 'storefront-team', 'acme/cart'),
  component('no-repo', 'storefront-team'),
];

async function startBackend(
  databaseId: (typeof databases)['eachSupportedId'] extends () => Array<
    [infer I]
  >
    ? I
    : never,
  webhooks: Record<string, number> = {},
) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      insightsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          insights: {
            backfill: { enabled: false },
            webhooks,
          },
        },
      }),
      catalogServiceMock.factory({ entities }),
    ],
  });
  let delivery = 0;
  const send = (event: string, payload: unknown, deliveryId?: string) => {
    const body = JSON.stringify(payload);
    return request(server)
      .post('/api/insights/github/deliveries')
      .set(deliveryHeaders(event, deliveryId ?? `delivery-${++delivery}`))
      .send(body);
  };
  return { knex, server, send };
}

describe.each(databases.eachSupportedId())(
  'insights backend on %p',
  databaseId => {
    describe('DORA metrics from webhooks', () => {
      let ctx: Awaited<ReturnType<typeof startBackend>>;
      let duplicate: request.Response;
      const failures: string[] = [];

      beforeAll(async () => {
        ctx = await startBackend(databaseId);
        const { send } = ctx;
        const ok = async (event: string, payload: unknown, id?: string) => {
          const res = await send(event, payload, id);
          if (res.status !== 202)
            failures.push(`${event}: ${res.status} ${res.text}`);
          return res;
        };
        // push 1: c1 (Jan 5 10:00), c2 (Jan 6 08:00)
        await ok(
          'push',
          push(REPO, [
            { sha: 'c1', at: '2025-01-05T10:00:00Z' },
            { sha: 'c2', at: '2025-01-06T08:00:00Z' },
          ]),
        );
        // Incident I0 before any deployment: opened Jan 2 00:00, closed 05:00 (5 h), attributed to none.
        await ok(
          'issues',
          issue({
            repository: REPO,
            id: 900,
            number: 1,
            labels: ['incident'],
            openedAt: '2025-01-02T00:00:00Z',
            closedAt: '2025-01-02T05:00:00Z',
          }),
        );
        // D1 production, c2, success Jan 6 12:00 (no previous: changes c1, c2)
        await ok(
          'deployment',
          deployment({
            repository: REPO,
            id: 101,
            environment: 'production',
            sha: 'c2',
            at: '2025-01-06T11:50:00Z',
          }),
        );
        await ok(
          'deployment_status',
          deploymentStatus({
            repository: REPO,
            id: 101,
            environment: 'production',
            sha: 'c2',
            state: 'success',
            at: '2025-01-06T12:00:00Z',
          }),
        );
        // push 2: c3 (Jan 7 09:00); D2 "Prod" success Jan 7 10:00; D3 staging ignored
        await ok(
          'push',
          push(REPO, [{ sha: 'c3', at: '2025-01-07T09:00:00Z' }]),
        );
        await ok(
          'deployment_status',
          deploymentStatus({
            repository: REPO,
            id: 102,
            environment: 'Prod',
            sha: 'c3',
            state: 'success',
            at: '2025-01-07T10:00:00Z',
          }),
        );
        await ok(
          'deployment_status',
          deploymentStatus({
            repository: REPO,
            id: 103,
            environment: 'staging',
            sha: 'c3',
            state: 'success',
            at: '2025-01-07T11:00:00Z',
          }),
        );
        // push 3: ten commits c4..c13 at Jan 14 00:00 .. 09:00
        await ok(
          'push',
          push(
            REPO,
            Array.from({ length: 10 }, (_, i) => ({
              sha: `c${i + 4}`,
              at: `2025-01-14T0${i}:00:00Z`,
            })),
          ),
        );
        // D4: failure at 10:00, success at 12:00 (re-run), success again at 13:00 (re-run): once, at 12:00
        await ok(
          'deployment_status',
          deploymentStatus({
            repository: REPO,
            id: 104,
            environment: 'production',
            sha: 'c13',
            state: 'failure',
            at: '2025-01-14T10:00:00Z',
          }),
        );
        await ok(
          'deployment_status',
          deploymentStatus({
            repository: REPO,
            id: 104,
            environment: 'production',
            sha: 'c13',
            state: 'success',
            at: '2025-01-14T12:00:00Z',
          }),
          'd4-success',
        );
        await ok(
          'deployment_status',
          deploymentStatus({
            repository: REPO,
            id: 104,
            environment: 'production',
            sha: 'c13',
            state: 'success',
            at: '2025-01-14T13:00:00Z',
          }),
        );
        // Duplicate delivery of D4's success: acknowledged, not counted twice
        duplicate = await send(
          'deployment_status',
          deploymentStatus({
            repository: REPO,
            id: 104,
            environment: 'production',
            sha: 'c13',
            state: 'success',
            at: '2025-01-14T12:00:00Z',
          }),
          'd4-success',
        );
        // Incident I1: opened Jan 14 14:00 → D4 (12:00); closed 16:00 (2 h)
        await ok(
          'issues',
          issue({
            repository: REPO,
            id: 901,
            number: 2,
            labels: ['bug', 'incident'],
            openedAt: '2025-01-14T14:00:00Z',
            closedAt: '2025-01-14T16:00:00Z',
          }),
        );
        // D5 redeploys c13 at 15:00: no changes
        await ok(
          'deployment_status',
          deploymentStatus({
            repository: REPO,
            id: 105,
            environment: 'production',
            sha: 'c13',
            state: 'success',
            at: '2025-01-14T15:00:00Z',
          }),
        );
        // Not an incident: label "bug"
        await ok(
          'issues',
          issue({
            repository: REPO,
            id: 902,
            number: 3,
            labels: ['bug'],
            openedAt: '2025-01-20T00:00:00Z',
            closedAt: '2025-01-21T00:00:00Z',
          }),
        );
        // D6 success Jan 27 09:00 arrives BEFORE the push of its commit c14 (Jan 27 08:00)
        await ok(
          'deployment_status',
          deploymentStatus({
            repository: REPO,
            id: 106,
            environment: 'production',
            sha: 'c14',
            state: 'success',
            at: '2025-01-27T09:00:00Z',
          }),
        );
        await ok(
          'push',
          push(REPO, [{ sha: 'c14', at: '2025-01-27T08:00:00Z' }]),
        );
        // Incident I2 opened exactly at D6's time (tie: attributed to D6), closed 24 h later
        await ok(
          'issues',
          issue({
            repository: REPO,
            id: 903,
            number: 4,
            labels: ['Incident'],
            openedAt: '2025-01-27T09:00:00Z',
            closedAt: '2025-01-28T09:00:00Z',
          }),
        );
        // D7 outside the window
        await ok(
          'deployment_status',
          deploymentStatus({
            repository: REPO,
            id: 107,
            environment: 'production',
            sha: 'c14',
            state: 'success',
            at: '2025-02-05T09:00:00Z',
          }),
        );
        // A repository no component claims: kept, shown nowhere
        await ok(
          'deployment_status',
          deploymentStatus({
            repository: 'acme/unclaimed',
            id: 200,
            environment: 'production',
            sha: 'x1',
            state: 'success',
            at: '2025-01-08T09:00:00Z',
          }),
        );
        // A workflow run and its re-run: stored, no deployment
        await ok('workflow_run', workflowRun(REPO, 555, 1));
        await ok('workflow_run', workflowRun(REPO, 555, 2));
      });

      afterAll(async () => {
        await ctx.knex.destroy();
      });

      const get = (query: string) =>
        request(ctx.server)
          .get(`/api/insights/dora?${query}`)
          .set('Authorization', mockCredentials.user.header());

      it('computes the four metrics for a component over [2025-01-01, 2025-02-03)', async () => {
        const res = await get(
          'entityRef=component:default/payments&from=2025-01-01&to=2025-02-03',
        );
        expect(res.status).toBe(200);
        const body = res.body;
        // Window: 31 + 2 = 33 days; whole weeks Jan 6, 13, 20, 27 (27 + 7 = Feb 3 ≤ Feb 3); whole month: January.
        expect(body.window).toMatchObject({ days: 33, weeks: 4, months: 1 });
        // Deployments: D1 Jan 6, D2 Jan 7, D4 Jan 14 12:00, D5 Jan 14 15:00, D6 Jan 27 = 5
        // (D3 staging, D7 Feb 5 and the unclaimed repository are not counted; D4 once).
        expect(body.deploymentFrequency.deployments).toBe(5);
        // 5 ÷ 33 × 7 = 1.0606…
        expect(body.deploymentFrequency.deploymentsPerWeek).toBeCloseTo(
          (5 / 33) * 7,
          10,
        );
        // Deploy-days per week: Jan 6 → {6, 7} = 2; Jan 13 → {14} = 1; Jan 20 → 0; Jan 27 → {27} = 1.
        // Sorted 0, 1, 1, 2: median = (1 + 1) / 2 = 1 → ≥ 1 → high.
        expect(body.deploymentFrequency.medianDeployDaysPerWeek).toBe(1);
        // January: days 6, 7, 14, 27 = 4.
        expect(body.deploymentFrequency.medianDeployDaysPerMonth).toBe(4);
        expect(body.deploymentFrequency.category).toBe('high');

        // Lead times (deployment − author time), hours:
        // D1 (12:00 Jan 6): c1 from Jan 5 10:00 = 26, c2 from 08:00 = 4
        // D2 (10:00 Jan 7): c3 from 09:00 = 1
        // D4 (12:00 Jan 14): c4..c13 from 00:00..09:00 = 12, 11, 10, 9, 8, 7, 6, 5, 4, 3
        // D5: none (same commit as D4); D6 (09:00 Jan 27): c14 from 08:00 = 1
        // Sorted (14): 1 1 3 4 4 5 6 7 8 9 10 11 12 26
        // median: pos 0.5 × 13 = 6.5 → 6 + 0.5 × (7 − 6) = 6.5 → < 24 → elite
        // p90: pos 0.9 × 13 = 11.7 → 11 + 0.7 × (12 − 11) = 11.7
        expect(body.leadTimeForChanges.changes).toBe(14);
        expect(body.leadTimeForChanges.medianHours).toBeCloseTo(6.5, 10);
        expect(body.leadTimeForChanges.p90Hours).toBeCloseTo(11.7, 10);
        expect(body.leadTimeForChanges.category).toBe('elite');

        // Incidents: I0 (Jan 2) precedes every deployment → none; I1 (Jan 14 14:00) → D4;
        // I2 (Jan 27 09:00, tie with D6's time) → D6. Failed: 2 of 5 = 0.4 > 0.15 → low.
        expect(body.changeFailureRate).toEqual({
          deployments: 5,
          failedDeployments: 2,
          rate: 0.4,
          category: 'low',
        });

        // Restored in the window: I0 5 h, I1 2 h, I2 24 h → sorted 2, 5, 24 → median 5 → < 24 → high.
        expect(body.timeToRestore).toEqual({
          incidents: 3,
          medianHours: 5,
          category: 'high',
        });
      });

      it('reads a few windows at once, each as its summary gives it', async () => {
        const res = await request(ctx.server)
          .get(
            '/api/insights/dora/windows?entityRef=component:default/payments' +
              '&window=2025-01-01/2025-02-03&window=2025-01-13/2025-01-20' +
              '&incidentWindow=2025-01-01/2025-02-03',
          )
          .set('Authorization', mockCredentials.user.header());
        expect(res.status).toBe(200);
        expect(res.body.scope).toEqual({
          entityRef: 'component:default/payments',
          repositories: 1,
        });
        // The window of the summary above: 14 changes, median 6.5 h; 3 restored, median 5 h.
        // The week of 13 January: c4..c13, 3..12 h → (7 + 8) ÷ 2 = 7.5; I1 restored in 2 h.
        // The incidents-only window: its 3 incidents, no lead time.
        expect(res.body.windows).toEqual([
          {
            from: '2025-01-01T00:00:00.000Z',
            to: '2025-02-03T00:00:00.000Z',
            changes: 14,
            medianLeadTimeHours: 6.5,
            incidentsRestored: 3,
            medianTimeToRestoreHours: 5,
          },
          {
            from: '2025-01-13T00:00:00.000Z',
            to: '2025-01-20T00:00:00.000Z',
            changes: 10,
            medianLeadTimeHours: 7.5,
            incidentsRestored: 1,
            medianTimeToRestoreHours: 2,
          },
          {
            from: '2025-01-01T00:00:00.000Z',
            to: '2025-02-03T00:00:00.000Z',
            changes: null,
            medianLeadTimeHours: null,
            incidentsRestored: 3,
            medianTimeToRestoreHours: 5,
          },
        ]);

        const refused = async (query: string) =>
          (
            await request(ctx.server)
              .get(`/api/insights/dora/windows?${query}`)
              .set('Authorization', mockCredentials.user.header())
              .expect(400)
          ).body.error.message as string;
        expect(await refused('entityRef=component:default/payments')).toMatch(
          /^window: at least one/,
        );
        expect(await refused('window=2025-02-03/2025-01-01')).toMatch(
          /^window: 2025-02-03\/2025-01-01: from: .* is not before to/,
        );
        expect(await refused('incidentWindow=2025-01-01/2028-01-01')).toMatch(
          /^incidentWindow: .*longer than 2 years/,
        );
        expect(await refused('window=2025-01-01')).toMatch(/window/);
      });

      it('gives a weekly series over the whole weeks', async () => {
        const res = await get(
          'entityRef=component:default/payments&from=2025-01-01&to=2025-02-03',
        );
        const weekly = res.body.weekly;
        expect(weekly.map((w: any) => w.weekStart.slice(0, 10))).toEqual([
          '2025-01-06',
          '2025-01-13',
          '2025-01-20',
          '2025-01-27',
        ]);
        // Week of Jan 6: D1, D2 on 2 days; changes 26, 4, 1 → median 4; no failure; nothing restored.
        expect(weekly[0]).toMatchObject({
          deployments: 2,
          deployDays: 2,
          changes: 3,
          medianLeadTimeHours: 4,
          failedDeployments: 0,
          changeFailureRate: 0,
          incidentsRestored: 0,
          medianTimeToRestoreHours: null,
        });
        // Week of Jan 13: D4, D5 on 1 day; changes 3..12 → median (7 + 8) / 2 = 7.5;
        // D4 failed → 1 ÷ 2 = 0.5; I1 restored in 2 h.
        expect(weekly[1]).toMatchObject({
          deployments: 2,
          deployDays: 1,
          changes: 10,
          medianLeadTimeHours: 7.5,
          failedDeployments: 1,
          changeFailureRate: 0.5,
          incidentsRestored: 1,
          medianTimeToRestoreHours: 2,
        });
        // Week of Jan 20: nothing (the "bug" issue is not an incident).
        expect(weekly[2]).toMatchObject({
          deployments: 0,
          deployDays: 0,
          changes: 0,
          medianLeadTimeHours: null,
          changeFailureRate: null,
          incidentsRestored: 0,
        });
        // Week of Jan 27: D6 with 1 change of 1 h, failed (I2) → 1 ÷ 1; I2 restored in 24 h.
        expect(weekly[3]).toMatchObject({
          deployments: 1,
          changes: 1,
          medianLeadTimeHours: 1,
          failedDeployments: 1,
          changeFailureRate: 1,
          incidentsRestored: 1,
          medianTimeToRestoreHours: 24,
        });
      });

      it('gives a team the same numbers as its only repository, and the organisation too', async () => {
        const team = await get(
          'group=group:default/payments-team&from=2025-01-01&to=2025-02-03',
        );
        const org = await get('from=2025-01-01&to=2025-02-03');
        for (const res of [team, org]) {
          expect(res.status).toBe(200);
          // The unclaimed repository's deployment (Jan 8) is not in the organisation's 5.
          expect(res.body.deploymentFrequency.deployments).toBe(5);
          expect(res.body.changeFailureRate.failedDeployments).toBe(2);
        }
        expect(team.body.scope).toEqual({
          group: 'group:default/payments-team',
          repositories: 1,
        });
        // Components with repositories: payments and cart (no-repo has none).
        expect(org.body.scope.repositories).toBe(2);
      });

      it('answers an empty window with zeros and unclassified metrics', async () => {
        // [2024-06-03, 2024-06-10) is one whole week (Monday Jun 3) with no deployment:
        // week median 0 < 1 and no whole month → low; the others have no data.
        const res = await get(
          'entityRef=component:default/payments&from=2024-06-03&to=2024-06-10',
        );
        expect(res.status).toBe(200);
        expect(res.body.deploymentFrequency).toEqual({
          deployments: 0,
          deploymentsPerWeek: 0,
          medianDeployDaysPerWeek: 0,
          medianDeployDaysPerMonth: null,
          category: 'low',
        });
        expect(res.body.leadTimeForChanges).toEqual({
          changes: 0,
          medianHours: null,
          p90Hours: null,
          category: null,
        });
        expect(res.body.changeFailureRate.rate).toBeNull();
        expect(res.body.timeToRestore).toEqual({
          incidents: 0,
          medianHours: null,
          category: null,
        });
      });

      it('accepted every fixture delivery with 202', () => {
        expect(failures).toEqual([]);
      });

      it('acknowledges a duplicate delivery with 200 and does not count it twice', () => {
        expect(duplicate.status).toBe(200);
        expect(duplicate.body).toEqual({ status: 'duplicate', records: 0 });
      });

      it('stores raw events once per delivery id, and workflow re-runs as attempts', async () => {
        const dup = await ctx
          .knex('insights_github_events')
          .where({ delivery_id: 'd4-success' });
        expect(dup).toHaveLength(1);
        const runs = await ctx
          .knex('insights_workflow_runs')
          .where({ run_id: 555 });
        expect(runs.map(r => r.run_attempt).sort()).toEqual([1, 2]);
        const unclaimed = await ctx
          .knex('insights_deployments')
          .where({ repository: 'acme/unclaimed' });
        expect(unclaimed).toHaveLength(1);
      });

      it.each([
        [
          'entityRef=component:default/nope&from=2025-01-01&to=2025-02-01',
          "entityRef: unknown entity 'component:default/nope'",
        ],
        [
          'group=group:default/nope&from=2025-01-01&to=2025-02-01',
          "group: unknown group 'group:default/nope'",
        ],
        [
          'from=2025-02-01&to=2025-01-01',
          'from: 2025-02-01T00:00:00.000Z is not before to',
        ],
        [
          'from=2022-01-01&to=2025-01-01',
          'to: the window from 2022-01-01T00:00:00.000Z is longer than 2 years',
        ],
        ['to=2025-01-01', 'from: is required'],
        [
          'from=yesterday&to=2025-01-01',
          "from: 'yesterday' is not an ISO 8601 date",
        ],
        [
          'from=2025-01-01&to=2025-02-01&team=x',
          "Unknown query parameter 'team'",
        ],
      ])('refuses %s with 400', async (query, message) => {
        const res = await get(query);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
      });
    });

    describe('webhook ingress', () => {
      let ctx: Awaited<ReturnType<typeof startBackend>>;
      beforeAll(async () => {
        ctx = await startBackend(databaseId);
      });
      afterAll(async () => {
        await ctx.knex.destroy();
      });
      const count = async () =>
        Number(
          (await ctx.knex('insights_github_events').count({ n: '*' }))[0].n,
        );
      const payload = () =>
        deploymentStatus({
          repository: REPO,
          id: 1,
          environment: 'production',
          sha: 'a',
          state: 'success',
          at: '2025-01-01T00:00:00Z',
        });

      it('takes deliveries from the events backend only (the signature is checked there)', async () => {
        const body = JSON.stringify(payload());
        const { Authorization: _, ...unsigned } = deliveryHeaders(
          'deployment_status',
          'x1',
        );
        const anonymous = await request(ctx.server)
          .post('/api/insights/github/deliveries')
          .set(unsigned)
          .send(body);
        // 401 in the portal; the test backend takes a request without a token for a user's.
        expect([401, 403]).toContain(anonymous.status);
        const asUser = await request(ctx.server)
          .post('/api/insights/github/deliveries')
          .set({ ...unsigned, Authorization: mockCredentials.user.header() })
          .send(body);
        expect(asUser.status).toBe(403);
        const asOtherPlugin = await request(ctx.server)
          .post('/api/insights/github/deliveries')
          .set({
            ...unsigned,
            Authorization: mockCredentials.service.header({
              onBehalfOf: mockCredentials.service('plugin:catalog'),
              targetPluginId: 'insights',
            }),
          })
          .send(body);
        expect(asOtherPlugin.status).toBe(403);
        expect(await count()).toBe(0);
        expect(await ctx.knex('insights_deployments')).toHaveLength(0);
      });

      it('refuses unknown event types, malformed JSON, bad payloads and oversized bodies', async () => {
        const star = await ctx.send('star', { action: 'created' });
        expect(star.status).toBe(400);
        expect(star.body.error.message).toContain(
          "X-GitHub-Event: unsupported event type 'star'",
        );

        const body = '{"action": ';
        const malformed = await request(ctx.server)
          .post('/api/insights/github/deliveries')
          .set(deliveryHeaders('deployment', 'x3'))
          .send(body);
        expect(malformed.status).toBe(400);
        expect(malformed.body.error.message).toContain('body: malformed JSON');

        const bad = payload();
        bad.deployment.id = 'not-a-number';
        const invalid = await ctx.send('deployment_status', bad);
        expect(invalid.status).toBe(400);
        expect(invalid.body.error.message).toContain('payload.deployment.id');

        const big = JSON.stringify({
          ...payload(),
          padding: 'x'.repeat(5 * 1024 * 1024),
        });
        const tooLarge = await request(ctx.server)
          .post('/api/insights/github/deliveries')
          .set(deliveryHeaders('deployment_status', 'x4'))
          .send(big);
        expect(tooLarge.status).toBe(413);
        expect(tooLarge.body.error.message).toContain('body: larger than');
        expect(await count()).toBe(0);
      });

      it('stores concurrent deliveries once each, a repeated delivery id included', async () => {
        // 20 deliveries sent at once, 5 of them twice: deliveries arriving while others are
        // written share a transaction, and each delivery id is stored exactly once.
        const ids = Array.from({ length: 20 }, (_, i) => 500 + i);
        const sends = [...ids, ...ids.slice(0, 5)].map(id =>
          ctx.send(
            'deployment_status',
            deploymentStatus({
              repository: REPO,
              id,
              environment: 'production',
              sha: `concurrent-${id}`,
              state: 'success',
              at: `2025-02-01T00:00:${String(id - 500).padStart(2, '0')}Z`,
            }),
            `concurrent-${id}`,
          ),
        );
        const responses = await Promise.all(sends);
        const stored = responses.filter(r => r.status === 202);
        const repeated = responses.filter(r => r.status === 200);
        expect(stored).toHaveLength(20);
        expect(repeated).toHaveLength(5);
        expect(repeated.map(r => r.body.status)).toEqual(
          Array(5).fill('duplicate'),
        );
        expect(
          await ctx
            .knex('insights_github_events')
            .where('delivery_id', 'like', 'concurrent-%')
            .count({ n: '*' }),
        ).toEqual([{ n: '20' }]);
        const deployments = await ctx
          .knex('insights_deployments')
          .whereIn('deployment_id', ids)
          .whereNotNull('succeeded_at');
        expect(deployments).toHaveLength(20);
      });

      it('stores a delivery whose text holds a NUL character, with U+FFFD in its place', async () => {
        const res = await ctx.send(
          'issues',
          (() => {
            const p = issue({
              repository: REPO,
              id: 9001,
              number: 91,
              labels: ['incident'],
              openedAt: '2025-03-01T10:00:00Z',
              closedAt: null,
            });
            p.issue.title = 'Checkout down\u0000 after deploy';
            return p;
          })(),
          'nul-1',
        );
        expect(res.status).toBe(202);
        const [incident] = await ctx
          .knex('insights_incidents')
          .where({ issue_id: 9001 });
        expect(incident.title).toBe('Checkout down\uFFFD after deploy');
        const [event] = await ctx
          .knex('insights_github_events')
          .where({ delivery_id: 'nul-1' });
        expect(event.payload.issue.title).toBe(
          'Checkout down\uFFFD after deploy',
        );
      });
    });

    describe('webhook replays, reordering and overload', () => {
      let ctx: Awaited<ReturnType<typeof startBackend>>;
      beforeAll(async () => {
        ctx = await startBackend(databaseId, { maxQueuedDeliveries: 1 });
      });
      afterAll(async () => {
        await ctx.knex.destroy();
      });
      const incident = (closedAt: string | null, updatedAt: string) => {
        const p = issue({
          repository: REPO,
          id: 4242,
          number: 42,
          labels: ['incident'],
          openedAt: '2025-03-01T10:00:00Z',
          closedAt,
        });
        p.issue.updated_at = updatedAt;
        return p;
      };
      const closedAt = async () => {
        const [row] = await ctx
          .knex('insights_incidents')
          .where({ issue_id: 4242 });
        return row.closed_at && new Date(row.closed_at).toISOString();
      };

      it('changes no figure when a signed body is replayed under a new delivery id, or an older event arrives late', async () => {
        const opened = JSON.stringify(incident(null, '2025-03-01T10:00:00Z'));
        const closed = incident('2025-03-01T12:00:00Z', '2025-03-01T12:00:00Z');
        const post = (body: string, delivery: string) =>
          request(ctx.server)
            .post('/api/insights/github/deliveries')
            .set(deliveryHeaders('issues', delivery))
            .send(body);
        expect((await post(opened, 'replay-1')).status).toBe(202);
        expect((await ctx.send('issues', closed, 'replay-2')).status).toBe(202);
        expect(await closedAt()).toBe('2025-03-01T12:00:00.000Z');

        // The captured "opened" delivery, sent again under a new id: a duplicate.
        const replay = await post(opened, 'replay-3-new-id');
        expect(replay.status).toBe(200);
        expect(replay.body).toEqual({ status: 'duplicate', records: 0 });
        expect(await closedAt()).toBe('2025-03-01T12:00:00.000Z');

        // A genuine but older event (a label added before it closed) arrives after: stored,
        // and the incident stays closed.
        const late = incident(null, '2025-03-01T11:00:00Z');
        late.issue.labels.push({ id: 9, name: 'sev2', color: 'ff0000' });
        expect((await ctx.send('issues', late, 'replay-4')).status).toBe(202);
        expect(await closedAt()).toBe('2025-03-01T12:00:00.000Z');
      });

      it('answers 503 when the write queue is full, storing nothing of what it refused', async () => {
        const trx = await ctx.knex.transaction();
        await trx.raw(
          'LOCK TABLE insights_github_events IN ACCESS EXCLUSIVE MODE',
        );
        const ids = Array.from({ length: 6 }, (_, i) => 8000 + i);
        const sending = Promise.all(
          ids.map(id =>
            ctx.send(
              'deployment',
              deployment({
                repository: REPO,
                id,
                environment: 'production',
                sha: `overload-${id}`,
                at: '2025-03-01T00:00:00Z',
              }),
              `overload-${id}`,
            ),
          ),
        );
        // Let the requests reach the queue while the table is locked.
        await new Promise(resolve => setTimeout(resolve, 1500));
        await trx.commit();
        const responses = await sending;
        const refused = responses.filter(r => r.status === 503);
        const stored = responses.filter(r => r.status === 202);
        expect(refused.length).toBeGreaterThan(0);
        expect(refused.length + stored.length).toBe(6);
        expect(refused[0].body.error.message).toContain('queue full');
        const rows = await ctx
          .knex('insights_github_events')
          .where('delivery_id', 'like', 'overload-%');
        expect(rows).toHaveLength(stored.length);
      });
    });
  },
);
