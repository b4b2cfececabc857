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
import {
  closedQuartersBefore,
  quarterOf,
} from '@internal/plugin-insights-common';

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

  const client = (server: Awaited<ReturnType<typeof start>>['server']) => ({
    answer: (user: string, body: object) =>
      request(server)
        .post('/api/insights/survey')
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${user}`),
        )
        .send(body),
    results: (query = '') =>
      request(server)
        .get(`/api/insights/survey/results${query}`)
        .set('Authorization', mockCredentials.user.header()),
  });
  const teamQuery = (quarter: string) =>
    `?quarter=${quarter}&group=${encodeURIComponent(TEAM)}`;

  it('shows nothing of an open quarter: reading before and after a colleague answers reveals nothing', async () => {
    const { knex, server } = await start();
    const { answer, results } = client(server);
    const quarter = quarterOf(new Date());
    for (const [user, nps] of [
      ['a1', 10],
      ['a2', 9],
      ['a3', 7],
      ['a4', 3],
      ['a5', 6],
    ] as const) {
      expect((await answer(user, { nps, satisfaction: 3 })).status).toBe(200);
    }
    const before = await results(teamQuery(quarter));
    // A colleague answers; a reader compares.
    await answer('a6', { nps: 0, satisfaction: 1 });
    const after = await results(teamQuery(quarter));
    expect(before.status).toBe(200);
    expect(after.body).toEqual(before.body);
    expect(after.body).toEqual({
      quarter,
      group: TEAM,
      threshold: 5,
      disclosed: false,
      withheld: 'quarterOpen',
      answers: null,
      promoters: null,
      passives: null,
      detractors: null,
      nps: null,
      averageSatisfaction: null,
      infrastructureShareAnswers: null,
      averageInfrastructureSharePct: null,
    });
    expect((await results(`?quarter=${quarter}`)).body.answers).toBeNull();
    await knex.destroy();
  });

  it('publishes a closed quarter from 5 answers, keeping one current answer per person', async () => {
    const { knex, server } = await start();
    const { answer, results } = client(server);
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
    // The quarter ends.
    const closed = '2025-Q1';
    await knex('insights_survey_answers').update({ quarter: closed });

    // 4 answers for the team: withheld, the count too.
    const four = await results(teamQuery(closed));
    expect(four.status).toBe(200);
    expect(four.body).toMatchObject({
      threshold: 5,
      disclosed: false,
      withheld: 'belowThreshold',
      answers: null,
      promoters: null,
      nps: null,
      averageSatisfaction: null,
    });

    // A fifth: a5 scores 6. Scores 10, 9, 7, 3, 6 → promoters 2 (10, 9), passives 1 (7),
    // detractors 2 (3, 6): NPS = 2/5 × 100 − 2/5 × 100 = 40 − 40 = 0.
    // Satisfaction 5, 4, 4, 2, 3 → 18 ÷ 5 = 3.6.
    await answer('a5', { nps: 6, satisfaction: 3 });
    await knex('insights_survey_answers').update({ quarter: closed });
    const five = await results(teamQuery(closed));
    expect(five.body).toEqual({
      quarter: closed,
      group: TEAM,
      threshold: 5,
      disclosed: true,
      withheld: null,
      answers: 5,
      promoters: 2,
      passives: 1,
      detractors: 2,
      nps: 0,
      averageSatisfaction: 3.6,
      // nobody answered the infrastructure question: 0 < 5, withheld
      infrastructureShareAnswers: null,
      averageInfrastructureSharePct: null,
    });

    // b1 (another team) answers: the organisation has 6, and organisation − team would be
    // b1's own answer, so the team is withheld while the rest has fewer than 5 answers.
    await answer('b1', { nps: 10, satisfaction: 5 });
    await knex('insights_survey_answers').update({ quarter: closed });
    const org = await results(`?quarter=${closed}`);
    // Organisation: 10, 9, 7, 3, 6, 10 → promoters 3, detractors 2 of 6:
    // 50 − 33.33… = 16.67; satisfaction (18 + 5) ÷ 6 = 3.833…
    expect(org.body.answers).toBe(6);
    expect(org.body.nps).toBeCloseTo(50 - 200 / 6, 10);
    expect(org.body.averageSatisfaction).toBeCloseTo(23 / 6, 10);
    expect((await results(teamQuery(closed))).body).toMatchObject({
      disclosed: false,
      withheld: 'complementBelowThreshold',
      answers: null,
    });

    const mine = await request(server)
      .get(`/api/insights/survey/mine?quarter=${closed}`)
      .set('Authorization', mockCredentials.user.header('user:default/a1'));
    expect(mine.body.answer).toEqual({
      quarter: closed,
      nps: 10,
      satisfaction: 5,
      answeredAt: expect.any(String),
    });
    await knex.destroy();
  });

  it('shows the infrastructure share of a closed quarter under the same threshold, counting those who answered it', async () => {
    const { knex, server } = await start();
    const { answer, results } = client(server);
    // a1…a4 give their share of time on infrastructure and tooling; a5 leaves it out.
    for (const [user, share] of [
      ['a1', 40],
      ['a2', 30],
      ['a3', 20],
      ['a4', 10],
    ] as const) {
      expect(
        (
          await answer(user, {
            nps: 8,
            satisfaction: 4,
            infrastructureSharePct: share,
          })
        ).status,
      ).toBe(200);
    }
    await answer('a5', { nps: 8, satisfaction: 4 });
    const closed = '2025-Q2';
    await knex('insights_survey_answers').update({ quarter: closed });
    // 5 answers: the scores are shown; 4 shares: 4 < 5, the share is withheld.
    expect((await results(`?quarter=${closed}`)).body).toMatchObject({
      disclosed: true,
      answers: 5,
      infrastructureShareAnswers: null,
      averageInfrastructureSharePct: null,
    });
    // a5 answers again with 50%: (40 + 30 + 20 + 10 + 50) ÷ 5 = 150 ÷ 5 = 30%.
    await answer('a5', { nps: 8, satisfaction: 4, infrastructureSharePct: 50 });
    // (the test moves the new answer into the closed quarter, in place of the earlier one)
    await knex('insights_survey_answers')
      .where({ user_ref: 'user:default/a5', quarter: closed })
      .delete();
    await knex('insights_survey_answers').update({ quarter: closed });
    expect((await results(`?quarter=${closed}`)).body).toMatchObject({
      infrastructureShareAnswers: 5,
      averageInfrastructureSharePct: 30,
    });
    const mine = await request(server)
      .get(`/api/insights/survey/mine?quarter=${closed}`)
      .set('Authorization', mockCredentials.user.header('user:default/a5'));
    expect(mine.body.answer).toMatchObject({ infrastructureSharePct: 50 });
    // A share outside 0–100 is refused, naming the field.
    const bad = await answer('a1', {
      nps: 8,
      satisfaction: 4,
      infrastructureSharePct: 101,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('infrastructureSharePct');
    await knex.destroy();
  });

  it('shows the trend of the closed quarters, each under the threshold, oldest first', async () => {
    const { knex, server } = await start();
    const { answer } = client(server);
    const [q1, q2] = closedQuartersBefore(new Date(), 2);
    // q1: five answers, NPS 10, 10, 9, 6, 0 → 3 promoters, 2 detractors → 60 − 40 = 20.
    for (const [user, nps] of [
      ['a1', 10],
      ['a2', 10],
      ['a3', 9],
      ['a4', 6],
      ['a5', 0],
    ] as const) {
      await answer(user, { nps, satisfaction: 4, infrastructureSharePct: 25 });
    }
    await knex('insights_survey_answers').update({ quarter: q1 });
    // q2: two answers only, withheld.
    await answer('a1', { nps: 10, satisfaction: 5 });
    await answer('a2', { nps: 10, satisfaction: 5 });
    await knex('insights_survey_answers')
      .whereNot({ quarter: q1 })
      .update({ quarter: q2 });

    const trend = await request(server)
      .get(`/api/insights/survey/trend?quarters=2`)
      .set('Authorization', mockCredentials.user.header());
    expect(trend.status).toBe(200);
    expect(trend.body.threshold).toBe(5);
    expect(
      trend.body.quarters.map(
        (r: {
          quarter: string;
          nps: number | null;
          withheld: string | null;
        }) => [r.quarter, r.nps, r.withheld],
      ),
    ).toEqual([
      [q1, 20, null],
      [q2, null, 'belowThreshold'],
    ]);
    expect(trend.body.quarters[0].averageInfrastructureSharePct).toBe(25);

    const tooMany = await request(server)
      .get(`/api/insights/survey/trend?quarters=13`)
      .set('Authorization', mockCredentials.user.header());
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('quarters');
    await knex.destroy();
  });

  it('gives the platform team the comments by closed quarter, under the threshold', async () => {
    const { knex, server } = await start();
    const { answer } = client(server);
    const [q1, q2] = closedQuartersBefore(new Date(), 2);
    for (const user of ['a1', 'a2', 'a3', 'a4', 'a5']) {
      await answer(user, {
        nps: 8,
        satisfaction: 4,
        ...(user !== 'a5' && { comment: `Comment of ${user}` }),
      });
    }
    await answer('b1', { nps: 8, satisfaction: 4, comment: 'Alone' });
    // a1…a5 answered in q1, b1 alone in q2 (below the threshold).
    await knex('insights_survey_answers')
      .whereIn('user_ref', ['user:default/b1'])
      .update({ quarter: q2 });
    await knex('insights_survey_answers')
      .whereNot({ quarter: q2 })
      .update({ quarter: q1 });
    await knex('insights_survey_comments')
      .whereNot({ comment: 'Alone' })
      .update({ quarter: q1 });
    await knex('insights_survey_comments')
      .where({ comment: 'Alone' })
      .update({ quarter: q2 });

    const comments = await request(server)
      .get('/api/insights/survey/comments?quarters=2')
      .set('Authorization', mockCredentials.user.header());
    expect(comments.status).toBe(200);
    expect(comments.body.quarters[0]).toMatchObject({
      quarter: q1,
      disclosed: true,
      withheld: null,
      total: 4,
    });
    expect([...comments.body.quarters[0].comments].sort()).toEqual([
      'Comment of a1',
      'Comment of a2',
      'Comment of a3',
      'Comment of a4',
    ]);
    // one answer in q2: its comment is withheld with the scores
    expect(comments.body.quarters[1]).toEqual({
      quarter: q2,
      disclosed: false,
      withheld: 'belowThreshold',
      total: null,
      comments: [],
    });
    await knex.destroy();
  });

  it('refuses the comments to whom the policy denies them', async () => {
    const { knex, server } = await start(AuthorizeResult.DENY);
    const comments = await request(server)
      .get('/api/insights/survey/comments')
      .set('Authorization', mockCredentials.user.header());
    expect(comments.status).toBe(403);
    expect(comments.body.error.message).toContain(
      'insights.survey.comments.read',
    );
    await knex.destroy();
  });

  it('stores comments apart from who wrote them', async () => {
    const { knex, server } = await start();
    const { answer } = client(server);
    await answer('a1', { nps: 9, satisfaction: 4, comment: ' Faster builds ' });
    await answer('a2', { nps: 5, satisfaction: 2 });
    // Nothing of the comment with the answers, nothing of the author with the comment.
    const answerColumns = Object.keys(
      await knex('insights_survey_answers').columnInfo(),
    );
    expect(answerColumns).not.toContain('comment');
    const commentColumns = Object.keys(
      await knex('insights_survey_comments').columnInfo(),
    ).sort();
    expect(commentColumns).toEqual(['comment', 'id', 'quarter']);
    expect(
      await knex('insights_survey_comments').select('quarter', 'comment'),
    ).toEqual([{ quarter: quarterOf(new Date()), comment: 'Faster builds' }]);
    const mine = await request(server)
      .get('/api/insights/survey/mine')
      .set('Authorization', mockCredentials.user.header('user:default/a1'));
    expect(mine.body.answer).not.toHaveProperty('comment');
    expect(JSON.stringify(mine.body)).not.toContain('Faster builds');
    await knex.destroy();
  });

  it.each([
    [{ nps: 11, satisfaction: 3 }, 'nps: must be <= 10'],
    [{ nps: 5.5, satisfaction: 3 }, 'nps: must be integer'],
    [{ nps: 5, satisfaction: 0 }, 'satisfaction: must be >= 1'],
    [{ nps: 5 }, 'satisfaction: is required'],
    [{ nps: 5, satisfaction: 3, team: 'x' }, 'team: unknown field'],
    [
      { nps: 5, satisfaction: 3, comment: 'a\u0000b' },
      'comment: must match pattern',
    ],
    [{ nps: Number.MAX_VALUE, satisfaction: 3 }, 'nps: must be <= 10'],
  ])('refuses %j with 400 naming %s', async (body, message) => {
    const { knex, server } = await start();
    const res = await request(server)
      .post('/api/insights/survey')
      .set('Authorization', mockCredentials.user.header())
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(await knex('insights_survey_answers')).toHaveLength(0);
    expect(await knex('insights_survey_comments')).toHaveLength(0);
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
    expect(res.body.error.message).toContain('body: is not valid JSON');
    const q = await request(server)
      .get('/api/insights/survey/results?quarter=2025-Q5')
      .set('Authorization', mockCredentials.user.header());
    expect(q.status).toBe(400);
    expect(q.body.error.message).toContain('quarter: must match pattern');
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
