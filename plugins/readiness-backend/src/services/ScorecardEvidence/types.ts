import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { MaturityProposal } from '@internal/plugin-readiness-common';

/** Which services to ask about: the chosen groups, or the whole organisation. */
export type ScorecardEvidenceRequest = {
  /** Normalised group references, as the catalog evidence returns them. */
  groupRefs: string[];
  /** One of the groups is the organisation: every service counts. */
  organisation: boolean;
  /** The caller: the scorecards answer with their own read permission applied to them. */
  credentials: BackstageCredentials;
};

/** What the scorecards' golden path figures say about the maturity questionnaire. */
export interface ScorecardEvidenceService {
  /**
   * Proposals for `adoption.newServices` and `operations.upgrades` from the scorecards'
   * summary of the team or the organisation. Never fails: when the scorecards have no data,
   * are not installed, refuse the caller or answer an error, both proposals are unavailable
   * and their source says why.
   */
  propose(request: ScorecardEvidenceRequest): Promise<MaturityProposal[]>;
}
