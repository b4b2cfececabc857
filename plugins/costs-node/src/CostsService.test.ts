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
import { CostsService, costsServiceRef } from './index';

type Received = { url: string; subject: string };

/** Stands in for the costs plugin: same id and route, answers set by each test. */
function fakeCosts(
  answer: { status: number; body: unknown },
  received: Received[],
) {
  return createBackendPlugin({
    pluginId: 'costs',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          const router = Router();
          router.get('/period', async (req, res) => {
            // the caller's own identity arrives, not the calling plugin's
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

/** Starts a backend whose consumer plugin hands over the costs service it was given. */
async function costsFrom(features: BackendFeature[]): Promise<CostsService> {
  let costs: CostsService | undefined;
  await startTestBackend({
    features: [
      ...features,
      createBackendPlugin({
        pluginId: 'consumer',
        register(env) {
          env.registerInit({
            deps: { costs: costsServiceRef },
            async init(deps) {
              costs = deps.costs;
            },
          });
        },
      }),
    ],
  });
  return costs!;
}

const credentials = mockCredentials.user('user:default/mira');

describe('costsServiceRef default client', () => {
  it('asks the costs plugin on behalf of the caller, for a quarter or a window', async () => {
    const received: Received[] = [];
    const period = {
      scope: 'team',
      total: 1234.5,
      coverage: { daysWithData: 90, daysInWindow: 92 },
    };
    const costs = await costsFrom([
      fakeCosts({ status: 200, body: period }, received),
    ]);

    await expect(
      costs.getPeriodCost(
        { quarter: '2026-Q3', teamRef: 'group:default/payments-team' },
        { credentials },
      ),
    ).resolves.toEqual(period);
    await costs.getPeriodCost(
      { from: '2026-04-01', to: '2026-07-01' },
      { credentials },
    );

    expect(received).toEqual([
      {
        url: `/api/costs/period?${new URLSearchParams({
          quarter: '2026-Q3',
          teamRef: 'group:default/payments-team',
        })}`,
        subject: 'user:default/mira',
      },
      {
        url: `/api/costs/period?${new URLSearchParams({
          from: '2026-04-01',
          to: '2026-07-01',
        })}`,
        subject: 'user:default/mira',
      },
    ]);
  });

  it('throws a ResponseError that keeps the status and the error of the costs plugin', async () => {
    const costs = await costsFrom([
      fakeCosts(
        {
          status: 400,
          body: {
            error: { name: 'InputError', message: 'to: must be after from' },
            response: { statusCode: 400 },
          },
        },
        [],
      ),
    ]);
    const error = await costs
      .getPeriodCost({ from: '2026-04-01', to: '2026-03-01' }, { credentials })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe('to: must be after from');
  });
});
