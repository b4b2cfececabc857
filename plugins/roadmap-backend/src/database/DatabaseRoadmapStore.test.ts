import { DatabaseService } from '@backstage/backend-plugin-api';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { Knex } from 'knex';
import { DatabaseRoadmapStore } from './DatabaseRoadmapStore';
import { StoredItemInput } from './RoadmapStore';

jest.setTimeout(60_000);

const databases = createPostgresTestDatabases();

function databaseService(knex: Knex): DatabaseService {
  return { getClient: async () => knex, migrations: { skip: false } };
}

const ADMIN = 'user:default/admin';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const AT = new Date('2026-12-03T10:00:00Z');

const item = (change: Partial<StoredItemInput>): StoredItemInput => ({
  title: 'Preview environments',
  description: '',
  phase: 2,
  status: 'planned',
  targetQuarter: '2027-Q2',
  recommendations: ['phase:phase2'],
  initiatives: [],
  ...change,
});

describe.each(databases.eachSupportedId())(
  'DatabaseRoadmapStore on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseRoadmapStore;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseRoadmapStore.create({
        database: databaseService(knex),
      });
    });

    it('lists items by phase, then quarter, and counts them per phase and status in SQL', async () => {
      await store.createItem(
        item({ title: 'C', phase: 2, targetQuarter: '2027-Q3' }),
        ADMIN,
        AT,
      );
      await store.createItem(
        item({
          title: 'B',
          phase: 2,
          targetQuarter: '2027-Q1',
          status: 'done',
        }),
        ADMIN,
        AT,
      );
      await store.createItem(
        item({
          title: 'A',
          phase: 1,
          targetQuarter: '2027-Q4',
          status: 'in-progress',
        }),
        ADMIN,
        AT,
      );
      const items = await store.listItems();
      expect(items.map(i => i.title)).toEqual(['A', 'B', 'C']);
      expect(items[1].recommendations).toEqual([
        { id: 'phase:phase2', title: 'Roadmap phase: Phase 2: Expansion' },
      ]);
      expect(await store.countByPhaseAndStatus()).toEqual([
        { phase: 1, status: 'in-progress', items: 1 },
        { phase: 2, status: 'done', items: 1 },
        { phase: 2, status: 'planned', items: 1 },
      ]);
    });

    it('changes an item, and says when there is none', async () => {
      const created = await store.createItem(item({}), ADMIN, AT);
      const later = new Date('2026-12-04T10:00:00Z');
      const updated = await store.updateItem(
        created.id,
        item({
          status: 'in-progress',
          initiatives: [
            {
              id: '7d4c1f0e-4b7e-4f43-9f4b-1f2a3b4c5d6e',
              title: 'Silver by Q2',
            },
          ],
        }),
        ADMIN,
        later,
      );
      expect(updated).toMatchObject({
        status: 'in-progress',
        initiatives: [
          { id: '7d4c1f0e-4b7e-4f43-9f4b-1f2a3b4c5d6e', title: 'Silver by Q2' },
        ],
        updatedAt: later.toISOString(),
        createdAt: AT.toISOString(),
      });
      expect(
        await store.updateItem(
          '00000000-0000-4000-8000-000000000000',
          item({}),
          ADMIN,
          AT,
        ),
      ).toBeUndefined();
    });

    it('counts one vote per user, lets a vote be withdrawn, and sorts by votes', async () => {
      const first = await store.createProposal({
        title: 'Faster CI',
        description: '',
        proposerRef: ALICE,
        now: AT,
      });
      const second = await store.createProposal({
        title: 'Preview environments',
        description: 'Per pull request',
        proposerRef: BOB,
        now: new Date('2026-12-03T11:00:00Z'),
      });
      expect(first).toMatchObject({
        status: 'open',
        votes: 0,
        voted: false,
        answer: null,
        itemId: null,
      });

      await store.vote(second.id, ALICE, AT);
      await store.vote(second.id, ALICE, AT); // twice: still one
      const voted = await store.vote(second.id, CAROL, AT);
      expect(voted).toMatchObject({ votes: 2, voted: true });

      // the most votes first; the viewer's own vote shown
      const forAlice = await store.listProposals({ viewerRef: ALICE });
      expect(forAlice.map(p => [p.title, p.votes, p.voted])).toEqual([
        ['Preview environments', 2, true],
        ['Faster CI', 0, false],
      ]);
      const forBob = await store.listProposals({ viewerRef: BOB });
      expect(forBob.map(p => p.voted)).toEqual([false, false]);

      const withdrawn = await store.withdrawVote(second.id, ALICE);
      expect(withdrawn).toMatchObject({ votes: 1, voted: false });
      // withdrawing again changes nothing
      expect(await store.withdrawVote(second.id, ALICE)).toMatchObject({
        votes: 1,
      });
      await store.vote(first.id, ALICE, AT);
      await store.vote(first.id, BOB, AT);
      expect(
        (await store.listProposals({ viewerRef: ALICE })).map(p => p.title),
      ).toEqual(['Faster CI', 'Preview environments']);
      // equal votes: the older first
      await store.withdrawVote(first.id, BOB);
      expect(
        (await store.listProposals({ viewerRef: ALICE })).map(p => p.title),
      ).toEqual(['Faster CI', 'Preview environments']);
      await expect(
        store.vote('00000000-0000-4000-8000-000000000000', ALICE, AT),
      ).rejects.toThrow('No proposal');
    });

    it('plans a proposal as a new item in one transaction, then marks it done', async () => {
      const proposed = await store.createProposal({
        title: 'Preview environments',
        description: 'Per pull request',
        proposerRef: ALICE,
        now: AT,
      });
      await store.vote(proposed.id, BOB, AT);
      const { proposal, item: planned } = await store.answerProposal({
        id: proposed.id,
        answer: {
          decision: 'planned',
          phase: 2,
          targetQuarter: '2027-Q2',
          reason: 'Next after the catalog.',
        },
        actor: ADMIN,
        now: AT,
      });
      expect(planned).toMatchObject({
        title: 'Preview environments',
        description: 'Per pull request',
        phase: 2,
        status: 'planned',
        targetQuarter: '2027-Q2',
        proposalId: proposed.id,
      });
      expect(proposal).toMatchObject({
        status: 'planned',
        votes: 1,
        itemId: planned!.id,
        answer: {
          decision: 'planned',
          reason: 'Next after the catalog.',
          answeredBy: ADMIN,
          answeredAt: AT.toISOString(),
        },
      });
      // a planned proposal still takes votes
      expect(await store.vote(proposed.id, CAROL, AT)).toMatchObject({
        votes: 2,
      });
      // and cannot be planned again
      await expect(
        store.answerProposal({
          id: proposed.id,
          answer: {
            decision: 'planned',
            phase: 1,
            targetQuarter: '2027-Q1',
            reason: '',
          },
          actor: ADMIN,
          now: AT,
        }),
      ).rejects.toThrow('A planned proposal cannot be answered planned');
      expect(await store.listItems()).toHaveLength(1);

      const done = await store.answerProposal({
        id: proposed.id,
        answer: { decision: 'done', reason: 'Shipped.' },
        actor: ADMIN,
        now: AT,
      });
      expect(done.item).toMatchObject({ id: planned!.id, status: 'done' });
      expect(done.proposal.status).toBe('done');
      await expect(store.vote(proposed.id, BOB, AT)).rejects.toThrow(
        'takes no more votes',
      );
    });

    it('declines with the reason, and writes nothing when the answer is refused', async () => {
      const proposed = await store.createProposal({
        title: 'Jenkins plugin',
        description: '',
        proposerRef: ALICE,
        now: AT,
      });
      const { proposal, item: none } = await store.answerProposal({
        id: proposed.id,
        answer: {
          decision: 'declined',
          reason: 'We moved CI to GitHub Actions.',
        },
        actor: ADMIN,
        now: AT,
      });
      expect(none).toBeNull();
      expect(proposal.answer).toMatchObject({
        decision: 'declined',
        reason: 'We moved CI to GitHub Actions.',
      });
      await expect(
        store.answerProposal({
          id: proposed.id,
          answer: {
            decision: 'planned',
            phase: 1,
            targetQuarter: '2027-Q1',
            reason: '',
          },
          actor: ADMIN,
          now: AT,
        }),
      ).rejects.toThrow('A declined proposal cannot be answered planned');
      expect(await store.listItems()).toEqual([]);
      expect((await store.getProposal(proposed.id, ALICE))!.status).toBe(
        'declined',
      );
    });

    it('takes two votes at the same moment as two votes', async () => {
      const proposed = await store.createProposal({
        title: 'Faster CI',
        description: '',
        proposerRef: ALICE,
        now: AT,
      });
      await Promise.all(
        [ALICE, BOB, CAROL, ALICE].map(user =>
          store.vote(proposed.id, user, AT),
        ),
      );
      expect((await store.getProposal(proposed.id, BOB))!.votes).toBe(3);
    });
  },
);
