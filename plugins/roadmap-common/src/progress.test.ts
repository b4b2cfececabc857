import { roadmapProgress } from './progress';

describe('roadmapProgress', () => {
  it.each([
    {
      name: 'no item at all: every phase and the whole roadmap without a share',
      counts: [],
      phase1: { total: 0, planned: 0, inProgress: 0, done: 0, doneShare: null },
      overall: {
        total: 0,
        planned: 0,
        inProgress: 0,
        done: 0,
        doneShare: null,
      },
    },
    {
      // Phase 1: 2 planned + 1 in progress + 1 done = 4 items, 1 done → 1/4 = 0.25.
      // Phase 3: 1 done → 1/1 = 1. Overall: 4 + 1 = 5 items, 1 + 1 = 2 done → 2/5 = 0.4.
      name: 'an item in progress is not done',
      counts: [
        { phase: 1 as const, status: 'planned' as const, items: 2 },
        { phase: 1 as const, status: 'in-progress' as const, items: 1 },
        { phase: 1 as const, status: 'done' as const, items: 1 },
        { phase: 3 as const, status: 'done' as const, items: 1 },
      ],
      phase1: { total: 4, planned: 2, inProgress: 1, done: 1, doneShare: 0.25 },
      overall: { total: 5, planned: 2, inProgress: 1, done: 2, doneShare: 0.4 },
    },
    {
      // Phase 1: 3 done of 3 → 3/3 = 1; overall: phase 0 has 1 planned, so 3 of 4 → 0.75.
      name: 'a phase with every item done',
      counts: [
        { phase: 0 as const, status: 'planned' as const, items: 1 },
        { phase: 1 as const, status: 'done' as const, items: 3 },
      ],
      phase1: { total: 3, planned: 0, inProgress: 0, done: 3, doneShare: 1 },
      overall: {
        total: 4,
        planned: 1,
        inProgress: 0,
        done: 3,
        doneShare: 0.75,
      },
    },
  ])('$name', ({ counts, phase1, overall }) => {
    const progress = roadmapProgress(counts);
    expect(progress.phases.map(p => p.phase)).toEqual([0, 1, 2, 3]);
    expect(progress.phases[1]).toEqual({
      phase: 1,
      name: 'Phase 1: Foundation',
      ...phase1,
    });
    expect(progress.overall).toEqual(overall);
  });
});
