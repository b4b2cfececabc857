import { EvidenceProposal, factors } from '@internal/plugin-readiness-common';
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
