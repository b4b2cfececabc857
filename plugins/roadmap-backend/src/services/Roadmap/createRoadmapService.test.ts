import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { RoadmapProposal } from '@internal/plugin-roadmap-common';
import { RoadmapStore } from '../../database/RoadmapStore';
import { createRoadmapService } from './createRoadmapService';

const ADMIN = {
  userRef: 'user:default/admin',
  credentials: mockCredentials.user('user:default/admin'),
};

const answered: RoadmapProposal = {
  id: '7d4c1f0e-4b7e-4f43-9f4b-1f2a3b4c5d6e',
  title: 'Jenkins plugin',
  description: '',
  proposerRef: 'user:default/alice',
  createdAt: '2026-11-01T00:00:00.000Z',
  status: 'declined',
  votes: 4,
  voted: false,
  answer: {
    decision: 'declined',
    reason: 'CI moved to GitHub Actions.',
    answeredBy: 'user:default/admin',
    answeredAt: '2026-12-03T10:00:00.000Z',
  },
  itemId: null,
};

function service(send: jest.Mock) {
  const store = {
    answerProposal: jest.fn(async () => ({ proposal: answered, item: null })),
  };
  const logger = mockServices.logger.mock();
  return {
    store,
    logger,
    roadmap: createRoadmapService({
      store: store as unknown as RoadmapStore,
      initiatives: { titles: jest.fn() },
      notifications: { send },
      logger,
      now: () => new Date('2026-12-03T10:00:00Z'),
    }),
  };
}

describe('answering a proposal', () => {
  it('keeps the answer when the notification cannot be sent, and says so in the log', async () => {
    const send = jest.fn(async () => {
      throw new Error('notifications backend unavailable');
    });
    const { roadmap, logger } = service(send);
    await expect(
      roadmap.answer(
        answered.id,
        { decision: 'declined', reason: 'CI moved to GitHub Actions.' },
        ADMIN,
      ),
    ).resolves.toBe(answered);
    expect(send).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith('Roadmap answer not notified', {
      proposal: answered.id,
      error: 'Error: notifications backend unavailable',
    });
  });

  it('parses the answer against the current quarter before the store sees it', async () => {
    const { roadmap, store } = service(jest.fn());
    // 2026-12-03 is in 2026-Q4: 2026-Q3 is past
    await expect(
      roadmap.answer(
        answered.id,
        { decision: 'planned', phase: 1, targetQuarter: '2026-Q3' },
        ADMIN,
      ),
    ).rejects.toThrow('targetQuarter: must be 2026-Q4 or later');
    expect(store.answerProposal).not.toHaveBeenCalled();
  });
});
