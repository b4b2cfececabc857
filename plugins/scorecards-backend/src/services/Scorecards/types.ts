import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CheckInfo,
  EntityScorecard,
  ScorecardSummary,
  TeamScorecard,
  Waiver,
  WaiverRequest,
} from '@internal/plugin-scorecards-common';

export interface ScorecardService {
  listChecks(): { levels: string[]; checks: CheckInfo[] };
  /** Collects every fact and evaluates every scorecard. */
  refresh(signal?: AbortSignal): Promise<void>;
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
