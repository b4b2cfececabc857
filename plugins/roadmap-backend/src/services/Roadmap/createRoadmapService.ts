import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  answerNotice,
  parseProposalAnswer,
  parseProposalInput,
  parseRoadmapItemInput,
  phaseName,
  quarterOf,
  roadmapProgress,
  RoadmapProposal,
} from '@internal/plugin-roadmap-common';
import { RoadmapStore, StoredItemInput } from '../../database/RoadmapStore';
import { Caller, InitiativeDirectory, RoadmapService } from './types';

export function createRoadmapService(options: {
  store: RoadmapStore;
  initiatives: InitiativeDirectory;
  notifications: NotificationService;
  logger: LoggerService;
  now?: () => Date;
}): RoadmapService {
  const { store, initiatives, notifications, logger } = options;
  const now = options.now ?? (() => new Date());

  async function storedItem(
    input: unknown,
    caller: Caller,
  ): Promise<StoredItemInput> {
    const parsed = parseRoadmapItemInput(input);
    return {
      ...parsed,
      initiatives: parsed.initiatives.length
        ? await initiatives.titles(parsed.initiatives, caller.credentials)
        : [],
    };
  }

  /** Tells the proposer; the answer is stored whether or not the notice goes out. */
  async function notifyProposer(answered: RoadmapProposal, where?: string) {
    if (!answered.answer) return;
    const notice = answerNotice({
      title: answered.title,
      decision: answered.answer.decision,
      reason: answered.answer.reason,
      where,
    });
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: answered.proposerRef },
        payload: {
          ...notice,
          link: '/roadmap',
          severity: 'normal',
          topic: 'roadmap-proposal',
          scope: `roadmap-proposal:${answered.id}:${answered.answer.decision}`,
        },
      });
    } catch (error) {
      logger.warn('Roadmap answer not notified', {
        proposal: answered.id,
        error: String(error),
      });
    }
  }

  return {
    async getRoadmap() {
      const [items, counts] = await Promise.all([
        store.listItems(),
        store.countByPhaseAndStatus(),
      ]);
      return { items, progress: roadmapProgress(counts) };
    },

    async createItem(input, caller) {
      const item = await store.createItem(
        await storedItem(input, caller),
        caller.userRef,
        now(),
      );
      logger.info('Roadmap item created', { id: item.id, title: item.title });
      return item;
    },

    async updateItem(id, input, caller) {
      const item = await store.updateItem(
        id,
        await storedItem(input, caller),
        caller.userRef,
        now(),
      );
      if (!item) throw new NotFoundError(`No roadmap item ${id}`);
      return item;
    },

    listProposals(status, caller) {
      return store.listProposals({ status, viewerRef: caller.userRef });
    },

    async propose(input, caller) {
      const parsed = parseProposalInput(input);
      return store.createProposal({
        ...parsed,
        proposerRef: caller.userRef,
        now: now(),
      });
    },

    async vote(id, caller) {
      return store.vote(id, caller.userRef, now());
    },

    async withdrawVote(id, caller) {
      return store.withdrawVote(id, caller.userRef);
    },

    async answer(id, input, caller) {
      const at = now();
      const answer = parseProposalAnswer(input, quarterOf(at));
      const { proposal: answered } = await store.answerProposal({
        id,
        answer,
        actor: caller.userRef,
        now: at,
      });
      logger.info('Roadmap proposal answered', {
        id,
        decision: answer.decision,
      });
      await notifyProposer(
        answered,
        answer.decision === 'planned'
          ? `${phaseName(answer.phase)}, ${answer.targetQuarter}`
          : undefined,
      );
      return answered;
    },
  };
}
