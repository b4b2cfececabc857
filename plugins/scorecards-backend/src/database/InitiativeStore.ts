import {
  AppliesTo,
  Initiative,
  InitiativeNoticeKind,
} from '@internal/plugin-scorecards-common';

/** An initiative with who created and last changed it. */
export type InitiativeRecord = Initiative & {
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
};

/** What a platform admin writes: everything but the id and the audit fields. */
export type InitiativeInput = Omit<Initiative, 'id'>;

/** The progress of an initiative on one day (UTC), from the level history. */
export type InitiativeProgressPoint = {
  day: string;
  covered: number;
  meeting: number;
};

/** A covered service that has not reached the target level. */
export type ServiceBehind = {
  entityRef: string;
  ownerRef: string | null;
  level: string | null;
};

/**
 * What the SQL needs of an initiative: which entities it covers and which levels meet its
 * target (the target level and every level above it, worked out by the caller).
 */
export type InitiativeScope = {
  appliesTo: AppliesTo;
  meetingLevels: string[];
};

/** The initiatives' tables; progress is computed from scorecard_level_history in SQL. */
export interface InitiativeStore {
  insertInitiative(record: InitiativeRecord): Promise<void>;
  /** Changes an initiative; undefined when there is none with this id. */
  updateInitiative(
    id: string,
    input: InitiativeInput,
    by: { actor: string; at: Date },
  ): Promise<InitiativeRecord | undefined>;
  getInitiative(id: string): Promise<InitiativeRecord | undefined>;
  /** Every initiative, the nearest deadline first. */
  listInitiatives(): Promise<InitiativeRecord[]>;
  /** Covered and meeting services per day from `fromDay` (YYYY-MM-DD), oldest first. */
  progressHistory(
    scope: InitiativeScope,
    fromDay: string,
  ): Promise<InitiativeProgressPoint[]>;
  /** Covered and meeting services per owning team, at the latest evaluation. */
  teamStandings(
    scope: InitiativeScope,
  ): Promise<{ ownerRef: string; covered: number; meeting: number }[]>;
  /** The covered services below the target level at the latest evaluation. */
  servicesBehind(scope: InitiativeScope): Promise<ServiceBehind[]>;
  /**
   * Records that a notice of this kind was sent for these services, and returns the ones that
   * had none yet (in the same transaction), so each is notified once.
   */
  claimNotices(
    initiativeId: string,
    kind: InitiativeNoticeKind,
    entityRefs: string[],
    at: Date,
  ): Promise<string[]>;
}
