import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { insightsPlugin } from './plugin';
import { component, group } from './__testUtils__/github';
import { quarterOf } from '@internal/plugin-insights-common';

jest.setTimeout(120_000);

const databases = createPostgresTestDatabases();

const TEAM = 'group:default/payments-team';

describe.each(databases.eachSupportedId())('survey on %p', databaseId => {
  async function start(
    permission:
      | AuthorizeResult.ALLOW
      | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  ) {
    const knex = await databases.init(databaseId);
    const userInfo = mockServices.userInfo.mock({
      getUserInfo: async credentials => {
        const userEntityRef = (
          credentials.principal as { userEntityRef: string }
        ).userEntityRef;
        // Users a1…a9 are in the payments team; b1 is not.
        const teams = userEntityRef.includes('/a')
          ? [TEAM]
          : ['group:default/storefront-team'];
        return {
          userEntityRef,
          ownershipEntityRefs: [userEntityRef, ...teams],
        };
      },
    });
    const { server } = await startTestBackend({
      features: [
        insightsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: { insights: { backfill: { enabled: false } } },
        }),
        mockServices.permissions.factory({ result: permission }),
        userInfo.factory,
        catalogServiceMock.factory({
          entities: [
            group('payments-team'),
            component('payments', 'payments-team', 'acme/payments'),
          ],
        }),
      ],
    });
    return { knex, server };
  }

  it('keeps one current answer per person per quarter and withholds teams under 5 answers', async () => {
    const { knex, server } = await start();
    const answer = (user: string, body: object) =>
      request(server)
        .post('/api/insights/survey')
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${user}`),
        )
        .send(body);
    const results = (query = '') =>
      request(server)
        .get(`/api/insights/survey/results${query}`)
        .set('Authorization', mockCredentials.user.header());

    // a1 answers twice: the second answer replaces the first.
    expect((await answer('a1', { nps: 2, satisfaction: 1 })).status).toBe(200);
    expect(
      (await answer('a1', { nps: 10, satisfaction: 5, comment: 'great' }))
        .status,
    ).toBe(200);
    await answer('a2', { nps: 9, satisfaction: 4 });
    await answer('a3', { nps: 7, satisfaction: 4 });
    await answer('a4', { nps: 3, satisfaction: 2 });
    expect(await knex('insights_survey_answers')).toHaveLength(4);

    // 4 answers for the team: withheld.
    const four = await results(`?group=${encodeURIComponent(TEAM)}`);
    expect(four.status).toBe(200);
    expect(four.body).toMatchObject({
      answers: 4,
      disclosed: false,
      nps: null,
      averageSatisfaction: null,
    });

    // A fifth: a5 scores 6. Scores 10, 9, 7, 3, 6 → promoters 2 (10, 9), passives 1 (7),
    // detractors 2 (3, 6): NPS = 2/5 × 100 − 2/5 × 100 = 40 − 40 = 0.
    // Satisfaction 5, 4, 4, 2, 3 → 18 ÷ 5 = 3.6.
    await answer('a5', { nps: 6, satisfaction: 3 });
    const five = await results(`?group=${encodeURIComponent(TEAM)}`);
    expect(five.body).toMatchObject({
      quarter: quarterOf(new Date()),
      answers: 5,
      disclosed: true,
      promoters: 2,
      passives: 1,
      detractors: 2,
      nps: 0,
      averageSatisfaction: 3.6,
    });

    // b1 (another team) counts for the organisation, not for the payments team.
    await answer('b1', { nps: 10, satisfaction: 5 });
    const org = await results();
    // Organisation: 10, 9, 7, 3, 6, 10 → promoters 3, detractors 2 of 6:
    // 50 − 33.33… = 16.67; satisfaction (18 + 5) ÷ 6 = 3.833…
    expect(org.body.answers).toBe(6);
    expect(org.body.nps).toBeCloseTo(50 - 200 / 6, 10);
    expect(org.body.averageSatisfaction).toBeCloseTo(23 / 6, 10);
    expect(
      (await results(`?group=${encodeURIComponent(TEAM)}`)).body.answers,
    ).toBe(5);

    const mine = await request(server)
      .get('/api/insights/survey/mine')
      .set('Authorization', mockCredentials.user.header('user:default/a1'));
    expect(mine.body.answer).toMatchObject({
      nps: 10,
      satisfaction: 5,
      comment: 'great',
    });
    await knex.destroy();
  });

  it.each([
    [{ nps: 11, satisfaction: 3 }, 'body.nps'],
    [{ nps: 5.5, satisfaction: 3 }, 'body.nps'],
    [{ nps: 5, satisfaction: 0 }, 'body.satisfaction'],
    [{ nps: 5 }, 'body.satisfaction'],
    [{ nps: 5, satisfaction: 3, team: 'x' }, 'team: unknown field'],
  ])('refuses %j with 400 naming %s', async (body, message) => {
    const { knex, server } = await start();
    const res = await request(server)
      .post('/api/insights/survey')
      .set('Authorization', mockCredentials.user.header())
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(await knex('insights_survey_answers')).toHaveLength(0);
    await knex.destroy();
  });

  it('refuses malformed JSON with 400 and a bad quarter with 400', async () => {
    const { knex, server } = await start();
    const res = await request(server)
      .post('/api/insights/survey')
      .set('Authorization', mockCredentials.user.header())
      .set('Content-Type', 'application/json')
      .send('{"nps": ');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('body: malformed JSON');
    const q = await request(server)
      .get('/api/insights/survey/results?quarter=2025-Q5')
      .set('Authorization', mockCredentials.user.header());
    expect(q.status).toBe(400);
    expect(q.body.error.message).toContain("quarter: '2025-Q5'");
    await knex.destroy();
  });

  it('refuses an answer the permission policy denies, storing nothing', async () => {
    const { knex, server } = await start(AuthorizeResult.DENY);
    const res = await request(server)
      .post('/api/insights/survey')
      .set('Authorization', mockCredentials.user.header())
      .send({ nps: 9, satisfaction: 4 });
    expect(res.status).toBe(403);
    expect(await knex('insights_survey_answers')).toHaveLength(0);
    await knex.destroy();
  });
});
