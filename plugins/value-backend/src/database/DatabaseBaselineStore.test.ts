import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { SEED_EXAMPLE_INPUTS } from '@internal/plugin-roi-common';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { NewBaseline } from './BaselineStore';
import { DatabaseBaselineStore } from './DatabaseBaselineStore';

jest.setTimeout(60_000);

const inputs = {
  ...SEED_EXAMPLE_INPUTS,
  periodMonths: 12,
  currency: 'EUR',
  rampUpMonths: 6,
  recurringYearlyCosts: 0,
};

const baseline = (change: Partial<NewBaseline> = {}): NewBaseline => ({
  scope: 'group:default/finance',
  scenarioId: '7f0c3a1e-2b4d-4c5e-8f6a-9b0c1d2e3f40',
  scenarioName: 'Finance platform case',
  scenarioVersion: 2,
  currency: 'EUR',
  inputs,
  startDate: '2026-01-01',
  costPerIncident: 115000,
  adoptedBy: 'user:default/ada',
  ...change,
});

describe.each(createPostgresTestDatabases().eachSupportedId())(
  'DatabaseBaselineStore on %p',
  databaseId => {
    const databases = createPostgresTestDatabases();

    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseBaselineStore.create({
        database: mockServices.database({ knex }),
      });
      return { knex, store };
    }

    it('keeps one current baseline per scope, and every adoption in the audit trail', async () => {
      const { store } = await createStore();
      expect(await store.current('group:default/finance')).toBeUndefined();

      const first = await store.adopt(
        baseline(),
        new Date('2026-01-02T10:00:00Z'),
      );
      expect(first).toMatchObject({
        scope: 'group:default/finance',
        inputs,
        startDate: '2026-01-01',
        costPerIncident: 115000,
        adoptedAt: '2026-01-02T10:00:00.000Z',
      });
      // another scope is its own
      await store.adopt(
        baseline({ scope: 'organisation', adoptedBy: 'user:default/root' }),
        new Date('2026-01-03T10:00:00Z'),
      );
      const second = await store.adopt(
        baseline({ startDate: '2026-04-01', adoptedBy: 'user:default/bob' }),
        new Date('2026-04-01T08:00:00Z'),
      );
      expect(await store.current('group:default/finance')).toEqual(second);
      expect(await store.current('organisation')).toMatchObject({
        adoptedBy: 'user:default/root',
      });

      const history = await store.history('group:default/finance', 10);
      expect(
        history.map(e => [e.action, e.baselineId, e.startDate, e.actor, e.at]),
      ).toEqual([
        [
          'adopted',
          second.id,
          '2026-04-01',
          'user:default/bob',
          '2026-04-01T08:00:00.000Z',
        ],
        [
          'replaced',
          first.id,
          '2026-01-01',
          'user:default/bob',
          '2026-04-01T08:00:00.000Z',
        ],
        [
          'adopted',
          first.id,
          '2026-01-01',
          'user:default/ada',
          '2026-01-02T10:00:00.000Z',
        ],
      ]);
      expect(await store.history('group:default/finance', 1)).toHaveLength(1);
    });

    it('leaves one current baseline when two adoptions race, and nothing half-written', async () => {
      const { knex, store } = await createStore();
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, (_, i) =>
          store.adopt(
            baseline({ adoptedBy: `user:default/u${i}` }),
            new Date('2026-01-02T10:00:00Z'),
          ),
        ),
      );
      // a loser of the race is told so, not failed
      const refusals = results.flatMap(r =>
        r.status === 'rejected' ? [r.reason] : [],
      );
      expect(refusals.every(e => e instanceof ConflictError)).toBe(true);
      const adopted = results.filter(r => r.status === 'fulfilled').length;
      expect(adopted).toBeGreaterThan(0);
      const current = await knex('value_baselines')
        .where({ scope: 'group:default/finance' })
        .whereNull('replaced_at');
      expect(current).toHaveLength(1);
      // every stored baseline has its adoption recorded, and only those
      const [{ n: baselines }] = await knex('value_baselines').count({
        n: '*',
      });
      const [{ n: adoptions }] = await knex('value_baseline_events')
        .where({ action: 'adopted' })
        .count({ n: '*' });
      expect(Number(baselines)).toBe(adopted);
      expect(Number(adoptions)).toBe(adopted);
    });
  },
);
