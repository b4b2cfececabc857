import { SEED_EXAMPLE_INPUTS } from '@internal/plugin-roi-common';
import {
  BOUNDED_NUMBER_CLASSES,
  DOCUMENTED_SEED,
  entityRefField,
  formatFuzzReport,
  fuzzRoutes,
  FuzzRoute,
  idField,
  unchangedWhenRefused,
} from '@internal/route-fuzz';
import { createPostgresTestDatabases } from '@internal/test-databases';
import request from 'supertest';
import { ADMIN, as, startValueBackend } from '../__testUtils__/testBackend';

jest.setTimeout(180_000);

const FINANCE = 'group:default/finance';
const START = '2026-01-01';

describe('value routes under hostile input', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'answer 4xx naming the field, never 5xx, and write nothing when refusing, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startValueBackend(
        { value: knex, roi: await databases.init(databaseId) },
        START,
      );
      const scenario = await request(server)
        .post('/api/roi/scenarios')
        .set(as(ADMIN))
        .send({ name: 'Case', inputs: SEED_EXAMPLE_INPUTS })
        .expect(201);
      const adopt = {
        scope: FINANCE,
        scenarioId: scenario.body.id,
        startDate: START,
        costPerIncident: 115000,
      };
      await request(server)
        .post('/api/value/baselines')
        .set(as(ADMIN))
        .send(adopt)
        .expect(201);

      const scope = (where: 'query' | 'body') => ({
        ...entityRefField('scope', where),
        // "organisation" or a group ref: any other kind or shape is refused
        refuse: [
          'nul' as const,
          'control' as const,
          'badEntityRef' as const,
          'wrongType' as const,
          'unicode' as const,
        ],
      });
      const routes: FuzzRoute[] = [
        {
          method: 'get',
          path: '/api/value/baseline',
          query: { scope: FINANCE },
          fields: [scope('query')],
        },
        {
          method: 'post',
          path: '/api/value/baselines',
          body: adopt,
          fields: [
            scope('body'),
            { ...idField('scenarioId'), in: 'body' },
            { in: 'body', name: 'startDate', type: 'date' },
            {
              in: 'body',
              name: 'costPerIncident',
              type: 'number',
              // an amount up to 10^13: a 32-bit overflow is a valid (large) cost
              refuse: [
                ...BOUNDED_NUMBER_CLASSES.filter(c => c !== 'int4Overflow'),
                'negativeZero',
              ],
              tolerate: ['int4Overflow'],
            },
          ],
        },
        {
          method: 'get',
          path: '/api/value/report',
          query: { scope: FINANCE, quarter: '1' },
          fields: [
            scope('query'),
            {
              in: 'query',
              name: 'quarter',
              type: 'integer',
              refuse: [...BOUNDED_NUMBER_CLASSES, 'negativeZero'],
              tolerate: [],
            },
          ],
        },
      ];
      const report = await fuzzRoutes({
        server,
        routes,
        runsPerClass: 2,
        seed: DOCUMENTED_SEED,
        headers: as(ADMIN),
        check: await unchangedWhenRefused(async () => [
          await knex('value_baselines').count({ n: '*' }),
          await knex('value_baseline_events').count({ n: '*' }),
        ]),
      });
      // eslint-disable-next-line no-console
      console.log(formatFuzzReport('value', report));
      expect(report.refused).toBe(report.mustRefuse);
      expect(report.routes).toHaveLength(3);
    },
  );
});
