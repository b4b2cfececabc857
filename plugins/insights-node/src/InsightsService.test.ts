import {
  BackendFeature,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { Router } from 'express';
import { InsightsService, insightsServiceRef } from './index';

type Received = { path: string; url: string; subject: string };

/** Stands in for the insights plugin: same id and routes, answers set by each test. */
function fakeInsights(
  answer: { status: number; body: unknown },
  received: Received[],
) {
  return createBackendPlugin({
    pluginId: 'insights',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = Router();
          for (const path of [
            '/dora',
            '/adoption',
            '/survey/results',
            '/survey/trend',
          ]) {
            router.get(path, async (req, res) => {
              // the caller's own identity arrives, not the calling plugin's
              const credentials = await httpAuth.credentials(req, {
                allow: ['user'],
              });
              received.push({
                path,
                url: req.originalUrl,
                subject: credentials.principal.userEntityRef,
              });
              res.status(answer.status).json(answer.body);
            });
          }
          httpRouter.use(router);
        },
      });
    },
  });
}

/** Starts a backend whose consumer plugin hands over the insights service it was given. */
async function insightsFrom(
  features: BackendFeature[],
): Promise<InsightsService> {
  let insights: InsightsService | undefined;
  await startTestBackend({
    features: [
      ...features,
      createBackendPlugin({
        pluginId: 'consumer',
        register(env) {
          env.registerInit({
            deps: { insights: insightsServiceRef },
            async init(deps) {
              insights = deps.insights;
            },
          });
        },
      }),
    ],
  });
  return insights!;
}

const window = {
  from: '2025-01-01T00:00:00.000Z',
  to: '2025-04-01T00:00:00.000Z',
};
const credentials = mockCredentials.user('user:default/mira');

describe('insightsServiceRef default client', () => {
  it('asks the insights plugin on behalf of the caller and returns its answer', async () => {
    const received: Received[] = [];
    const summary = { deploymentFrequency: { deployments: 4 }, weekly: [] };
    const insights = await insightsFrom([
      fakeInsights({ status: 200, body: summary }, received),
    ]);

    await expect(
      insights.getDora(
        { entityRef: 'component:default/checkout', ...window },
        { credentials },
      ),
    ).resolves.toEqual(summary);
    await expect(
      insights.getAdoption(
        { group: 'group:default/payments-team', ...window },
        { credentials },
      ),
    ).resolves.toEqual(summary);

    expect(received).toEqual([
      {
        path: '/dora',
        url: `/api/insights/dora?${new URLSearchParams({
          entityRef: 'component:default/checkout',
          ...window,
        })}`,
        subject: 'user:default/mira',
      },
      {
        path: '/adoption',
        url: `/api/insights/adoption?${new URLSearchParams({
          group: 'group:default/payments-team',
          ...window,
        })}`,
        subject: 'user:default/mira',
      },
    ]);
  });

  it("reads a scope's survey results and trend, infrastructure share included, on behalf of the caller", async () => {
    const received: Received[] = [];
    const result = { quarter: '2025-Q1', averageInfrastructureSharePct: 32.5 };
    const insights = await insightsFrom([
      fakeInsights({ status: 200, body: result }, received),
    ]);
    await expect(
      insights.getSurveyResults(
        { quarter: '2025-Q1', group: 'group:default/payments-team' },
        { credentials },
      ),
    ).resolves.toEqual(result);
    await insights.getSurveyTrend({ quarters: 6 }, { credentials });
    expect(received).toEqual([
      {
        path: '/survey/results',
        url: `/api/insights/survey/results?${new URLSearchParams({
          quarter: '2025-Q1',
          group: 'group:default/payments-team',
        })}`,
        subject: 'user:default/mira',
      },
      {
        path: '/survey/trend',
        url: '/api/insights/survey/trend?quarters=6',
        subject: 'user:default/mira',
      },
    ]);
  });

  it('throws a ResponseError that keeps the status and the error of the insights plugin', async () => {
    const insights = await insightsFrom([
      fakeInsights(
        {
          status: 400,
          // the shape of the backend's error handler
          body: {
            error: { name: 'InputError', message: 'from: invalid' },
            response: { statusCode: 400 },
          },
        },
        [],
      ),
    ]);
    const error = await insights.getDora(window, { credentials }).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error).toMatchObject({
      name: 'InputError',
      message: 'from: invalid',
    });
  });

  it('answers 404 through a ResponseError when the insights plugin is not installed', async () => {
    const insights = await insightsFrom([]);
    const error = await insights.getDora(window, { credentials }).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
  });
});
