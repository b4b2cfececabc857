import { DatabaseService } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import { EntityRecord } from './ScorecardStore';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

function entity(name: string, ownerRef: string): EntityRecord {
  return {
    entityRef: `component:default/${name}`,
    title: name,
    kind: 'Component',
    type: 'service',
    lifecycle: 'production',
    tags: [],
    ownerRef,
    repository: null,
  };
}

const PAY = 'group:default/payments-team';
const WEB = 'group:default/web-team';

describe.each(databases.eachSupportedId())(
  'DatabaseScorecardStore on %p',
  databaseId => {
    it('keeps a fact history row only when the value changes', async () => {
      const store = await DatabaseScorecardStore.create({
        database: databaseService(await databases.init(databaseId)),
      });
      const ref = 'component:default/a';
      const fact = (value: boolean | number | null, at: string) => ({
        entityRef: ref,
        factId: 'insights.leadTimeHours',
        value,
        collectedAt: at,
      });
      await store.writeFacts([fact(31, '2026-06-01T00:00:00.000Z')]);
      await store.writeFacts([fact(31, '2026-06-02T00:00:00.000Z')]); // same value: no history row
      await store.writeFacts([fact(20, '2026-06-03T00:00:00.000Z')]);
      await store.writeFacts([fact(null, '2026-06-04T00:00:00.000Z')]);
      expect(await store.listFacts(ref)).toEqual([
        fact(null, '2026-06-04T00:00:00.000Z'),
      ]);
      expect(
        (await store.factHistory(ref, 10)).map(f => [f.value, f.collectedAt]),
      ).toEqual([
        [null, '2026-06-04T00:00:00.000Z'],
        [20, '2026-06-03T00:00:00.000Z'],
        [31, '2026-06-01T00:00:00.000Z'],
      ]);
    });

    it('aggregates levels and pass rates per team and over time in SQL', async () => {
      const store = await DatabaseScorecardStore.create({
        database: databaseService(await databases.init(databaseId)),
      });
      await store.replaceEntities(
        [entity('a', PAY), entity('b', PAY), entity('c', WEB)],
        new Date('2026-06-01T00:00:00Z'),
      );
      const result = (
        ref: string,
        checkId: string,
        status: 'pass' | 'fail' | 'waived',
      ) => ({
        entityRef: ref,
        checkId,
        level: 'bronze',
        status,
        value: null,
        message: 'm',
      });
      const a = 'component:default/a';
      const b = 'component:default/b';
      const c = 'component:default/c';
      await store.saveEvaluations(
        [
          {
            entityRef: a,
            ownerRef: PAY,
            level: null,
            results: [result(a, 'owner', 'fail'), result(a, 'docs', 'fail')],
          },
          {
            entityRef: b,
            ownerRef: PAY,
            level: null,
            results: [result(b, 'owner', 'fail'), result(b, 'docs', 'pass')],
          },
          {
            entityRef: c,
            ownerRef: WEB,
            level: null,
            results: [result(c, 'owner', 'fail')],
          },
        ],
        new Date('2026-06-01T10:00:00Z'),
      );
      // the next day a and b reach bronze: a's docs check waived, b passes all
      await store.saveEvaluations(
        [
          {
            entityRef: a,
            ownerRef: PAY,
            level: 'bronze',
            results: [result(a, 'owner', 'pass'), result(a, 'docs', 'waived')],
          },
          {
            entityRef: b,
            ownerRef: PAY,
            level: 'bronze',
            results: [result(b, 'owner', 'pass'), result(b, 'docs', 'pass')],
          },
          {
            entityRef: c,
            ownerRef: WEB,
            level: null,
            results: [result(c, 'owner', 'fail')],
          },
        ],
        new Date('2026-06-02T10:00:00Z'),
      );
      expect(await store.levelDistribution()).toEqual([
        { ownerRef: PAY, level: 'bronze', entities: 2 },
        { ownerRef: WEB, level: null, entities: 1 },
      ]);
      // owner: a ✓ b ✓ c ✗ → 2 of 3; docs: a waived (counts) b ✓ → 2 of 2; lowest rate first
      expect(await store.checkPassRates()).toEqual([
        { checkId: 'owner', applicable: 3, passing: 2 },
        { checkId: 'docs', applicable: 2, passing: 2 },
      ]);
      expect(await store.checkPassRates(WEB)).toEqual([
        { checkId: 'owner', applicable: 1, passing: 0 },
      ]);
      expect(await store.levelTrend('2026-06-01', PAY)).toEqual([
        { day: '2026-06-01', level: null, entities: 2 },
        { day: '2026-06-02', level: 'bronze', entities: 2 },
      ]);
      expect(await store.entityLevelHistory(a, '2026-01-01')).toEqual([
        { day: '2026-06-01', level: null },
        { day: '2026-06-02', level: 'bronze' },
      ]);
      // an entity gone from the catalog is forgotten with its results
      await store.replaceEntities(
        [entity('a', PAY)],
        new Date('2026-06-03T00:00:00Z'),
      );
      expect((await store.listEntities()).map(e => e.entityRef)).toEqual([a]);
      expect(await store.listResults(b)).toEqual([]);
      // and from the pass rates: owner a ✓ → 1 of 1; docs a waived → 1 of 1
      expect(await store.checkPassRates()).toEqual([
        { checkId: 'docs', applicable: 1, passing: 1 },
        { checkId: 'owner', applicable: 1, passing: 1 },
      ]);
    });

    it('ranks the checks holding a team back and counts its levels per quarter', async () => {
      const store = await DatabaseScorecardStore.create({
        database: databaseService(await databases.init(databaseId)),
      });
      const names = ['s1', 's2', 's3', 's4'];
      await store.replaceEntities(
        [...names.map(n => entity(n, PAY)), entity('w1', WEB)],
        new Date('2026-03-01T00:00:00Z'),
      );
      const ref = (name: string) => `component:default/${name}`;
      const r = (
        name: string,
        checkId: string,
        level: string,
        status: 'pass' | 'fail' | 'unknown' | 'waived',
      ) => ({
        entityRef: ref(name),
        checkId,
        level,
        status,
        value: null,
        message: 'm',
      });
      const results = {
        // bronze fails (owner, docs): held back at bronze by both; its silver ci does not count
        s1: [
          r('s1', 'owner', 'bronze', 'fail'),
          r('s1', 'docs', 'bronze', 'fail'),
          r('s1', 'ci', 'silver', 'fail'),
        ],
        // bronze passes; silver's ci fails and codeowners is unknown: both hold it back
        s2: [
          r('s2', 'owner', 'bronze', 'pass'),
          r('s2', 'docs', 'bronze', 'pass'),
          r('s2', 'ci', 'silver', 'fail'),
          r('s2', 'codeowners', 'silver', 'unknown'),
        ],
        // docs waived counts: held back at silver by ci
        s3: [
          r('s3', 'owner', 'bronze', 'pass'),
          r('s3', 'docs', 'bronze', 'waived'),
          r('s3', 'ci', 'silver', 'fail'),
        ],
        // silver reached: held back at gold by lead; a level no longer configured is ignored
        s4: [
          r('s4', 'owner', 'bronze', 'pass'),
          r('s4', 'ci', 'silver', 'pass'),
          r('s4', 'lead', 'gold', 'fail'),
          r('s4', 'legacy', 'platinum', 'fail'),
        ],
        // another team's: not counted for payments
        w1: [r('w1', 'owner', 'bronze', 'fail')],
      };
      const level: Record<string, string | null> = {
        s1: null,
        s2: 'bronze',
        s3: 'bronze',
        s4: 'silver',
        w1: null,
      };
      const evaluate = async (at: string, only?: string[]) =>
        store.saveEvaluations(
          Object.entries(results)
            .filter(([name]) => !only || only.includes(name))
            .map(([name, rs]) => ({
              entityRef: ref(name),
              ownerRef: name === 'w1' ? WEB : PAY,
              level: level[name],
              results: rs,
            })),
          new Date(at),
        );
      await evaluate('2026-03-15T10:00:00Z');
      // ci holds back s2 and s3 (2); codeowners s2, docs s1, lead s4, owner s1 (1 each)
      expect(
        await store.checksHoldingBack(PAY, ['bronze', 'silver', 'gold']),
      ).toEqual([
        { checkId: 'ci', entities: 2 },
        { checkId: 'codeowners', entities: 1 },
        { checkId: 'docs', entities: 1 },
        { checkId: 'lead', entities: 1 },
        { checkId: 'owner', entities: 1 },
      ]);
      expect(
        (await store.teamServices(PAY)).map(e => [e.entityRef, e.level]),
      ).toEqual([
        [ref('s1'), null],
        [ref('s2'), 'bronze'],
        [ref('s3'), 'bronze'],
        [ref('s4'), 'silver'],
      ]);

      // Q1 ends on the 31st with s1 at bronze; Q2 counted on 1 May; Q3 runs, counted on 2 July
      level.s1 = 'bronze';
      await evaluate('2026-03-31T10:00:00Z');
      level.s2 = 'silver';
      await evaluate('2026-05-01T10:00:00Z');
      level.s3 = 'silver';
      await evaluate('2026-07-02T08:00:00Z');
      // later that day s4 alone reaches gold: the day's counts keep the others
      level.s4 = 'gold';
      await evaluate('2026-07-02T09:00:00Z', ['s4']);
      expect(await store.quarterlyLevels(PAY, '2026-01-01')).toEqual([
        {
          quarterStart: '2026-01-01',
          day: '2026-03-31',
          level: 'bronze',
          entities: 3,
        },
        {
          quarterStart: '2026-01-01',
          day: '2026-03-31',
          level: 'silver',
          entities: 1,
        },
        {
          quarterStart: '2026-04-01',
          day: '2026-05-01',
          level: 'bronze',
          entities: 2,
        },
        {
          quarterStart: '2026-04-01',
          day: '2026-05-01',
          level: 'silver',
          entities: 2,
        },
        {
          quarterStart: '2026-07-01',
          day: '2026-07-02',
          level: 'bronze',
          entities: 1,
        },
        {
          quarterStart: '2026-07-01',
          day: '2026-07-02',
          level: 'gold',
          entities: 1,
        },
        {
          quarterStart: '2026-07-01',
          day: '2026-07-02',
          level: 'silver',
          entities: 2,
        },
      ]);
      // from April: Q1 left out
      expect(
        (await store.quarterlyLevels(PAY, '2026-04-01')).map(q => q.day),
      ).toEqual([
        '2026-05-01',
        '2026-05-01',
        '2026-07-02',
        '2026-07-02',
        '2026-07-02',
      ]);
      // the organisation's trend on 2 July: payments' 4 and web's 1 (below bronze)
      expect(
        (await store.levelTrend('2026-07-02')).map(p => [p.level, p.entities]),
      ).toEqual([
        ['bronze', 1],
        ['gold', 1],
        ['silver', 2],
        [null, 1],
      ]);

      // s1 moves to web: both teams' pass rates follow at once
      // owner: s1 ✗ w1 ✗ → 0 of 2 for web; payments keeps s2 s3 s4 ✓ → 3 of 3
      await store.replaceEntities(
        [
          entity('s1', WEB),
          ...['s2', 's3', 's4'].map(n => entity(n, PAY)),
          entity('w1', WEB),
        ],
        new Date('2026-07-03T00:00:00Z'),
      );
      expect(
        (await store.checkPassRates(WEB)).find(c => c.checkId === 'owner'),
      ).toEqual({ checkId: 'owner', applicable: 2, passing: 0 });
      expect(
        (await store.checkPassRates(PAY)).find(c => c.checkId === 'owner'),
      ).toEqual({ checkId: 'owner', applicable: 3, passing: 3 });
    });

    it('adds up GitHub requests per repository per day and finds the entities of a repository', async () => {
      const store = await DatabaseScorecardStore.create({
        database: databaseService(await databases.init(databaseId)),
      });
      await store.replaceEntities(
        [
          { ...entity('checkout', PAY), repository: 'Acme-Retail/Checkout' },
          { ...entity('worker', PAY), repository: 'acme-retail/checkout' },
          { ...entity('web', WEB), repository: 'acme-retail/web' },
        ],
        new Date('2026-06-01T00:00:00Z'),
      );
      expect(
        (await store.entitiesOfRepository('ACME-RETAIL/checkout')).map(
          e => e.entityRef,
        ),
      ).toEqual(['component:default/checkout', 'component:default/worker']);

      // 1 June: the hourly run (6) and a webhook's (6) → 12 in 2; the list 1; web 15
      await store.addGithubRequests(
        'acme-retail/checkout',
        6,
        new Date('2026-06-01T10:00:00Z'),
      );
      await store.addGithubRequests(
        'Acme-Retail/Checkout',
        6,
        new Date('2026-06-01T10:20:00Z'),
      );
      await store.addGithubRequests(
        'acme-retail/*',
        1,
        new Date('2026-06-01T10:00:00Z'),
      );
      await store.addGithubRequests(
        'acme-retail/web',
        15,
        new Date('2026-06-01T10:00:00Z'),
      );
      // 23:59:59 UTC is still 1 June; midnight starts 2 June
      await store.addGithubRequests(
        'acme-retail/web',
        15,
        new Date('2026-06-01T23:59:59Z'),
      );
      await store.addGithubRequests(
        'acme-retail/web',
        15,
        new Date('2026-06-02T00:00:00Z'),
      );
      expect(await store.githubRequests('2026-06-01', 100)).toEqual([
        {
          day: '2026-06-02',
          repository: 'acme-retail/web',
          requests: 15,
          collections: 1,
        },
        {
          day: '2026-06-01',
          repository: 'acme-retail/web',
          requests: 30,
          collections: 2,
        },
        {
          day: '2026-06-01',
          repository: 'acme-retail/checkout',
          requests: 12,
          collections: 2,
        },
        {
          day: '2026-06-01',
          repository: 'acme-retail/*',
          requests: 1,
          collections: 1,
        },
      ]);
      expect(await store.githubRequests('2026-06-02', 100)).toHaveLength(1);
      expect(await store.githubRequests('2026-06-01', 2)).toHaveLength(2);
    });

    it('decides a waiver once, with an audit row for each step', async () => {
      const store = await DatabaseScorecardStore.create({
        database: databaseService(await databases.init(databaseId)),
      });
      const id = '00000000-0000-4000-8000-000000000001';
      await store.insertWaiver({
        id,
        entityRef: 'component:default/a',
        checkId: 'owner',
        reason: 'migrating',
        expiresAt: '2026-09-01T00:00:00.000Z',
        status: 'requested',
        requestedBy: 'user:default/ana',
        requestedAt: '2026-06-01T00:00:00.000Z',
        decidedBy: null,
        decidedAt: null,
      });
      const at = new Date('2026-06-02T00:00:00Z');
      expect(
        await store.decideWaiver({
          id,
          status: 'granted',
          actor: 'user:default/admin',
          at,
        }),
      ).toMatchObject({
        status: 'granted',
        decidedBy: 'user:default/admin',
        decidedAt: '2026-06-02T00:00:00.000Z',
      });
      // already decided: nothing changes
      expect(
        await store.decideWaiver({
          id,
          status: 'rejected',
          actor: 'user:default/x',
          at,
        }),
      ).toBeUndefined();
      expect(
        (await store.waiverAudit(id)).map(a => [a.action, a.actor]),
      ).toEqual([
        ['requested', 'user:default/ana'],
        ['granted', 'user:default/admin'],
      ]);
      expect(
        await store.listWaivers({ status: 'granted', limit: 10 }),
      ).toHaveLength(1);
    });

    it('counts the services made from a golden path and those on its latest version in SQL', async () => {
      const store = await DatabaseScorecardStore.create({
        database: databaseService(await databases.init(databaseId)),
      });
      const website = { ...entity('site', PAY), type: 'website' };
      await store.replaceEntities(
        [
          entity('a', PAY),
          entity('b', PAY),
          entity('c', PAY),
          entity('d', WEB),
          entity('e', WEB),
          website,
        ],
        new Date('2026-06-01T00:00:00Z'),
      );
      const at = '2026-06-01T10:00:00.000Z';
      const facts = (
        name: string,
        made: boolean | null,
        behind: number | null,
      ) => [
        {
          entityRef: `component:default/${name}`,
          factId: 'goldenPath.createdFromTemplate',
          value: made,
          collectedAt: at,
        },
        {
          entityRef: `component:default/${name}`,
          factId: 'goldenPath.versionsBehind',
          value: behind,
          collectedAt: at,
        },
      ];
      await store.writeFacts([
        ...facts('a', true, 0), // made, latest
        ...facts('b', true, 2), // made, 2 behind
        ...facts('c', false, null), // by hand
        ...facts('d', true, null), // made, version unreadable: not latest
        ...facts('e', null, null), // not collected: not counted
        ...facts('site', true, 0), // a website, not a service: not counted
      ]);
      // services a b c d → 4; made a b d → 3; latest a → 1
      expect(await store.goldenPathCounts()).toEqual({
        services: 4,
        fromGoldenPath: 3,
        onLatestVersion: 1,
      });
      // payments: a b c → 3; made a b → 2; latest a → 1
      expect(await store.goldenPathCounts(PAY)).toEqual({
        services: 3,
        fromGoldenPath: 2,
        onLatestVersion: 1,
      });
      // per team, as the export writes them: payments a b c; web d alone (e not collected)
      expect(await store.goldenPathCountsByTeam()).toEqual([
        {
          ownerRef: PAY,
          services: 3,
          fromGoldenPath: 2,
          onLatestVersion: 1,
        },
        { ownerRef: WEB, services: 1, fromGoldenPath: 1, onLatestVersion: 0 },
      ]);
      expect(await store.goldenPathCountsByTeam(WEB)).toEqual([
        { ownerRef: WEB, services: 1, fromGoldenPath: 1, onLatestVersion: 0 },
      ]);
      expect(await store.goldenPathCounts('group:default/nobody')).toEqual({
        services: 0,
        fromGoldenPath: 0,
        onLatestVersion: 0,
      });
      // a moves to web and c leaves the catalog: web d e a → made d a, latest a; payments b
      await store.replaceEntities(
        [
          entity('a', WEB),
          entity('b', PAY),
          entity('d', WEB),
          entity('e', WEB),
        ],
        new Date('2026-06-02T00:00:00Z'),
      );
      expect(await store.goldenPathCounts(WEB)).toEqual({
        services: 2,
        fromGoldenPath: 2,
        onLatestVersion: 1,
      });
      expect(await store.goldenPathCounts(PAY)).toEqual({
        services: 1,
        fromGoldenPath: 1,
        onLatestVersion: 0,
      });
    });
  },
);
