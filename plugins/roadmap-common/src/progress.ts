import { RoadmapPhase, roadmapPhaseInfo } from './phases';
import { RoadmapItemStatus } from './types';

/** Items of one phase in one status, as the backend counts them in SQL. */
export type PhaseStatusCount = {
  phase: RoadmapPhase;
  status: RoadmapItemStatus;
  items: number;
};

export type ProgressCounts = {
  total: number;
  planned: number;
  inProgress: number;
  done: number;
  /** done / total; null when there is nothing to do (no item), not 0 %. */
  doneShare: number | null;
};

export type PhaseProgress = ProgressCounts & {
  phase: RoadmapPhase;
  name: string;
};

export type RoadmapProgress = {
  phases: PhaseProgress[];
  overall: ProgressCounts;
};

function summarise(counts: readonly PhaseStatusCount[]): ProgressCounts {
  const of = (status: RoadmapItemStatus) =>
    counts
      .filter(count => count.status === status)
      .reduce((sum, count) => sum + count.items, 0);
  const planned = of('planned');
  const inProgress = of('in-progress');
  const done = of('done');
  const total = planned + inProgress + done;
  return {
    total,
    planned,
    inProgress,
    done,
    doneShare: total === 0 ? null : done / total,
  };
}

/**
 * The progress of every phase (all four, an empty one with no share) and of the whole roadmap:
 * the share of items done. An item in progress counts as not done: the roadmap promises
 * delivered items, and half-credit for started work would show progress nobody can use yet.
 */
export function roadmapProgress(
  counts: readonly PhaseStatusCount[],
): RoadmapProgress {
  return {
    phases: roadmapPhaseInfo.map(info => ({
      phase: info.phase,
      name: info.name,
      ...summarise(counts.filter(count => count.phase === info.phase)),
    })),
    overall: summarise(counts),
  };
}
