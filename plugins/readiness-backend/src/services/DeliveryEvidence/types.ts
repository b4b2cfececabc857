import { EvidenceProposal } from '@internal/plugin-readiness-common';

/** Which services to ask about: the chosen groups, or the whole organisation. */
export type DeliveryEvidenceRequest = {
  /** Normalised group references, as the catalog evidence returns them. */
  groupRefs: string[];
  /** One of the groups is the organisation: every service counts. */
  organisation: boolean;
};

/** What the portal's delivery metrics say about deployment friction and onboarding time. */
export interface DeliveryEvidenceService {
  /**
   * Proposals for `onboardingTime` and `deploymentFriction` from the insights plugin's delivery
   * metrics over the last 90 days. Never fails: when insights has no data, is not installed or
   * answers an error, both proposals are unavailable and their source says why.
   */
  propose(request: DeliveryEvidenceRequest): Promise<EvidenceProposal[]>;
}
