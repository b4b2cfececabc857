import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  encodeScenarioCursor,
  MAX_AMOUNT,
  SEED_EXAMPLE_INPUTS,
} from '@internal/plugin-roi-common';
import {
  BOUNDED_NUMBER_CLASSES,
  DOCUMENTED_SEED,
  formatFuzzReport,
  FuzzField,
  fuzzRoutes,
  FuzzRoute,
  idField,
} from '@internal/route-fuzz';
import { createPostgresTestDatabases } from '@internal/test-databases';
import fc from 'fast-check';
import request from 'supertest';
import { roiPlugin } from '../plugin';

jest.setTimeout(120_000);

const OWNER = 'user:default/Ada.Lovelace';

/** Every input given, the optional ones too, so that each can be fuzzed. */
const inputs = {
  ...SEED_EXAMPLE_INPUTS,
  periodMonths: 12,
  currency: 'EUR',
  rampUpMonths: 6,
  recurringYearlyCosts: 0,
};

/** Amounts and percentages are bounded so that every figure stays finite. */
const bounded = BOUNDED_NUMBER_CLASSES.filter(c => c !== 'int4Overflow');
const amountNames = [
  'devCosts',
  'incidentCosts',
  'infraCosts',
  'designCosts',
  'addLicenceCosts',
  'trainingCosts',
  'ttmReductionGain',
  'recurringYearlyCosts',
  'improvedProductivityPct',
  'improvedIncidentsCostsPct',
  'improvedResourcesPct',
];
const monthNames = ['periodMonths', 'rampUpMonths'];

function inputFields(prefix: string): FuzzField[] {
  const name = (n: string) => (prefix ? `${prefix}.${n}` : n);
  return [
    ...amountNames.map(
      (n): FuzzField => ({
        in: 'body',
        name: name(n),
        type: 'number',
        refuse: bounded,
      }),
    ),
    ...monthNames.map(
      (n): FuzzField => ({
        in: 'body',
        name: name(n),
        type: 'integer',
        refuse: BOUNDED_NUMBER_CLASSES,
      }),
    ),
    { in: 'body', name: name('currency'), type: 'enum' },
    ...(prefix ? [{ in: 'body', name: prefix, type: 'object' } as const] : []),
  ];
}

const scenarioFields: FuzzField[] = [
  {
    in: 'body',
    name: 'name',
    type: 'text',
    refuse: ['nul', 'control', 'wrongType'],
  },
  { in: 'body', name: 'description', type: 'text' },
  { in: 'body', name: 'sharedWithGroups', type: 'array' },
  {
    in: 'body',
    name: 'sharedWithGroups.0',
    type: 'entityRef',
    refuse: ['nul', 'control', 'badEntityRef', 'wrongType', 'long', 'unicode'],
    tolerate: [],
  },
  { in: 'body', name: 'sharedByLink', type: 'boolean' },
  { in: 'body', name: 'body', type: 'object' },
  ...inputFields('inputs'),
];

describe('roi routes under hostile input', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'answer 4xx naming the field and write nothing, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          roiPlugin,
          mockServices.database.factory({ knex }),
          mockServices.permissions.factory(),
        ],
      });
      const auth = { Authorization: mockCredentials.user.header(OWNER) };
      const scenario = {
        name: 'Fuzzed case',
        inputs,
        sharedWithGroups: ['group:default/finance'],
      };
      const created = await request(server)
        .post('/api/roi/scenarios')
        .set(auth)
        .send({ ...scenario, sharedByLink: true });
      expect(created.status).toBe(201);
      const id: string = created.body.id;

      const counts = async () => {
        const [s] = await knex('roi_scenarios').count({ n: '*' });
        const [v] = await knex('roi_scenario_versions').count({ n: '*' });
        return { scenarios: Number(s.n), versions: Number(v.n) };
      };
      /** Rows the accepted writes of the run must have left, and no others. */
      const expected = await counts();

      const routes: FuzzRoute[] = [
        {
          method: 'post',
          path: '/api/roi/calculate',
          body: inputs,
          fields: [
            ...inputFields(''),
            { in: 'body', name: 'body', type: 'object' },
          ],
        },
        {
          method: 'get',
          path: '/api/roi/scenarios',
          query: { limit: '10' },
          fields: [
            {
              in: 'query',
              name: 'limit',
              type: 'integer',
              refuse: BOUNDED_NUMBER_CLASSES,
              tolerate: ['negativeZero'],
            },
          ],
        },
        {
          method: 'get',
          path: '/api/roi/scenarios',
          // a cursor as a page hands it out: after the scenario created above
          query: {
            limit: '1',
            cursor: encodeScenarioCursor({
              direction: 'next',
              updatedAt: created.body.updatedAt,
              id,
            }),
          },
          fields: [
            {
              in: 'query',
              name: 'cursor',
              type: 'text',
              // a very long query is refused by Node itself (431), before any route
              refuse: ['nul', 'control', 'wrongType', 'unicode'],
            },
          ],
        },
        {
          method: 'post',
          path: '/api/roi/scenarios',
          body: scenario,
          fields: scenarioFields,
        },
        {
          method: 'put',
          path: '/api/roi/scenarios/:id',
          params: { id },
          body: { ...scenario, version: 1 },
          fields: [
            idField('id'),
            ...scenarioFields,
            {
              in: 'body',
              name: 'version',
              type: 'integer',
              refuse: [...BOUNDED_NUMBER_CLASSES, 'negativeZero'],
            },
          ],
        },
        ...(
          [
            ['get', '/api/roi/scenarios/:id'],
            ['delete', '/api/roi/scenarios/:id'],
            ['post', '/api/roi/scenarios/:id/duplicate'],
            ['get', '/api/roi/scenarios/:id/versions'],
            ['get', '/api/roi/scenarios/:id/export.csv'],
          ] as const
        ).map(([method, path]) => ({
          method,
          path,
          params: { id },
          fields: [idField('id')],
        })),
        {
          method: 'get',
          path: '/api/roi/shared/:token',
          params: { token: created.body.shareToken },
          fields: [idField('token')],
        },
      ];

      const report = await fuzzRoutes({
        server,
        headers: auth,
        routes,
        runsPerClass: 2,
        seed: DOCUMENTED_SEED,
        check: async c => {
          if (c.status === 201) {
            expected.scenarios += 1;
            expected.versions += 1;
          } else if (c.status === 200 && c.route.startsWith('PUT')) {
            expected.versions += 1;
          } else if (c.status === 204) {
            throw new Error(`deleted with a hostile id: ${c.route}`);
          }
          expect(await counts()).toEqual(expected);
        },
      });
      // eslint-disable-next-line no-console
      console.log(formatFuzzReport('roi', report));
      expect(report.statuses['500']).toBeUndefined();
      expect(report.refused).toBe(report.mustRefuse);
      expect(report.routes).toHaveLength(11);
    },
  );

  it.each(databases.eachSupportedId())(
    'gives finite figures for every input the calculator accepts, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [roiPlugin, mockServices.database.factory({ knex })],
      });
      const amount = fc.oneof(
        fc.constantFrom(0, 0.01, MAX_AMOUNT),
        fc.double({ min: 0.01, max: MAX_AMOUNT, noNaN: true }),
      );
      const percent = fc.oneof(
        fc.constantFrom(0, 0.01, 100),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
      );
      const body = fc.record({
        devCosts: amount,
        incidentCosts: amount,
        infraCosts: amount,
        designCosts: amount.map(a => a || 0.01),
        addLicenceCosts: amount,
        trainingCosts: amount,
        ttmReductionGain: amount,
        recurringYearlyCosts: amount,
        improvedProductivityPct: percent,
        improvedIncidentsCostsPct: percent,
        improvedResourcesPct: percent,
        periodMonths: fc.integer({ min: 1, max: 60 }),
        rampUpMonths: fc.integer({ min: 0, max: 36 }),
      });
      await fc.assert(
        fc.asyncProperty(body, async b => {
          const res = await request(server).post('/api/roi/calculate').send(b);
          expect(res.status).toBe(200);
          // JSON writes a non-finite number as null: only "never" may be null
          const nulls: string[] = [];
          JSON.parse(res.text, function collect(key, value) {
            if (
              value === null &&
              key !== 'paybackMonths' &&
              key !== 'breakEvenMonth'
            ) {
              nulls.push(key);
            }
            return value;
          });
          expect(nulls).toEqual([]);
        }),
        { numRuns: 150 },
      );
    },
  );
});
