import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Evidence } from '@internal/plugin-readiness-common';

/** The catalog's proposals, and whether the groups include the whole organisation. */
export type CatalogEvidence = Omit<Evidence, 'maturityProposals'> & {
  /** One of the groups is the organisation (catalog `spec.type: organization`). */
  organisation: boolean;
};

/** What the catalog says about the chosen groups, proposed as readiness answers. */
export interface CatalogEvidenceService {
  /**
   * Counts engineers, services, systems and environments of the groups and their sub-groups.
   * Fails with an InputError naming `field` when a reference is not a catalog Group.
   */
  collect(
    groupRefs: string[],
    options: { credentials: BackstageCredentials; field: string },
  ): Promise<CatalogEvidence>;
}
