import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  ISO_4217_CURRENCIES,
  SEED_EXAMPLE_INPUTS,
} from '@internal/plugin-roi-common';
import { createPostgresTestDatabases } from '@internal/test-databases';
import request from 'supertest';
import { roiPlugin } from '../plugin';
import { routesOfRouter, routesOfSpec } from '@internal/portal-openapi';
import { spec } from '../schema/openapi/generated/router';
import { ScenarioService } from '../services/ScenarioService/types';
import { createRouter } from './router';

describe('the roi contract', () => {
  it('has every route of the router, and the router every operation of it', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      scenarios: {} as ScenarioService,
    });
    const routes = routesOfRouter(router);
    expect(routes.length).toBeGreaterThan(0);
    expect(routes).toEqual(routesOfSpec(spec));
  });

  it('admits the currencies the calculator knows, no more', () => {
    const currency = spec.components.schemas.Currency;
    expect([...currency.enum]).toEqual([...ISO_4217_CURRENCIES]);
  });

  describe('refusals', () => {
    const databases = createPostgresTestDatabases();

    it.each(databases.eachSupportedId())(
      'answer 400 naming the field for each class of bad input, on %p',
      async databaseId => {
        const knex = await databases.init(databaseId);
        const { server } = await startTestBackend({
          features: [roiPlugin, mockServices.database.factory({ knex })],
        });
        const api = request(server);
        const auth = {
          Authorization: mockCredentials.user.header('user:default/ada'),
        };
        const post = (body: string, type?: string) => {
          const req = api.post('/api/roi/calculate').set(auth);
          return type ? req.set('Content-Type', type).send(body) : req;
        };
        const valid = JSON.stringify(SEED_EXAMPLE_INPUTS);
        const cases: Array<[string, () => Promise<request.Response>, string]> =
          [
            [
              'unknown query parameter',
              () => api.get('/api/roi/scenarios?colour=red').set(auth),
              "Unknown query parameter 'colour'",
            ],
            [
              'integer query out of bounds',
              () => api.get('/api/roi/scenarios?limit=201').set(auth),
              'limit: must be <= 200',
            ],
            [
              'integer query that is not a whole number',
              () => api.get('/api/roi/scenarios?limit=1.5').set(auth),
              'limit: must be integer',
            ],
            ...['1e999', 'Infinity', '0x10', '%205', 'abc'].map(
              (limit): [string, () => Promise<request.Response>, string] => [
                `integer query written ${limit}`,
                () => api.get(`/api/roi/scenarios?limit=${limit}`).set(auth),
                'limit: must be',
              ],
            ),
            [
              'id that is not a UUID',
              () => api.get('/api/roi/scenarios/not-a-uuid').set(auth),
              'id: must match pattern',
            ],
            [
              'id with the urn:uuid: prefix the uuid format admits',
              () =>
                api
                  .get(
                    '/api/roi/scenarios/urn:uuid:00000000-0000-4000-8000-000000000000',
                  )
                  .set(auth),
              'id: must match pattern',
            ],
            [
              'share token with a NUL',
              () => api.get('/api/roi/shared/aaaaaaaaaaaaaaaa%00').set(auth),
              'token: must match pattern',
            ],
            [
              'body over the limit',
              () =>
                post(
                  JSON.stringify({
                    ...SEED_EXAMPLE_INPUTS,
                    padding: 'x'.repeat(70_000),
                  }),
                  'application/json',
                ),
              'body: must be at most 65536 bytes (64 KB)',
            ],
            [
              'body that is not JSON',
              () => post('devCosts=1', 'text/plain'),
              'body: must be sent as application/json',
            ],
            [
              'form-encoded body',
              () => post('devCosts=1', 'application/x-www-form-urlencoded'),
              'body: must be sent as application/json',
            ],
            [
              'no body',
              () => post(''),
              'body: is required, as application/json',
            ],
            [
              'malformed JSON',
              () => post(valid.slice(0, -1), 'application/json'),
              'body: is not valid JSON',
            ],
            [
              'NUL in a name',
              () =>
                api
                  .post('/api/roi/scenarios')
                  .set(auth)
                  .send({ name: 'a\u0000b', inputs: SEED_EXAMPLE_INPUTS }),
              'name: must match pattern',
            ],
            [
              'unpaired surrogate in a description',
              () =>
                api.post('/api/roi/scenarios').set(auth).send({
                  name: 'x',
                  description: 'a\ud800b',
                  inputs: SEED_EXAMPLE_INPUTS,
                }),
              'description: must match pattern',
            ],
            [
              'name of blanks only',
              () =>
                api
                  .post('/api/roi/scenarios')
                  .set(auth)
                  .send({ name: '   ', inputs: SEED_EXAMPLE_INPUTS }),
              'name: must be a text of 1 to 200 characters',
            ],
            [
              'amount between 0 and a cent',
              () =>
                post(
                  JSON.stringify({ ...SEED_EXAMPLE_INPUTS, devCosts: 1e-300 }),
                  'application/json',
                ),
              'devCosts: must be 0 or at least 0.01',
            ],
            [
              'version beyond a PostgreSQL integer',
              () =>
                api
                  .put(
                    '/api/roi/scenarios/00000000-0000-4000-8000-000000000000',
                  )
                  .set(auth)
                  .send({
                    name: 'x',
                    inputs: SEED_EXAMPLE_INPUTS,
                    version: 3e9,
                  }),
              'version: must be <= 2147483647',
            ],
          ];
        const answers = [];
        for (const [label, send] of cases) {
          const res = await send();
          answers.push({
            label,
            status: res.status,
            message: res.body?.error?.message,
          });
        }
        expect(answers).toEqual(
          cases.map(([label, , message]) => ({
            label,
            status: 400,
            message: expect.stringContaining(message),
          })),
        );

        // a scenario that passes the contract keeps emoji and line breaks
        const created = await api
          .post('/api/roi/scenarios')
          .set(auth)
          .send({
            name: '  Board 💥 2026 ',
            description: 'Line one\n\tLine two',
            inputs: SEED_EXAMPLE_INPUTS,
            sharedWithGroups: ['group:default/Finance'],
          });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          name: 'Board 💥 2026',
          description: 'Line one\n\tLine two',
          sharedWithGroups: ['group:default/finance'],
          inputs: { currency: 'EUR', periodMonths: 12, rampUpMonths: 6 },
        });
        await api
          .post('/api/roi/scenarios')
          .set(auth)
          .send({ name: 'Second', inputs: SEED_EXAMPLE_INPUTS });
        // the limit reaches the store as a number
        const one = await api.get('/api/roi/scenarios?limit=1').set(auth);
        expect(one.status).toBe(200);
        expect(one.body.items).toHaveLength(1);
      },
    );
  });
});
