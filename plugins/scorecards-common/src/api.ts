import { CheckStatus, FactValue, Waiver } from './types';
import {
  GoldenPathAdoption,
  TeamGoldenPathAdoption,
} from './goldenPathAdoption';

/** A check as the API shows it: what it asks, why, and what its rule needs. */
export type CheckInfo = {
  id: string;
  title: string;
  why: string;
  docs: string;
  level: string;
  fact: string;
  /** `needs ≤ 24 h` */
  requirement: string;
};

export type EntityCheckResult = {
  check: CheckInfo;
  status: CheckStatus;
  value: FactValue;
  message: string;
  collectedAt: string | null;
  waiver: Waiver | null;
};

/** The answer of `GET /api/scorecards/entity`. */
export type EntityScorecard = {
  entityRef: string;
  title: string;
  ownerRef: string | null;
  levels: string[];
  level: string | null;
  nextLevel: string | null;
  blocking: string[];
  results: EntityCheckResult[];
  history: { day: string; level: string | null }[];
};

/** The key of the entities below the lowest level in a summary's counts. */
export const NO_LEVEL = 'none';

/** The answer of `GET /api/scorecards/summary`. */
export type ScorecardSummary = {
  ownerRef: string | null;
  levels: string[];
  entities: number;
  byTeam: { ownerRef: string | null; counts: Record<string, number> }[];
  checks: {
    checkId: string;
    title: string;
    level: string;
    applicable: number;
    passing: number;
  }[];
  trend: { day: string; counts: Record<string, number> }[];
  /** Golden path adoption of the services, against seed 004's 80 %. */
  goldenPaths: GoldenPathAdoption;
  /** The same per team with a service counted there, by owner ref, no owner last. */
  goldenPathsByTeam: TeamGoldenPathAdoption[];
};

/** The answer of `GET /api/scorecards/team`: one team's standing. */
export type TeamScorecard = {
  ownerRef: string;
  levels: string[];
  /** Its evaluated services at each level; the key "none" for those below the lowest. */
  counts: Record<string, number>;
  /** Its services, the highest level first, then by name. */
  services: { entityRef: string; title: string; level: string | null }[];
  /**
   * The failing checks ranked by how many services they hold back: a check holds a service
   * back when it fails (or is unknown) at the level the service has to reach next.
   */
  holdingBack: {
    checkId: string;
    title: string;
    level: string;
    services: number;
  }[];
  /** Its services per level at the end of each of the last quarters (the running one: now). */
  quarters: { quarter: string; day: string; counts: Record<string, number> }[];
};

/** GitHub requests the scorecards made for one repository on one day (UTC). */
export type GithubRequestTotal = {
  day: string;
  /** `owner/name`; `owner/*` for the organisation's list of repositories. */
  repository: string;
  requests: number;
  /** How many reads made them (scheduled and webhook-driven). */
  collections: number;
};

export type WaiverRequest = {
  entityRef: string;
  checkId: string;
  reason: string;
  expiresAt: string;
};
