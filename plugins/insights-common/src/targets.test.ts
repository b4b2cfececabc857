import { DoraCategory, DoraSummary } from './types';
import { changeFailureRateCategory, DEFAULT_DORA_THRESHOLDS } from './dora';
import { DORA_TARGETS, doraTargetsMet, SEED_TARGETS } from './targets';

/** A summary with only the figures the targets read. */
function summary(figures: {
  medianDeployDaysPerWeek: number | null;
  leadHours: number | null;
  rate: number | null;
  restoreHours: number | null;
}): DoraSummary {
  return {
    scope: { repositories: 1 },
    window: { from: '', to: '', days: 28, weeks: 4, months: 0 },
    deploymentFrequency: {
      deployments: 0,
      deploymentsPerWeek: 0,
      medianDeployDaysPerWeek: figures.medianDeployDaysPerWeek,
      medianDeployDaysPerMonth: null,
      category: null,
    },
    leadTimeForChanges: {
      changes: 0,
      medianHours: figures.leadHours,
      p90Hours: null,
      category: null,
    },
    changeFailureRate: {
      deployments: 0,
      failedDeployments: 0,
      rate: figures.rate,
      category: null,
    },
    timeToRestore: {
      incidents: 0,
      medianHours: figures.restoreHours,
      category: null,
    },
    weekly: [],
  };
}

describe('the DORA targets as printed', () => {
  it('are the seed words in numbers', () => {
    expect(SEED_TARGETS.changeFailureRate).toBe(
      '0-15% (elite/high performing)',
    );
    expect(DORA_TARGETS.changeFailureRateAtMost).toBe(0.15);
  });

  it.each<
    [
      string,
      number | null,
      number | null,
      number | null,
      number | null,
      Record<string, boolean | null>,
    ]
  >([
    [
      'a team at 12%: 0.12 ≤ 0.15 meets "0-15%"; 1 deploy-day ≥ 1; 100 h < 168; 5 h < 24',
      1,
      100,
      0.12,
      5,
      {
        deploymentFrequency: true,
        leadTimeForChanges: true,
        changeFailureRate: true,
        timeToRestore: true,
      },
    ],
    [
      'at the bounds: 0.15 ≤ 0.15 met; 168 h is not < 168; 24 h is not < 24; 0.5 days < 1',
      0.5,
      168,
      0.15,
      24,
      {
        deploymentFrequency: false,
        leadTimeForChanges: false,
        changeFailureRate: true,
        timeToRestore: false,
      },
    ],
    [
      'just past: 0.1501 > 0.15 not met; 167.9 h < 168 met; 23.9 h < 24 met',
      5,
      167.9,
      0.1501,
      23.9,
      {
        deploymentFrequency: true,
        leadTimeForChanges: true,
        changeFailureRate: false,
        timeToRestore: true,
      },
    ],
    [
      'no figures → unknown, not "not met"',
      null,
      null,
      null,
      null,
      {
        deploymentFrequency: null,
        leadTimeForChanges: null,
        changeFailureRate: null,
        timeToRestore: null,
      },
    ],
  ])('%s', (_label, days, lead, rate, restore, expected) => {
    expect(
      doraTargetsMet(
        summary({
          medianDeployDaysPerWeek: days,
          leadHours: lead,
          rate,
          restoreHours: restore,
        }),
      ),
    ).toEqual(expected);
  });

  it('keeps the band apart from the target: 12% is medium and meets the target', () => {
    // band: 0.12 > 0.10 (high bound) and ≤ 0.15 (medium bound) → medium
    const band: DoraCategory | null = changeFailureRateCategory(
      0.12,
      DEFAULT_DORA_THRESHOLDS,
    );
    expect(band).toBe('medium');
    expect(
      doraTargetsMet(
        summary({
          medianDeployDaysPerWeek: null,
          leadHours: null,
          rate: 0.12,
          restoreHours: null,
        }),
      ).changeFailureRate,
    ).toBe(true);
  });
});
