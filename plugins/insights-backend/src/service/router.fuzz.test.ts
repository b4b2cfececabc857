import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DOCUMENTED_SEED,
  formatFuzzReport,
  FuzzField,
  FuzzReport,
  fuzzRoutes,
  HostileClass,
  hostileValues,
  toJsonText,
  unchangedWhenRefused,
} from '@internal/route-fuzz';
import { createPostgresTestDatabases } from '@internal/test-databases';
import fc from 'fast-check';
import Router from 'express-promise-router';
import request from 'supertest';
import { insightsPlugin } from '../plugin';
import {
  component,
  deployment,
  group,
  issue,
  deliveryHeaders,
} from '../__testUtils__/github';

jest.setTimeout(300_000);

const databases = createPostgresTestDatabases();

/** The scaffolder's task list, which the adoption route reads: empty here. */
const scaffolderStandIn = createBackendPlugin({
  pluginId: 'scaffolder',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.get('/v2/tasks', (_req, res) => {
          res.json({ tasks: [] });
        });
        httpRouter.use(router);
      },
    });
  },
});

const window = { from: '2025-01-01', to: '2025-02-01' };
const dates: FuzzField[] = [
  { in: 'query', name: 'from', type: 'date' },
  { in: 'query', name: 'to', type: 'date' },
];
/** Survey scores: integers of a small range, so anything huge is refused too. */
const score: HostileClass[] = [
  'nul',
  'nonFinite',
  'numberString',
  'wrongType',
  'huge',
  'int4Overflow',
  'int8Overflow',
];

describe.each(databases.eachSupportedId())(
  'insights routes under hostile input on %p',
  databaseId => {
    it('never answers 5xx and refuses, naming the field, every value its contract refuses', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          insightsPlugin,
          scaffolderStandIn,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              insights: {
                backfill: { enabled: false },
              },
            },
          }),
          catalogServiceMock.factory({
            entities: [
              group('payments-team'),
              component('payments', 'payments-team', 'acme/payments'),
            ],
          }),
        ],
      });
      const counts = async () => ({
        answers: Number(
          (await knex('insights_survey_answers').count({ n: '*' }))[0].n,
        ),
        comments: Number(
          (await knex('insights_survey_comments').count({ n: '*' }))[0].n,
        ),
        events: Number(
          (await knex('insights_github_events').count({ n: '*' }))[0].n,
        ),
        adoptionDates: await knex('insights_team_adoption_dates').select(
          'team_ref',
          'adopted_at',
        ),
      });

      const report = await fuzzRoutes({
        server,
        seed: DOCUMENTED_SEED,
        headers: { Authorization: mockCredentials.user.header() },
        routes: [
          {
            method: 'get',
            path: '/api/insights/dora',
            query: { ...window, entityRef: 'component:default/payments' },
            fields: [
              ...dates,
              { in: 'query', name: 'entityRef', type: 'entityRef' },
            ],
          },
          {
            method: 'get',
            path: '/api/insights/dora',
            query: { ...window, group: 'group:default/payments-team' },
            fields: [{ in: 'query', name: 'group', type: 'entityRef' }],
          },
          {
            method: 'get',
            path: '/api/insights/dora/windows',
            query: {
              window: '2025-01-01/2025-02-01',
              incidentWindow: '2025-02-01/2025-03-01',
              group: 'group:default/payments-team',
            },
            fields: [
              { in: 'query', name: 'window', type: 'text' },
              { in: 'query', name: 'incidentWindow', type: 'text' },
              { in: 'query', name: 'group', type: 'entityRef' },
            ],
          },
          {
            method: 'get',
            path: '/api/insights/adoption',
            query: { ...window, group: 'group:default/payments-team' },
            fields: [
              ...dates,
              { in: 'query', name: 'group', type: 'entityRef' },
            ],
          },
          {
            method: 'get',
            path: '/api/insights/survey/results',
            query: { quarter: '2025-Q1', group: 'group:default/payments-team' },
            fields: [
              {
                in: 'query',
                name: 'quarter',
                type: 'enum',
                // A very long query is refused by Node itself (431), before any route.
                refuse: ['nul', 'control', 'wrongType', 'unicode'],
              },
              { in: 'query', name: 'group', type: 'entityRef' },
            ],
          },
          {
            method: 'get',
            path: '/api/insights/survey/mine',
            query: { quarter: '2025-Q1' },
            fields: [
              {
                in: 'query',
                name: 'quarter',
                type: 'enum',
                // A very long query is refused by Node itself (431), before any route.
                refuse: ['nul', 'control', 'wrongType', 'unicode'],
              },
            ],
          },
          {
            method: 'get',
            path: '/api/insights/survey/trend',
            query: { quarters: '4', group: 'group:default/payments-team' },
            fields: [
              { in: 'query', name: 'quarters', type: 'integer', refuse: score },
              { in: 'query', name: 'group', type: 'entityRef' },
            ],
          },
          {
            method: 'get',
            path: '/api/insights/survey/comments',
            query: { quarters: '4' },
            fields: [
              { in: 'query', name: 'quarters', type: 'integer', refuse: score },
            ],
          },
          {
            method: 'post',
            path: '/api/insights/survey',
            body: {
              nps: 9,
              satisfaction: 4,
              infrastructureSharePct: 30,
              comment: 'Golden paths help',
            },
            fields: [
              { in: 'body', name: 'nps', type: 'integer', refuse: score },
              {
                in: 'body',
                name: 'satisfaction',
                type: 'integer',
                refuse: score,
              },
              {
                in: 'body',
                name: 'infrastructureSharePct',
                type: 'integer',
                refuse: score,
              },
              {
                in: 'body',
                name: 'comment',
                type: 'text',
                refuse: ['nul', 'wrongType', 'long'],
              },
              { in: 'body', name: 'body', type: 'object' },
            ],
          },
          {
            method: 'get',
            path: '/api/insights/cohorts',
            query: { ...window, group: 'group:default/payments-team' },
            fields: [
              ...dates,
              { in: 'query', name: 'group', type: 'entityRef' },
            ],
          },
          {
            method: 'put',
            path: '/api/insights/cohorts/adoption-date',
            body: {
              team: 'group:default/payments-team',
              adoptedAt: '2025-01-15',
            },
            fields: [
              { in: 'body', name: 'team', type: 'entityRef' },
              { in: 'body', name: 'adoptedAt', type: 'date' },
              { in: 'body', name: 'body', type: 'object' },
            ],
          },
          {
            method: 'delete',
            path: '/api/insights/cohorts/adoption-date',
            query: { team: 'group:default/payments-team' },
            fields: [{ in: 'query', name: 'team', type: 'entityRef' }],
          },
        ],
        // Nothing half-written: a refused request leaves every table as it was.
        check: await unchangedWhenRefused(counts),
      });
      const webhook = await fuzzWebhook(server, knex);
      record('routes', report);
      record('webhook', webhook);
      expect(report.refused).toBe(report.mustRefuse);
      expect(webhook.refused).toBe(webhook.mustRefuse);
      await knex.destroy();
    });
  },
);

/** Figures the docs record (docs/security.md), printed by the test run. */
function record(name: string, report: FuzzReport) {
  // eslint-disable-next-line no-console
  console.log(formatFuzzReport(`insights ${name}`, report));
}

/**
 * The webhook's payload fields under hostile values, as the events backend's GitHub ingress hands
 * each signed delivery on (its validator passes insights' answer back to GitHub unchanged; the
 * signature and the ingress itself are tested in packages/backend, githubWebhook.test.ts).
 * Must-refuse values are answered 400 naming the payload field, and nothing is stored of them.
 */
async function fuzzWebhook(
  server: Parameters<typeof request>[0],
  knex: import('knex').Knex,
): Promise<FuzzReport> {
  type Target = {
    event: string;
    payload: () => any;
    path: string[];
    type: 'date' | 'integer' | 'text';
    refuse: HostileClass[];
    tolerate: HostileClass[];
  };
  const deploymentPayload = () =>
    deployment({
      repository: 'acme/payments',
      id: 1,
      environment: 'production',
      sha: 'a1',
      at: '2025-01-01T00:00:00Z',
    });
  const issuePayload = () =>
    issue({
      repository: 'acme/payments',
      id: 5,
      number: 5,
      labels: ['incident'],
      openedAt: '2025-01-01T00:00:00Z',
      closedAt: null,
    });
  const targets: Target[] = [
    {
      event: 'deployment',
      payload: deploymentPayload,
      path: ['deployment', 'created_at'],
      type: 'date',
      refuse: ['nul', 'dateOutOfRange', 'dateImpossible', 'dateMalformed'],
      tolerate: [],
    },
    {
      event: 'deployment',
      payload: deploymentPayload,
      path: ['deployment', 'id'],
      type: 'integer',
      refuse: ['nonFinite', 'huge', 'int8Overflow', 'numberString'],
      tolerate: ['negativeZero'],
    },
    {
      event: 'issues',
      payload: issuePayload,
      path: ['issue', 'number'],
      type: 'integer',
      refuse: ['nonFinite', 'huge', 'int4Overflow', 'int8Overflow'],
      tolerate: ['negativeZero'],
    },
    {
      event: 'issues',
      payload: issuePayload,
      path: ['issue', 'closed_at'],
      type: 'date',
      refuse: ['dateOutOfRange', 'dateImpossible', 'dateMalformed'],
      tolerate: [],
    },
    {
      event: 'issues',
      payload: issuePayload,
      path: ['issue', 'title'],
      type: 'text',
      refuse: [],
      // A NUL in GitHub's text is kept as U+FFFD (see docs/plugins/insights.md).
      tolerate: ['nul', 'control', 'unicode', 'long'],
    },
  ];
  const report: FuzzReport = {
    requests: 0,
    routes: ['POST /api/insights/github/deliveries'],
    fields: targets.length,
    classes: [],
    statuses: {},
    mustRefuse: 0,
    refused: 0,
    // Deliveries without the events backend's token (401) are tested in plugin.test.ts.
    unauthenticated: 0,
  };
  const classes = new Set<HostileClass>();
  const nextDelivery = (() => {
    let delivery = 0;
    return () => `fuzz-${++delivery}`;
  })();
  for (const target of targets) {
    const plan = [
      ...target.refuse.map(c => [c, true] as const),
      ...target.tolerate.map(c => [c, false] as const),
    ];
    for (const [hostileClass, mustRefuse] of plan) {
      classes.add(hostileClass);
      await fc.assert(
        fc.asyncProperty(
          hostileValues(hostileClass, target.type),
          async value => {
            const payload = target.payload();
            let node = payload;
            for (const key of target.path.slice(0, -1)) node = node[key];
            node[target.path[target.path.length - 1]] = value;
            const body = toJsonText(payload);
            const id = nextDelivery();
            const res = await request(server)
              .post('/api/insights/github/deliveries')
              .set(deliveryHeaders(target.event, id))
              .send(body);
            report.requests += 1;
            report.statuses[res.status] =
              (report.statuses[res.status] ?? 0) + 1;
            const where = `${target.event} payload.${target.path.join(
              '.',
            )} (${hostileClass}): ${res.status} ${res.text.slice(0, 300)}`;
            if (res.status >= 500) throw new Error(where);
            if (mustRefuse) {
              report.mustRefuse += 1;
              const named = res.body?.error?.message?.includes(
                `payload.${target.path.join('.')}`,
              );
              if (res.status !== 400 || !named) throw new Error(where);
              const stored = await knex('insights_github_events').where({
                delivery_id: id,
              });
              if (stored.length > 0) throw new Error(`stored: ${where}`);
              report.refused += 1;
            }
          },
        ),
        { numRuns: 3, seed: DOCUMENTED_SEED },
      );
    }
  }
  report.classes = [...classes];
  return report;
}
