import type {
  DurationChoice,
  RecommendationKind,
  ScaleChoice,
  TeamStructureChoice,
} from '@internal/plugin-readiness-common';
import { roadmapPhaseInfo } from './phases';

/**
 * A readiness recommendation a roadmap item answers, as `kind:choice` (`teamStructure:hybrid`):
 * the readiness assessment's recommendations have no id of their own, but their kind and the
 * option chosen name one. Only recommendations whose title does not depend on the figures of
 * one assessment are listed (not the verdict, team size or stakeholders).
 */
export type RecommendationLink = { id: string; title: string };

const scale: Record<ScaleChoice, string> = {
  organisation: 'Organisational and global scale',
  domain: 'Domain or team scale',
  project: 'Project or product scale',
};
const teamStructure: Record<TeamStructureChoice, string> = {
  centralised: 'Centralised platform team',
  embedded: 'Embedded platform engineers',
  hybrid: 'Hybrid model',
  firstHire: 'A first platform hire',
};
const duration: Record<DurationChoice, string> = {
  small: '6 to 9 months',
  mediumToLarge: '12 to 18 months',
  complex: 'Up to 24 months or more',
};

function entries(
  kind: RecommendationKind,
  label: string,
  titles: Record<string, string>,
): RecommendationLink[] {
  return Object.entries(titles).map(([choice, title]) => ({
    id: `${kind}:${choice}`,
    title: `${label}: ${title}`,
  }));
}

/** Every readiness recommendation an item may answer, in the order the assessment shows them. */
export const recommendationLinks: readonly RecommendationLink[] = [
  ...entries('scale', 'Scale', scale),
  ...roadmapPhaseInfo.map(p => ({
    id: `phase:phase${p.phase}`,
    title: `Roadmap phase: ${p.name}`,
  })),
  ...entries('teamStructure', 'Team structure', teamStructure),
  ...entries('duration', 'Duration', duration),
  {
    id: 'cadence:quarterly',
    title: 'Cadence: Run this assessment every quarter',
  },
];

/** The title of a recommendation link, or undefined for an id the portal does not know. */
export function recommendationTitle(id: string): string | undefined {
  return recommendationLinks.find(link => link.id === id)?.title;
}

/** A scorecard initiative an item answers: its id, and its title when the item was saved. */
export type InitiativeLink = { id: string; title: string };
