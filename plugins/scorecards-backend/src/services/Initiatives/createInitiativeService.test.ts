import { DatabaseService } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import { DatabaseInitiativeStore } from '../../database/DatabaseInitiativeStore';
import { DatabaseScorecardStore } from '../../database/DatabaseScorecardStore';
import { createInitiativeService } from './createInitiativeService';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

const PAY = 'group:default/payments-team';
const WEB = 'group:default/web-team';
const LEVELS = ['bronze', 'silver', 'gold'];

describe.each(databases.eachSupportedId())('initiatives on %p', databaseId => {
  async function setUp(now: string) {
    const database = databaseService(await databases.init(databaseId));
    const scorecards = await DatabaseScorecardStore.create({ database });
    const store = await DatabaseInitiativeStore.create({ database });
    await scorecards.replaceEntities(
      ['a', 'b', 'c'].map((name, i) => ({
        entityRef: `component:default/${name}`,
        title: name,
        kind: 'Component',
        type: 'service',
        lifecycle: 'production',
        tags: [],
        ownerRef: i < 2 ? PAY : WEB,
        repository: null,
      })),
      new Date('2026-04-01T00:00:00Z'),
    );
    const evaluate = (day: string, levels: (string | null)[]) =>
      scorecards.saveEvaluations(
        ['a', 'b', 'c'].map((name, i) => ({
          entityRef: `component:default/${name}`,
          ownerRef: i < 2 ? PAY : WEB,
          level: levels[i],
          results: [],
        })),
        new Date(`${day}T12:00:00Z`),
      );
    await evaluate('2026-04-01', ['bronze', 'bronze', 'bronze']);
    await evaluate('2026-05-01', ['silver', 'bronze', 'bronze']);
    const notifications = { send: jest.fn(async () => {}) };
    const service = createInitiativeService({
      store,
      levels: LEVELS,
      notifications,
      now: () => new Date(now),
    });
    const created = await service.create(
      {
        title: 'Silver by Q2',
        description: '',
        ownerRef: 'group:default/platform-team',
        appliesTo: { lifecycle: ['production'] },
        targetLevel: 'silver',
        targetShare: 1,
        startsAt: '2026-04-01T00:00:00Z',
        deadline: '2026-06-30T00:00:00Z',
      },
      'user:default/admin',
    );
    return { service, notifications, id: created.id };
  }

  it('shows progress, the pace and the teams behind', async () => {
    const { service, id } = await setUp('2026-05-01T00:00:00Z');
    const detail = await service.get(id);
    // Apr 1: 0 of 3 at silver; May 1: a, 1 of 3
    expect(detail.history).toEqual([
      { day: '2026-04-01', covered: 3, meeting: 0 },
      { day: '2026-05-01', covered: 3, meeting: 1 },
    ]);
    expect(detail.progress).toEqual({ covered: 3, meeting: 1, share: 1 / 3 });
    // Apr 1 → May 1 is 30 days, +1/3 → 1/90 per day; 60 days to Jun 30 → 1/3 + 2/3 = 1,
    // which reaches the target of 1: on track
    expect(detail.projection.standing).toBe('on-track');
    expect(detail.projection.projectedShare).toBeCloseTo(1, 10);
    // payments: b below silver (1 behind, 1 of 2); web: c (1 behind, 0 of 1) ranks first
    expect(detail.teamsBehind).toEqual([
      { ownerRef: WEB, covered: 1, meeting: 0, behind: 1 },
      { ownerRef: PAY, covered: 2, meeting: 1, behind: 1 },
    ]);
    expect((await service.list()).map(i => i.projection.standing)).toEqual([
      'on-track',
    ]);
  });

  it('tells the owners of services behind once per initiative, service and kind', async () => {
    // Jun 20: ten days left, in the reminder window. Apr 1 → Jun 20 is 80 days (30 + 31 +
    // 19), +1/3 → 1/240 per day; 10 days more → 1/3 + 1/24 = 0.375 < 1: behind
    const { service, notifications } = await setUp('2026-06-20T00:00:00Z');
    // b and c are below silver: started, behind and deadline for each → 6
    expect(await service.notifyOwners()).toBe(6);
    expect(notifications.send).toHaveBeenCalledWith(
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: PAY },
        payload: expect.objectContaining({
          title: 'Initiative: Silver by Q2',
          description:
            '"Silver by Q2" ends on 2026-06-30 and b is not yet at silver.',
          topic: 'scorecards-initiative',
        }),
      }),
    );
    expect(
      (
        notifications.send.mock.calls as unknown as [
          { payload: { scope: string } },
        ][]
      )
        .map(([n]) => n.payload.scope.replace(/:[0-9a-f-]{36}:/, ':…:'))
        .sort(),
    ).toEqual([
      'scorecards-initiative:…:component:default/b:behind',
      'scorecards-initiative:…:component:default/b:deadline',
      'scorecards-initiative:…:component:default/b:started',
      'scorecards-initiative:…:component:default/c:behind',
      'scorecards-initiative:…:component:default/c:deadline',
      'scorecards-initiative:…:component:default/c:started',
    ]);
    // the next run tells nobody again
    expect(await service.notifyOwners()).toBe(0);
    expect(notifications.send).toHaveBeenCalledTimes(6);
  });
});
