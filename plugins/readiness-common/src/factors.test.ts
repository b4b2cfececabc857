import { seedSections } from './seeds';
import {
  colourForEngineers,
  colourForInfrastructureShare,
  colourForOnboardingDays,
  colourForValue,
  factorIds,
  factors,
} from './factors';

describe('readiness factors', () => {
  it('lists the seven factors of the table in its order, each with three answers', () => {
    expect(factorIds).toEqual([
      'teamSize',
      'deploymentFriction',
      'infrastructureComplexity',
      'developerComplaints',
      'shadowIt',
      'onboardingTime',
      'contextSwitching',
    ]);
    for (const factor of factors) {
      expect(Object.keys(factor.options)).toEqual(['green', 'yellow', 'red']);
      // Every factor is a row of the guide's readiness table.
      expect(factor.source.section).toBe(seedSections.guide.whenToAdopt);
      expect(factor.source.quote).toMatch(/^\| /);
    }
  });

  // Engineers: ≥100 green, 50–99 yellow, <50 red.
  it.each([
    [0, 'red'], // 0 < 50
    [49, 'red'], // 49 < 50: "Under 50 engineers"
    [50, 'yellow'], // 50 is the first of "50-100"
    [99, 'yellow'], // 99 < 100
    [100, 'green'], // 100 ≥ 100: "100+ engineers"
    [1000, 'green'],
  ])('%d engineers → %s', (engineers, colour) => {
    expect(colourForEngineers(engineers)).toBe(colour);
    expect(colourForValue('teamSize', engineers)).toBe(colour);
  });

  // Days to deploy a first service: ≥7 green, over 2 and under 7 yellow, ≤2 red.
  it.each([
    [0, 'red'],
    [1, 'red'],
    [2, 'red'], // 2 ≤ 2: "within a day or two"
    [2.5, 'yellow'], // 2 < 2.5 < 7: "several days"
    [6.9, 'yellow'], // 6.9 < 7
    [7, 'green'], // 7 ≥ 7: "weeks"
    [21, 'green'],
  ])('%d days → %s', (days, colour) => {
    expect(colourForOnboardingDays(days)).toBe(colour);
    expect(colourForValue('onboardingTime', days)).toBe(colour);
  });

  // Share of time on infrastructure and tooling: ≥30% green, over 20 and under 30 yellow, ≤20 red.
  it.each([
    [0, 'red'],
    [20, 'red'], // 20 ≤ 20: product gets 80%+, "80%+ of their time on product features"
    [20.5, 'yellow'], // 20 < 20.5 < 30: "split time"
    [29.9, 'yellow'], // 29.9 < 30
    [30, 'green'], // 30 ≥ 30: "30%+"
    [100, 'green'],
  ])('%d%% → %s', (percent, colour) => {
    expect(colourForInfrastructureShare(percent)).toBe(colour);
    expect(colourForValue('contextSwitching', percent)).toBe(colour);
  });

  it('refuses a number for a factor that has none', () => {
    expect(() => colourForValue('shadowIt' as any, 3)).toThrow(
      /does not take a number/,
    );
  });
});
