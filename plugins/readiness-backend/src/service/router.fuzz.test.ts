import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  BOUNDED_NUMBER_CLASSES,
  DOCUMENTED_SEED,
  entityRefField,
  formatFuzzReport,
  FuzzField,
  fuzzRoutes,
  FuzzRoute,
  idField,
  limitField,
  unchangedWhenRefused,
} from '@internal/route-fuzz';
import { createPostgresTestDatabases } from '@internal/test-databases';
import request from 'supertest';
import { readinessPlugin } from '../plugin';

jest.setTimeout(120_000);

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'elena', namespace: 'default' },
    spec: { memberOf: ['payments-team'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/payments-team' }],
  },
];

const answers = {
  teamSize: { value: 72 },
  deploymentFriction: 'yellow',
  infrastructureComplexity: 'yellow',
  developerComplaints: 'yellow',
  shadowIt: { colour: 'red', evidence: 'Two teams run their own CI' },
  onboardingTime: { value: 2 },
  contextSwitching: { value: 30 },
};

const evaluateFields: FuzzField[] = [
  {
    in: 'body',
    name: 'answers.teamSize.value',
    type: 'integer',
    refuse: BOUNDED_NUMBER_CLASSES,
  },
  {
    in: 'body',
    name: 'answers.onboardingTime.value',
    type: 'number',
    refuse: BOUNDED_NUMBER_CLASSES,
  },
  { in: 'body', name: 'answers.deploymentFriction', type: 'enum' },
  { in: 'body', name: 'answers.shadowIt.evidence', type: 'text' },
  { in: 'body', name: 'answers.shadowIt.source', type: 'enum' },
  { in: 'body', name: 'answers', type: 'object' },
  {
    in: 'body',
    name: 'trajectory',
    nullable: true,
    type: 'enum',
    refuse: ['nul', 'control', 'wrongType', 'unicode'],
  },
  { in: 'body', name: 'maturity', nullable: true, type: 'object' },
  {
    in: 'body',
    name: 'platformTeamSize',
    nullable: true,
    type: 'integer',
    refuse: BOUNDED_NUMBER_CLASSES,
  },
  { in: 'body', name: 'body', type: 'object' },
];

describe('readiness routes under hostile input', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'answer 4xx naming the field and write nothing, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          readinessPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.permissions.factory(),
        ],
      });
      const auth = {
        Authorization: mockCredentials.user.header('user:default/elena'),
      };
      const saved = await request(server)
        .post('/api/readiness/assessments')
        .set(auth)
        .send({ groupRef: 'payments-team', answers, note: 'Q1' });
      expect(saved.status).toBe(201);
      const id: string = saved.body.id;

      const counts = async () =>
        Promise.all(
          [
            'readiness_assessments',
            'readiness_answers',
            'readiness_maturity_answers',
          ].map(async table =>
            Number((await knex(table).count({ n: '*' }))[0].n),
          ),
        );
      const nothingWrittenWhenRefused = await unchangedWhenRefused(counts);

      const routes: FuzzRoute[] = [
        {
          method: 'post',
          path: '/api/readiness/evaluate',
          body: { answers, trajectory: 'growing', platformTeamSize: 4 },
          fields: evaluateFields,
        },
        {
          method: 'get',
          path: '/api/readiness/evidence',
          query: { group: 'payments-team' },
          fields: [entityRefField('group', 'query')],
        },
        {
          method: 'post',
          path: '/api/readiness/assessments',
          body: {
            groupRef: 'group:default/payments-team',
            answers,
            trajectory: 'growing',
            platformTeamSize: 4,
            note: 'Quarterly review',
          },
          fields: [
            entityRefField('groupRef', 'body'),
            { in: 'body', name: 'note', nullable: true, type: 'text' },
            ...evaluateFields,
          ],
        },
        {
          method: 'get',
          path: '/api/readiness/assessments',
          query: { group: 'payments-team', limit: '10' },
          fields: [entityRefField('group', 'query'), limitField()],
        },
        {
          method: 'get',
          path: '/api/readiness/assessments/latest',
          query: { limit: '10' },
          fields: [limitField()],
        },
        {
          method: 'get',
          path: '/api/readiness/assessments/compare',
          query: { a: id, b: id },
          fields: [idField('a', 'query'), idField('b', 'query')],
        },
        {
          method: 'get',
          path: '/api/readiness/assessments/:id',
          params: { id },
          fields: [idField('id', 'path')],
        },
        {
          method: 'get',
          path: '/api/readiness/assessments/:id/export',
          params: { id },
          query: { format: 'csv' },
          fields: [
            idField('id', 'path'),
            {
              in: 'query',
              name: 'format',
              type: 'enum',
              refuse: ['nul', 'control', 'wrongType', 'unicode'],
            },
          ],
        },
        {
          method: 'delete',
          path: '/api/readiness/assessments/:id',
          params: { id },
          fields: [idField('id', 'path')],
        },
        {
          method: 'get',
          path: '/api/readiness/history',
          query: { group: 'payments-team' },
          fields: [entityRefField('group', 'query')],
        },
      ];

      const report = await fuzzRoutes({
        server,
        headers: auth,
        routes,
        runsPerClass: 2,
        seed: DOCUMENTED_SEED,
        check: async c => {
          if (c.status === 204) {
            throw new Error(`deleted with a hostile id: ${c.route}`);
          }
          await nothingWrittenWhenRefused(c);
        },
      });
      // eslint-disable-next-line no-console
      console.log(formatFuzzReport('readiness', report));
      expect(report.refused).toBe(report.mustRefuse);
      expect(report.routes).toHaveLength(10);
    },
  );
});
