import { phaseName, roadmapPhaseInfo } from './phases';

describe('roadmap phases', () => {
  it("are seed 004's, as it prints them", () => {
    expect(roadmapPhaseInfo.map(p => [p.name, p.timeline])).toEqual([
      ['Phase 0: Assessment', '1-2 months'],
      ['Phase 1: Foundation', '0-6 months'],
      ['Phase 2: Expansion', '6-12 months'],
      ['Phase 3: Maturity', '12-24 months'],
    ]);
    expect(phaseName(2)).toBe('Phase 2: Expansion');
  });
});
