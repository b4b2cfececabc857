import {
  InitiativeLink,
  PhaseStatusCount,
  ProposalAnswer,
  ProposalStatus,
  RoadmapItem,
  RoadmapItemInput,
  RoadmapProposal,
} from '@internal/plugin-roadmap-common';

/** An item as stored: the initiatives with the titles they had when it was saved. */
export type StoredItemInput = Omit<RoadmapItemInput, 'initiatives'> & {
  initiatives: InitiativeLink[];
};

/** The roadmap's tables; the only SQL of the plugin. */
export interface RoadmapStore {
  /** Every item, by phase, then target quarter, then title. */
  listItems(): Promise<RoadmapItem[]>;
  /** Items per phase and status, counted in SQL. */
  countByPhaseAndStatus(): Promise<PhaseStatusCount[]>;
  createItem(
    input: StoredItemInput,
    actor: string,
    now: Date,
  ): Promise<RoadmapItem>;
  /** Undefined when there is no such item. */
  updateItem(
    id: string,
    input: StoredItemInput,
    actor: string,
    now: Date,
  ): Promise<RoadmapItem | undefined>;

  /** Proposals with their votes, the most votes first, then the oldest. */
  listProposals(filter: {
    status?: ProposalStatus;
    viewerRef: string;
  }): Promise<RoadmapProposal[]>;
  getProposal(
    id: string,
    viewerRef: string,
  ): Promise<RoadmapProposal | undefined>;
  createProposal(input: {
    title: string;
    description: string;
    proposerRef: string;
    now: Date;
  }): Promise<RoadmapProposal>;
  /**
   * Records the user's vote (again: still one) while the proposal takes votes. Throws
   * NotFoundError or ConflictError (closed proposal).
   */
  vote(id: string, userRef: string, now: Date): Promise<RoadmapProposal>;
  /** Removes the user's vote, if any. Throws NotFoundError. */
  withdrawVote(id: string, userRef: string): Promise<RoadmapProposal>;
  /**
   * Stores the answer in one transaction: the proposal's status and reason and, when planned,
   * its new roadmap item (when done, its item is marked done). Throws NotFoundError, or
   * ConflictError when the proposal's status does not take that answer.
   */
  answerProposal(input: {
    id: string;
    answer: ProposalAnswer;
    actor: string;
    now: Date;
  }): Promise<{ proposal: RoadmapProposal; item: RoadmapItem | null }>;
}
