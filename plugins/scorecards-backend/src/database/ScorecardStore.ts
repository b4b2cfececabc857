import {
  CheckStatus,
  FactValue,
  Waiver,
  GoldenPathCounts,
} from '@internal/plugin-scorecards-common';

/** One owner's golden-path counts; `ownerRef` null for services without an owner. */
export type TeamGoldenPathCounts = GoldenPathCounts & {
  ownerRef: string | null;
};

/** An entity the scorecards score, as the catalog retriever saw it. */
export type EntityRecord = {
  entityRef: string;
  title: string;
  kind: string;
  type: string | null;
  lifecycle: string | null;
  tags: string[];
  ownerRef: string | null;
  /** `owner/name` of its GitHub repository (`github.com/project-slug`), if any. */
  repository: string | null;
};

export type ScoredEntityRecord = EntityRecord & {
  level: string | null;
  evaluatedAt: string | null;
};

export type FactRecord = {
  entityRef: string;
  factId: string;
  value: FactValue;
  collectedAt: string;
};

export type ResultRecord = {
  entityRef: string;
  checkId: string;
  level: string;
  status: CheckStatus;
  value: FactValue;
  message: string;
};

/** One entity's evaluation: its results and the level they reach. */
export type EntityEvaluation = {
  entityRef: string;
  ownerRef: string | null;
  level: string | null;
  results: ResultRecord[];
};

export type LevelCount = {
  ownerRef: string | null;
  level: string | null;
  entities: number;
};
export type CheckPassRate = {
  checkId: string;
  applicable: number;
  passing: number;
};
export type LevelTrendPoint = {
  day: string;
  level: string | null;
  entities: number;
};
/** How many of a team's entities a check holds back (stops at their next level). */
export type HoldingBackCount = { checkId: string; entities: number };
export type QuarterLevelCount = {
  /** The quarter's first day, YYYY-MM-DD. */
  quarterStart: string;
  /** The quarter's last day with a count: its end, or the latest day of the running quarter. */
  day: string;
  level: string | null;
  entities: number;
};
/** GitHub requests made for one repository on one day. */
export type GithubRequestCount = {
  day: string;
  /** `owner/name` in lower case; `owner/*` for the organisation's list of repositories. */
  repository: string;
  requests: number;
  /** How many reads added to it (scheduled and webhook-driven). */
  collections: number;
};
export type WaiverAuditRecord = {
  waiverId: string;
  action: 'requested' | 'granted' | 'rejected';
  actor: string;
  at: string;
  detail: string | null;
};

/** The scorecards' tables; the only SQL of the plugin is in its implementation. */
export interface ScorecardStore {
  /** Saves what the catalog says of these entities and forgets those not seen since `seenAt`. */
  replaceEntities(entities: EntityRecord[], seenAt: Date): Promise<void>;
  listEntities(): Promise<EntityRecord[]>;
  getEntity(entityRef: string): Promise<ScoredEntityRecord | undefined>;
  /** Saves the latest facts; a fact whose value changed also gets a history row. */
  writeFacts(facts: FactRecord[]): Promise<void>;
  /** The latest facts, of one entity or of every entity. */
  listFacts(entityRef?: string): Promise<FactRecord[]>;
  /** The history of one entity's facts, newest first. */
  factHistory(entityRef: string, limit: number): Promise<FactRecord[]>;
  /**
   * Saves every entity's results and level in one transaction: the latest results (replacing
   * the entity's earlier ones), a history row for each status that changed, the day's level.
   */
  saveEvaluations(
    evaluations: EntityEvaluation[],
    evaluatedAt: Date,
  ): Promise<void>;
  listResults(
    entityRef: string,
  ): Promise<(ResultRecord & { evaluatedAt: string })[]>;
  /** One entity's level per day, oldest first, from `fromDay` (YYYY-MM-DD). */
  entityLevelHistory(
    entityRef: string,
    fromDay: string,
  ): Promise<{ day: string; level: string | null }[]>;
  /** How many evaluated entities are at each level, per owner; all owners or one. */
  levelDistribution(ownerRef?: string): Promise<LevelCount[]>;
  /** Per check, how many entities it applies to and how many pass it (or have it waived). */
  checkPassRates(ownerRef?: string): Promise<CheckPassRate[]>;
  /**
   * Component services with a collected `goldenPath.createdFromTemplate`, those made from a
   * golden path, and those of them on their template's latest version; all owners or one.
   */
  goldenPathCounts(ownerRef?: string): Promise<GoldenPathCounts>;
  /** The same counts per owner (the kept rows), by owner ref, no owner last; all owners or one. */
  goldenPathCountsByTeam(ownerRef?: string): Promise<TeamGoldenPathCounts[]>;
  /** Entities per level per day from `fromDay` (the kept daily counts). */
  levelTrend(fromDay: string, ownerRef?: string): Promise<LevelTrendPoint[]>;
  /** A team's evaluated entities with their level. */
  teamServices(ownerRef: string): Promise<ScoredEntityRecord[]>;
  /**
   * Per check, how many of a team's entities it holds back: the entity's next level is the
   * lowest of `levels` with a result that does not count, and the check fails (or is unknown)
   * at that level. Most first.
   */
  checksHoldingBack(
    ownerRef: string,
    levels: readonly string[],
  ): Promise<HoldingBackCount[]>;
  /** A team's entities per level on the last counted day of each quarter from `fromDay`. */
  quarterlyLevels(
    ownerRef: string,
    fromDay: string,
  ): Promise<QuarterLevelCount[]>;
  /** The entities whose repository is `owner/name` (any case). */
  entitiesOfRepository(repository: string): Promise<EntityRecord[]>;
  /** Adds requests made for a repository at `at` to that day's total (UTC). */
  addGithubRequests(
    repository: string,
    requests: number,
    at: Date,
  ): Promise<void>;
  /** The daily totals from `fromDay`, newest day first, then the most requests. */
  githubRequests(fromDay: string, limit: number): Promise<GithubRequestCount[]>;
  /** Saves a requested waiver and its audit row in one transaction. */
  insertWaiver(waiver: Waiver): Promise<void>;
  /**
   * Grants or rejects a requested waiver with its audit row, in one transaction; undefined when
   * there is no such waiver or it was already decided.
   */
  decideWaiver(options: {
    id: string;
    status: 'granted' | 'rejected';
    actor: string;
    at: Date;
    detail?: string;
  }): Promise<Waiver | undefined>;
  getWaiver(id: string): Promise<Waiver | undefined>;
  listWaivers(filter: {
    entityRef?: string;
    status?: Waiver['status'];
    limit: number;
  }): Promise<Waiver[]>;
  waiverAudit(waiverId: string): Promise<WaiverAuditRecord[]>;
}
