import { DatabaseService } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import { DatabaseInitiativeStore } from './DatabaseInitiativeStore';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { InitiativeRecord, InitiativeScope } from './InitiativeStore';
import { EntityRecord } from './ScorecardStore';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

const PAY = 'group:default/payments-team';
const WEB = 'group:default/web-team';

function entity(
  name: string,
  ownerRef: string,
  lifecycle: string,
  tags: string[] = [],
): EntityRecord {
  return {
    entityRef: `component:default/${name}`,
    title: name,
    kind: 'Component',
    type: 'service',
    lifecycle,
    tags,
    ownerRef,
    repository: null,
  };
}

const PRODUCTION_AT_SILVER: InitiativeScope = {
  appliesTo: { kind: ['component'], lifecycle: ['Production'] },
  meetingLevels: ['silver', 'gold'],
};

const initiative: InitiativeRecord = {
  id: '7d4c1f0e-4b7e-4f43-9f4b-1f2a3b4c5d6e',
  title: 'Every production service at silver by the end of Q2',
  description: 'Silver: CODEOWNERS, CI and dependency updates.',
  ownerRef: 'group:default/platform-team',
  appliesTo: PRODUCTION_AT_SILVER.appliesTo,
  targetLevel: 'silver',
  targetShare: 1,
  startsAt: '2026-04-01T00:00:00.000Z',
  deadline: '2026-06-30T00:00:00.000Z',
  createdBy: 'user:default/admin',
  createdAt: '2026-04-01T09:00:00.000Z',
  updatedBy: 'user:default/admin',
  updatedAt: '2026-04-01T09:00:00.000Z',
};

describe.each(databases.eachSupportedId())(
  'DatabaseInitiativeStore on %p',
  databaseId => {
    async function seeded() {
      const database = databaseService(await databases.init(databaseId));
      const scorecards = await DatabaseScorecardStore.create({ database });
      const store = await DatabaseInitiativeStore.create({ database });
      await scorecards.replaceEntities(
        [
          entity('a', PAY, 'production', ['pci']),
          entity('b', PAY, 'production'),
          entity('c', WEB, 'production'),
          entity('d', WEB, 'experimental'),
        ],
        new Date('2026-06-01T00:00:00Z'),
      );
      const evaluate = (day: string, levels: (string | null)[]) =>
        scorecards.saveEvaluations(
          ['a', 'b', 'c', 'd'].map((name, i) => ({
            entityRef: `component:default/${name}`,
            ownerRef: i < 2 ? PAY : WEB,
            level: levels[i],
            results: [],
          })),
          new Date(`${day}T12:00:00Z`),
        );
      await evaluate('2026-06-01', ['bronze', null, 'bronze', 'gold']);
      await evaluate('2026-06-02', ['silver', 'bronze', 'gold', 'gold']);
      return store;
    }

    it('saves, changes and lists initiatives', async () => {
      const store = await seeded();
      await store.insertInitiative(initiative);
      expect(await store.getInitiative(initiative.id)).toEqual(initiative);
      const changed = await store.updateInitiative(
        initiative.id,
        { ...initiative, targetShare: 0.9, title: 'Silver by Q2' },
        {
          actor: 'user:default/other-admin',
          at: new Date('2026-04-02T00:00:00Z'),
        },
      );
      expect(changed).toEqual({
        ...initiative,
        targetShare: 0.9,
        title: 'Silver by Q2',
        updatedBy: 'user:default/other-admin',
        updatedAt: '2026-04-02T00:00:00.000Z',
      });
      expect(await store.listInitiatives()).toEqual([changed]);
      expect(
        await store.updateInitiative(
          '00000000-0000-4000-8000-000000000000',
          initiative,
          { actor: 'user:default/admin', at: new Date() },
        ),
      ).toBeUndefined();
    });

    it('computes progress per day, teams and services behind in SQL', async () => {
      const store = await seeded();
      // covered: a, b, c (production; d is experimental). Jun 1: bronze, none, bronze → 0 of
      // 3 at silver or above; Jun 2: silver, bronze, gold → a and c, 2 of 3
      expect(
        await store.progressHistory(PRODUCTION_AT_SILVER, '2026-05-01'),
      ).toEqual([
        { day: '2026-06-01', covered: 3, meeting: 0 },
        { day: '2026-06-02', covered: 3, meeting: 2 },
      ]);
      expect(
        await store.progressHistory(PRODUCTION_AT_SILVER, '2026-06-02'),
      ).toEqual([{ day: '2026-06-02', covered: 3, meeting: 2 }]);
      // latest: payments a silver, b bronze → 1 of 2; web c gold → 1 of 1 (d not covered)
      expect(await store.teamStandings(PRODUCTION_AT_SILVER)).toEqual([
        { ownerRef: PAY, covered: 2, meeting: 1 },
        { ownerRef: WEB, covered: 1, meeting: 1 },
      ]);
      expect(await store.servicesBehind(PRODUCTION_AT_SILVER)).toEqual([
        { entityRef: 'component:default/b', ownerRef: PAY, level: 'bronze' },
      ]);
      // by tag, without case: only a carries pci
      expect(
        await store.teamStandings({
          appliesTo: { tags: ['PCI'] },
          meetingLevels: ['gold'],
        }),
      ).toEqual([{ ownerRef: PAY, covered: 1, meeting: 0 }]);
      // a target level the configuration does not name: nobody meets it
      expect(
        await store.servicesBehind({
          appliesTo: { lifecycle: ['experimental'] },
          meetingLevels: [],
        }),
      ).toEqual([
        { entityRef: 'component:default/d', ownerRef: WEB, level: 'gold' },
      ]);
      // filter values are bound, not spliced into the SQL
      expect(
        await store.teamStandings({
          appliesTo: { kind: ["component') or (true"] },
          meetingLevels: ["gold') or (true"],
        }),
      ).toEqual([]);
    });

    it('claims each notice once per initiative, service and kind', async () => {
      const store = await seeded();
      await store.insertInitiative(initiative);
      const at = new Date('2026-06-02T13:00:00Z');
      const a = 'component:default/a';
      const b = 'component:default/b';
      const c = 'component:default/c';
      expect(
        await store.claimNotices(initiative.id, 'behind', [b, a], at),
      ).toEqual([a, b]);
      expect(
        await store.claimNotices(initiative.id, 'behind', [a, b, c], at),
      ).toEqual([c]);
      // another kind of notice is claimed on its own
      expect(
        await store.claimNotices(initiative.id, 'deadline', [a], at),
      ).toEqual([a]);
      expect(
        await store.claimNotices(initiative.id, 'started', [], at),
      ).toEqual([]);
    });
  },
);
