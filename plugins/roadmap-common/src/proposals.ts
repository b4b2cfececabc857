import { ProposalDecision, ProposalStatus } from './types';

/**
 * Which answers a proposal in a status may still get. An open proposal may get any; a planned
 * one may be marked done once its item is delivered; a declined or done one is closed (the
 * developer proposes again if things change, and the votes start afresh).
 */
export function answersAllowed(status: ProposalStatus): ProposalDecision[] {
  switch (status) {
    case 'open':
      return ['planned', 'declined', 'done'];
    case 'planned':
      return ['done'];
    default:
      return [];
  }
}

/** Votes count while the proposal is open or planned: they order the platform team's work. */
export function mayVote(status: ProposalStatus): boolean {
  return status === 'open' || status === 'planned';
}

/** The notification the proposer gets for an answer. */
export function answerNotice(input: {
  title: string;
  decision: ProposalDecision;
  reason: string;
  /** `Phase 1: Foundation, 2027-Q1` when planned. */
  where?: string;
}): { title: string; description: string } {
  const { title, decision, reason, where } = input;
  const said = reason ? ` ${reason}` : '';
  switch (decision) {
    case 'planned':
      return {
        title: `Roadmap: "${title}" is planned`,
        description: `Planned for ${where}.${said}`,
      };
    case 'declined':
      return {
        title: `Roadmap: "${title}" is declined`,
        description: `Declined:${said}`,
      };
    default:
      return {
        title: `Roadmap: "${title}" is done`,
        description: `Done.${said}`,
      };
  }
}
