import {
  EvidenceProposal,
  MaturityProposal,
  factors,
} from '@internal/plugin-readiness-common';
import { FactorStates } from './FactorForm';

const labelOf = (p: EvidenceProposal) =>
  factors.find(f => f.id === p.factor)!.label;

/** The form with every available proposal taken as a measured answer, with its source. */
export function applyProposals(
  states: FactorStates,
  proposals: EvidenceProposal[],
): FactorStates {
  const next = { ...states };
  for (const p of proposals) {
    if (!p.available) continue;
    next[p.factor] = {
      colour: p.colour ?? undefined,
      value: p.value === null ? '' : String(p.value),
      measured: true,
      evidence: p.source,
    };
  }
  return next;
}

/** What the portal proposed, then, for each factor it could not, why. */
export function describeProposals(proposals: EvidenceProposal[]): string {
  const used = proposals.filter(p => p.available).map(labelOf);
  const missing = proposals
    .filter(p => !p.available)
    .map(p => `${labelOf(p)}: ${p.source}`);
  return [
    used.length > 0
      ? `Proposed from the portal: ${used.join(
          ', ',
        )}. Change an answer to declare it instead.`
      : 'The portal has nothing to propose for this group.',
    ...missing,
  ].join(' ');
}

/** What the scorecards' figures proposed for the maturity questionnaire, in one line. */
export function describeMaturityProposals(
  proposals: MaturityProposal[],
): string | undefined {
  if (proposals.length === 0) return undefined;
  const proposed = proposals.filter(p => p.available).length;
  return proposed > 0
    ? `Maturity: ${proposed} of ${proposals.length} answers proposed from scorecard figures, shown beside their questions; nothing is filled in until you accept one.`
    : `Maturity: no answer proposed from scorecard figures; the questions say why.`;
}
