import { roadmapPhases } from '@internal/plugin-readiness-common';

/** The phases of seed 004's roadmap ("Phase 0: Assessment" … "Phase 3: Maturity"). */
export const ROADMAP_PHASES = [0, 1, 2, 3] as const;

export type RoadmapPhase = (typeof ROADMAP_PHASES)[number];

export type RoadmapPhaseInfo = {
  phase: RoadmapPhase;
  /** As seed 004 prints it: `Phase 1: Foundation`. */
  name: string;
  timeline: string;
  focus: string;
};

/**
 * The phases with the names, timelines and focus of seed 004's roadmap table, read from the
 * readiness model that quotes it, so the readiness recommendation and the roadmap name a phase
 * the same way.
 */
export const roadmapPhaseInfo: readonly RoadmapPhaseInfo[] = ROADMAP_PHASES.map(
  phase => {
    const quoted = roadmapPhases.find(p => p.id === `phase${phase}`)!;
    return {
      phase,
      name: quoted.name,
      timeline: quoted.timeline,
      focus: quoted.focus,
    };
  },
);

export function isRoadmapPhase(value: unknown): value is RoadmapPhase {
  return ROADMAP_PHASES.includes(value as RoadmapPhase);
}

/** `Phase 2: Expansion`. */
export function phaseName(phase: RoadmapPhase): string {
  return roadmapPhaseInfo[phase].name;
}
