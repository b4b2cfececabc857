import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CheckInfo,
  EntityScorecard,
  ScorecardSummary,
  TeamScorecard,
  Waiver,
  WaiverRequest,
} from '@internal/plugin-scorecards-common';

import { GithubRequestCount } from '../../database/ScorecardStore';
import { ChangedRepository } from '../Facts/githubChanges';

export interface ScorecardService {
  listChecks(): { levels: string[]; checks: CheckInfo[] };
  /** Collects every fact and evaluates every scorecard. */
  refresh(signal?: AbortSignal): Promise<void>;
  /**
   * Re-collects the GitHub facts of one repository a webhook said changed and evaluates the
   * entities it holds; how many were evaluated (0: none, or no GitHub retriever).
   */
  collectRepository(repository: ChangedRepository): Promise<number>;
  /** The GitHub requests per repository per day over the last `days` days (today included). */
  githubRequests(days: number): Promise<GithubRequestCount[]>;
  /** Evaluates every scorecard from the stored facts and waivers. */
  evaluateAll(): Promise<void>;
  entityScorecard(entityRef: string): Promise<EntityScorecard>;
  summary(ownerRef?: string): Promise<ScorecardSummary>;
  /** One team's services by level, the checks holding them back, its last quarters. */
  team(ownerRef: string): Promise<TeamScorecard>;
  listWaivers(filter: {
    entityRef?: string;
    status?: Waiver['status'];
    limit: number;
  }): Promise<Waiver[]>;
  /**
   * Requests a waiver. The caller must belong to the entity's owner unless `mayDecide` (a
   * platform admin); the check must apply to the entity.
   */
  requestWaiver(
    request: WaiverRequest,
    caller: { credentials: BackstageCredentials; mayDecide: boolean },
  ): Promise<Waiver>;
  decideWaiver(options: {
    id: string;
    decision: 'grant' | 'reject';
    comment?: string;
    actor: string;
  }): Promise<Waiver>;
}
