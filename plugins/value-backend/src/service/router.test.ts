import { addMonths } from '@internal/plugin-value-common';
import { SEED_EXAMPLE_INPUTS } from '@internal/plugin-roi-common';
import { createPostgresTestDatabases } from '@internal/test-databases';
import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ADA,
  ADMIN,
  as,
  BOB,
  EVE,
  startValueBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const FINANCE = 'group:default/finance';
const anonymous = { Authorization: mockCredentials.none.header() };

/** The first day of the month four months ago: quarter 1 is over, quarter 2 has started. */
const today = new Date().toISOString().slice(0, 10);
const START = addMonths(`${today.slice(0, 7)}-01`, -4);

describe('value routes', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'adopt a business case per scope and hold it against the actuals on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server, insights } = await startValueBackend(
        { value: knex, roi: await databases.init(databaseId) },
        START,
      );
      const api = request(server);

      // Ada saves the finance team's business case in the ROI calculator, shared with her team
      const scenario = await api
        .post('/api/roi/scenarios')
        .set(as(ADA))
        .send({
          name: 'Finance platform case',
          inputs: SEED_EXAMPLE_INPUTS,
          sharedWithGroups: [FINANCE],
        })
        .expect(201);
      const adopt = {
        scope: FINANCE,
        scenarioId: scenario.body.id,
        startDate: START,
        costPerIncident: 115000,
      };

      // without credentials: refused
      await api
        .get('/api/value/baseline')
        .query({ scope: FINANCE })
        .set(anonymous)
        .expect(401);
      await api
        .post('/api/value/baselines')
        .set(anonymous)
        .send(adopt)
        .expect(401);
      await api
        .get('/api/value/report')
        .query({ scope: FINANCE, quarter: 1 })
        .set(anonymous)
        .expect(401);

      // nothing adopted yet; Ada may adopt for her team, not for the organisation
      const none = await api
        .get('/api/value/baseline')
        .query({ scope: FINANCE })
        .set(as(ADA))
        .expect(200);
      expect(none.body).toEqual({
        scope: FINANCE,
        baseline: null,
        history: [],
        canAdopt: true,
      });
      const org = await api
        .get('/api/value/baseline')
        .query({ scope: 'organisation' })
        .set(as(ADA))
        .expect(200);
      expect(org.body.canAdopt).toBe(false);
      await api
        .get('/api/value/report')
        .query({ scope: FINANCE, quarter: 1 })
        .set(as(ADA))
        .expect(404);

      // a member may not adopt the organisation's case, nor another team's
      const forOrg = await api
        .post('/api/value/baselines')
        .set(as(ADA))
        .send({ ...adopt, scope: 'organisation' });
      expect(forOrg.status).toBe(403);
      expect(forOrg.body.error.message).toContain('only platform admins');
      const forFinanceByEve = await api
        .post('/api/value/baselines')
        .set(as(EVE))
        .send(adopt);
      expect(forFinanceByEve.status).toBe(403);
      // a scenario the caller may not read is not adopted
      const unreadable = await api
        .post('/api/value/baselines')
        .set(as(EVE))
        .send({ ...adopt, scope: 'group:default/sales' });
      expect(unreadable.status).toBe(403);
      expect(unreadable.body.error.message).toContain(
        'scenarioId: you may not read the ROI scenario',
      );
      // nor one that does not exist
      const missing = await api
        .post('/api/value/baselines')
        .set(as(ADA))
        .send({ ...adopt, scenarioId: '00000000-0000-4000-8000-000000000000' });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('scenarioId: no saved');
      // an impossible date is named
      const badDate = await api
        .post('/api/value/baselines')
        .set(as(ADA))
        .send({ ...adopt, startDate: '2026-02-30' });
      expect(badDate.status).toBe(400);
      expect(badDate.body.error.message).toContain('startDate');
      expect(await knex('value_baselines').count({ n: '*' })).toEqual([
        { n: '0' },
      ]);

      // Ada adopts it for finance
      const adopted = await api
        .post('/api/value/baselines')
        .set(as(ADA))
        .send(adopt)
        .expect(201);
      expect(adopted.body).toMatchObject({
        scope: FINANCE,
        scenarioId: scenario.body.id,
        scenarioName: 'Finance platform case',
        scenarioVersion: 1,
        currency: 'EUR',
        startDate: START,
        costPerIncident: 115000,
        adoptedBy: ADA,
        quartersStarted: 2,
      });

      // Bob, of the same team (his claim spelt with capitals), adopts it again
      await api
        .post('/api/value/baselines')
        .set(as(BOB))
        .send({
          ...adopt,
          scope: 'group:default/Finance',
          costPerIncident: 90000,
        })
        .expect(201);
      const current = await api
        .get('/api/value/baseline')
        .query({ scope: FINANCE })
        .set(as(EVE))
        .expect(200);
      expect(current.body.baseline).toMatchObject({
        adoptedBy: BOB,
        costPerIncident: 90000,
      });
      expect(current.body.canAdopt).toBe(false);
      expect(
        current.body.history.map((e: { action: string; actor: string }) => [
          e.action,
          e.actor,
        ]),
      ).toEqual([
        ['adopted', BOB],
        ['replaced', BOB],
        ['adopted', ADA],
      ]);

      // the admin adopts the organisation's case
      await api
        .post('/api/value/baselines')
        .set(as(ADMIN))
        .send({ ...adopt, scope: 'organisation' })
        .expect(201);

      // quarter 1, over: before 20 incidents, after 8; durations 48 → 30 h and 10 → 6 h
      const report = await api
        .get('/api/value/report')
        .query({ scope: FINANCE, quarter: 1 })
        .set(as(EVE))
        .expect(200);
      expect(report.body.quarter).toMatchObject({
        index: 1,
        from: START,
        to: addMonths(START, 3),
        elapsedShare: 1,
      });
      const figures = Object.fromEntries(
        report.body.figures.map((f: { id: string }) => [f.id, f]),
      );
      expect(figures.incidents.actual.before).toBe(20);
      expect(figures.incidents.actual.after).toBe(8);
      expect(figures.incidents.actual.amount).toBeGreaterThan(0);
      expect(figures.leadTime.actual).toMatchObject({ before: 48, after: 30 });
      expect(figures.infrastructure.actual).toMatchObject({
        amount: null,
        missing: 'No cluster connected',
      });
      expect(figures.productivity.actual.amount).toBeNull();
      expect(report.body.realised.counted).toEqual(['incidents']);
      // insights was asked for the team, over the 3 months before and the quarter
      expect(insights.queries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            group: FINANCE,
            from: `${addMonths(START, -3)}T00:00:00.000Z`,
            to: `${START}T00:00:00.000Z`,
          }),
        ]),
      );

      // the organisation's report asks insights for everyone (no group)
      insights.queries.length = 0;
      await api
        .get('/api/value/report')
        .query({ scope: 'organisation', quarter: 2 })
        .set(as(EVE))
        .expect(200);
      expect(insights.queries.length).toBeGreaterThan(0);
      expect(insights.queries.every(q => q.group === undefined)).toBe(true);

      // quarter 3 has not started
      const early = await api
        .get('/api/value/report')
        .query({ scope: FINANCE, quarter: 3 })
        .set(as(ADA));
      expect(early.status).toBe(400);
      expect(early.body.error.message).toContain('quarter: quarter 3');
    },
  );
});
