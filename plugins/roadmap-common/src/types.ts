import type { InitiativeLink, RecommendationLink } from './links';
import type { RoadmapPhase } from './phases';
import type { Quarter } from './quarters';

/** Where an item of the roadmap stands. */
export const ROADMAP_ITEM_STATUSES = [
  'planned',
  'in-progress',
  'done',
] as const;
export type RoadmapItemStatus = (typeof ROADMAP_ITEM_STATUSES)[number];

/** An item of the platform team's public roadmap. */
export type RoadmapItem = {
  id: string;
  title: string;
  description: string;
  phase: RoadmapPhase;
  status: RoadmapItemStatus;
  targetQuarter: Quarter;
  /** The readiness recommendations it answers. */
  recommendations: RecommendationLink[];
  /** The scorecard initiatives it answers, with their titles when the item was saved. */
  initiatives: InitiativeLink[];
  /** The developers' proposal it came from, if any. */
  proposalId: string | null;
  createdAt: string;
  updatedAt: string;
};

/** What a platform admin writes to create or change an item. */
export type RoadmapItemInput = {
  title: string;
  description: string;
  phase: RoadmapPhase;
  status: RoadmapItemStatus;
  targetQuarter: Quarter;
  /** Recommendation ids (`teamStructure:hybrid`). */
  recommendations: string[];
  /** Scorecard initiative ids. */
  initiatives: string[];
};

/** `open` until the platform team answers it. */
export const PROPOSAL_STATUSES = [
  'open',
  'planned',
  'declined',
  'done',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export type ProposalDecision = Exclude<ProposalStatus, 'open'>;

/** A developer's proposal for the roadmap, with its votes. */
export type RoadmapProposal = {
  id: string;
  title: string;
  description: string;
  /** The user who proposed it. */
  proposerRef: string;
  createdAt: string;
  status: ProposalStatus;
  votes: number;
  /** Whether the caller has voted for it. */
  voted: boolean;
  /** The platform team's latest answer. */
  answer: {
    decision: ProposalDecision;
    reason: string;
    answeredBy: string;
    answeredAt: string;
  } | null;
  /** The roadmap item it became when planned. */
  itemId: string | null;
};

export type ProposalInput = { title: string; description: string };

/**
 * The platform team's answer: `planned` puts it on the roadmap in a phase and a quarter,
 * `declined` needs the reason the proposer reads, `done` says what already delivers it.
 */
export type ProposalAnswer =
  | {
      decision: 'planned';
      phase: RoadmapPhase;
      targetQuarter: Quarter;
      reason: string;
    }
  | { decision: 'declined'; reason: string }
  | { decision: 'done'; reason: string };
