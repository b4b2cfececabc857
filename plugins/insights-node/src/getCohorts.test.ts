import {
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

/** Stands in for the insights plugin's `GET /cohorts`, recording who asked what. */
function fakeCohorts(
  answer: { status: number; body: unknown },
  received: Array<{ url: string; subject: string }>,
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
          router.get('/cohorts', async (req, res) => {
            const credentials = await httpAuth.credentials(req, {
              allow: ['user'],
            });
            received.push({
              url: req.originalUrl,
              subject: credentials.principal.userEntityRef,
            });
            res.status(answer.status).json(answer.body);
          });
          httpRouter.use(router);
        },
      });
    },
  });
}

async function insightsWith(
  answer: { status: number; body: unknown },
  received: Array<{ url: string; subject: string }> = [],
): Promise<InsightsService> {
  let insights: InsightsService | undefined;
  await startTestBackend({
    features: [
      fakeCohorts(answer, received),
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

const credentials = mockCredentials.user('user:default/mira');
const window = {
  from: '2025-01-01T00:00:00.000Z',
  to: '2025-07-01T00:00:00.000Z',
};

describe('insightsServiceRef getCohorts', () => {
  it("reads a team's golden path and before/after figures on behalf of the caller", async () => {
    const received: Array<{ url: string; subject: string }> = [];
    const comparison = {
      adoption: {
        teams: 1,
        before: { deployments: 3 },
        after: { deployments: 9 },
      },
      teams: [],
    };
    const insights = await insightsWith(
      { status: 200, body: comparison },
      received,
    );
    await expect(
      insights.getCohorts(
        { group: 'group:default/payments-team', ...window },
        { credentials },
      ),
    ).resolves.toEqual(comparison);
    expect(received).toEqual([
      {
        url: `/api/insights/cohorts?${new URLSearchParams({
          group: 'group:default/payments-team',
          ...window,
        })}`,
        subject: 'user:default/mira',
      },
    ]);
  });

  it('throws the refusal of the insights plugin as a ResponseError', async () => {
    const insights = await insightsWith({
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message: 'not allowed: insights.read',
        },
        response: { statusCode: 403 },
      },
    });
    const error = await insights
      .getCohorts(window, { credentials })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe('not allowed: insights.read');
  });
});
