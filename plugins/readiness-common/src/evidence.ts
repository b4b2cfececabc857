import { Colour, FactorId } from './factors';
import { MaturityProposal } from './scorecardProposals';

/** What the catalog counts for the chosen groups. */
export type CatalogCounts = {
  /** Distinct users who are members of the groups or of their sub-groups. */
  engineers: number;
  /** Components of type `service` owned by those groups. */
  services: number;
  /** Systems owned by those groups. */
  systems: number;
  /** Resources of type `environment` or `kubernetes-cluster` owned by those groups. */
  environments: number;
};

/** At most this many services is "a few services" (the table's red answer). */
export const FEW_SERVICES_AT_MOST = 3;
/** At least this many environments is "multiple environments" (the table's green answer). */
export const MULTIPLE_ENVIRONMENTS_AT_LEAST = 2;
/** At least this many systems, together with multiple environments, reads as microservices. */
export const MANY_SYSTEMS_AT_LEAST = 2;

/**
 * The portal's reading of the infrastructure-complexity row from catalog counts, a proposal
 * the person confirms or overrides: at most 3 services is "a few services" (red); more than 3
 * services spread over 2 or more systems with 2 or more environments is "microservices, multiple
 * environments" (green); anything between is "a growing number of services" (yellow). The
 * catalog does not record clouds or compliance requirements, which the table also names.
 */
export function colourForInfrastructureCounts(counts: CatalogCounts): Colour {
  if (counts.services <= FEW_SERVICES_AT_MOST) return 'red';
  if (
    counts.systems >= MANY_SYSTEMS_AT_LEAST &&
    counts.environments >= MULTIPLE_ENVIRONMENTS_AT_LEAST
  ) {
    return 'green';
  }
  return 'yellow';
}

/** A proposed answer for one factor, with where it comes from. */
export type EvidenceProposal = {
  factor: FactorId;
  /** False when the portal has no data for this factor; `source` then says why. */
  available: boolean;
  colour: Colour | null;
  value: number | null;
  /** Where the proposal comes from, or why there is none, in words. */
  source: string;
};

/** No proposal for a factor, and why. */
export function unavailableProposal(
  factor: FactorId,
  source: string,
): EvidenceProposal {
  return { factor, available: false, colour: null, value: null, source };
}

export type Evidence = {
  groupRefs: string[];
  counts: CatalogCounts;
  proposals: EvidenceProposal[];
  /** Maturity answers proposed from the scorecards' figures, shown beside their questions. */
  maturityProposals: MaturityProposal[];
};
