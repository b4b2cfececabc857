import { DoraCategory } from './types';
import {
  changeFailureRate,
  changeFailureRateCategory,
  DEFAULT_DORA_THRESHOLDS,
  deploymentFrequencyCategory,
  deploymentsPerWeek,
  isIncident,
  isProductionEnvironment,
  leadTimeCategory,
  mondayOf,
  percentileCont,
  timeToRestoreCategory,
  wholeMonths,
  wholeWeeks,
  windowDays,
} from './dora';

describe('deploymentFrequencyCategory', () => {
  it.each<[number, number | null, number | null, DoraCategory | null, string]>([
    // [deployments per week, weekly median of deploy-days, monthly median, expected, derivation]
    [
      10,
      5,
      20,
      'elite',
      '10 ≥ 10 a week (two a day on five days) and 5 ≥ 5 days → elite',
    ],
    [25, 5, 22, 'elite', '25 ≥ 10 and 5 ≥ 5 → elite'],
    [
      5,
      5,
      20,
      'high',
      'one deploy a day on five days: 5 < 10 a week, not "multiple times per day"; 5 ≥ 1 → high',
    ],
    [
      9.9,
      5,
      20,
      'high',
      '9.9 < 10 a week, just short of two a working day → high',
    ],
    [
      30,
      2,
      8,
      'high',
      '30 a week crammed on 2 days: 2 < 5 days, not every day → high',
    ],
    [4.5, 4.5, 18, 'high', '4.5 < 5 days but ≥ 1 → high'],
    [1, 1, 4, 'high', '1 ≥ 1 (bound is inclusive) → high'],
    [0.5, 0.5, 2, 'medium', '0.5 < 1 per week; monthly median 2 ≥ 1 → medium'],
    [0.2, 0, 1, 'medium', 'no weekly days; 1 ≥ 1 per month → medium'],
    [0, 0, 0, 'low', '0 < 1 per week and 0 < 1 per month → low'],
    [0, 0, null, 'low', 'no whole month to rescue it → low'],
    [0, null, null, null, 'no whole week nor month → not classified'],
  ])(
    '%p a week, weekly %p, monthly %p → %p (%s)',
    (perWeek, w, m, expected) => {
      expect(
        deploymentFrequencyCategory({
          deploymentsPerWeek: perWeek,
          medianDeployDaysPerWeek: w,
          medianDeployDaysPerMonth: m,
        }),
      ).toBe(expected);
    },
  );

  it('uses configured thresholds', () => {
    const t = {
      ...DEFAULT_DORA_THRESHOLDS,
      deploymentFrequency: {
        eliteDeploymentsPerWeek: 6,
        eliteDeployDaysPerWeek: 3,
        highDeployDaysPerWeek: 2,
        mediumDeployDaysPerMonth: 1,
      },
    };
    const f = (perWeek: number, days: number, monthDays: number) =>
      deploymentFrequencyCategory(
        {
          deploymentsPerWeek: perWeek,
          medianDeployDaysPerWeek: days,
          medianDeployDaysPerMonth: monthDays,
        },
        t,
      );
    // 6 ≥ 6 a week and 3 ≥ 3 days → elite; 5 < 6 a week with 3 days ≥ 2 → high;
    // 2 ≥ 2 → high; 1.5 < 2 with month 5 ≥ 1 → medium
    expect(f(6, 3, 12)).toBe('elite');
    expect(f(5, 3, 12)).toBe('high');
    expect(f(2, 2, 8)).toBe('high');
    expect(f(1.5, 1.5, 5)).toBe('medium');
  });
});

describe('leadTimeCategory', () => {
  it.each<[number | null, DoraCategory | null, string]>([
    [0.5, 'elite', '0.5 h < 24'],
    [23.99, 'elite', '23.99 < 24'],
    [24, 'high', '24 is not < 24; 24 < 168'],
    [167.9, 'high', '167.9 < 168'],
    [168, 'medium', '168 is not < 168; < 720'],
    [720, 'low', '720 is not < 720'],
    [null, null, 'no changes'],
  ])('%p h → %p (%s)', (h, expected) => {
    expect(leadTimeCategory(h)).toBe(expected);
  });
});

describe('timeToRestoreCategory', () => {
  it.each<[number | null, DoraCategory | null, string]>([
    [0.25, 'elite', '15 min = 0.25 h < 1'],
    [1, 'high', '1 is not < 1; 1 < 24'],
    [23.5, 'high', '23.5 < 24'],
    [24, 'medium', '24 is not < 24; < 168'],
    [168, 'low', '168 is not < 168'],
    [null, null, 'no incidents closed'],
  ])('%p h → %p (%s)', (h, expected) => {
    expect(timeToRestoreCategory(h)).toBe(expected);
  });
});

describe('changeFailureRate and its category', () => {
  it.each<[number, number, number | null, DoraCategory | null, string]>([
    [0, 20, 0, 'elite', '0 ÷ 20 = 0 ≤ 0.05'],
    [1, 20, 0.05, 'elite', '1 ÷ 20 = 0.05 ≤ 0.05 (inclusive)'],
    [2, 20, 0.1, 'high', '2 ÷ 20 = 0.10 ≤ 0.10'],
    [3, 20, 0.15, 'medium', '3 ÷ 20 = 0.15 ≤ 0.15'],
    [4, 20, 0.2, 'low', '4 ÷ 20 = 0.20 > 0.15'],
    [1, 3, 1 / 3, 'low', '1 ÷ 3 = 0.333… > 0.15'],
    [0, 0, null, null, 'no deployments: no rate'],
  ])('%p of %p', (failed, total, rate, category) => {
    const r = changeFailureRate(failed, total);
    // Rounded to 12 decimals so that 3 ÷ 20 compares equal to 0.15.
    expect(r === null ? null : Number(r.toFixed(12))).toBe(
      rate === null ? null : Number(rate.toFixed(12)),
    );
    expect(changeFailureRateCategory(r)).toBe(category);
  });
});

describe('deploymentsPerWeek', () => {
  it.each([
    [10, 14, 5, '10 ÷ 14 days × 7 = 5'],
    [92, 92, 7, 'one a day over a 92-day quarter: 92 ÷ 92 × 7 = 7'],
    [3, 30, 0.7, '3 ÷ 30 × 7 = 0.7'],
    [0, 7, 0, 'none'],
    [5, 0, 0, 'empty window'],
  ])('%p deployments over %p days → %p (%s)', (n, days, expected) => {
    expect(deploymentsPerWeek(n, days)).toBeCloseTo(expected, 12);
  });
});

describe('percentileCont (PostgreSQL percentile_cont)', () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2.5, 'pos = 0.5 × 3 = 1.5 → 2 + 0.5 × (3 − 2) = 2.5'],
    [[1, 2, 3, 4], 0.9, 3.7, 'pos = 0.9 × 3 = 2.7 → 3 + 0.7 × (4 − 3) = 3.7'],
    [[10, 1, 4], 0.5, 4, 'sorted 1,4,10; pos = 1 → 4'],
    [[10, 1, 4], 0.9, 8.8, 'pos = 0.9 × 2 = 1.8 → 4 + 0.8 × (10 − 4) = 8.8'],
    [[2, 2, 2, 8], 0.5, 2, 'ties: pos 1.5 between 2 and 2 → 2'],
    [[2, 2, 2, 8], 0.9, 6.2, 'pos 2.7 → 2 + 0.7 × (8 − 2) = 6.2'],
    [[5], 0.9, 5, 'single value'],
  ])('%p p=%p → %p (%s)', (values, p, expected) => {
    expect(percentileCont(values, p)).toBeCloseTo(expected, 12);
  });
  it('is null for no values', () => {
    expect(percentileCont([], 0.5)).toBeNull();
  });
});

const iso = (d: Date[]) => d.map(x => x.toISOString().slice(0, 10));

describe('wholeWeeks (Monday 00:00 UTC, wholly inside)', () => {
  it('2025-01-01 (Wednesday) → 2025-02-01: Mondays 6, 13, 20 (27 ends Feb 3, outside)', () => {
    expect(
      iso(
        wholeWeeks(
          new Date('2025-01-01T00:00:00Z'),
          new Date('2025-02-01T00:00:00Z'),
        ),
      ),
    ).toEqual(['2025-01-06', '2025-01-13', '2025-01-20']);
  });
  it('a window starting on a Monday at 00:00 includes that week', () => {
    expect(
      iso(
        wholeWeeks(
          new Date('2025-01-06T00:00:00Z'),
          new Date('2025-01-13T00:00:00Z'),
        ),
      ),
    ).toEqual(['2025-01-06']);
  });
  it('one second after Monday 00:00 skips to the next Monday', () => {
    expect(
      wholeWeeks(
        new Date('2025-01-06T00:00:01Z'),
        new Date('2025-01-13T00:00:00Z'),
      ),
    ).toEqual([]);
  });
  it('Q3 2025 (Tue Jul 1 → Oct 1): Jul 7 … Sep 22 = 4 + 4 + 4 = 12 weeks', () => {
    const weeks = iso(
      wholeWeeks(
        new Date('2025-07-01T00:00:00Z'),
        new Date('2025-10-01T00:00:00Z'),
      ),
    );
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toBe('2025-07-07');
    expect(weeks[11]).toBe('2025-09-22');
  });
});

describe('wholeMonths (calendar months UTC, wholly inside)', () => {
  it.each([
    [
      '2025-01-15',
      '2025-04-01',
      ['2025-02-01', '2025-03-01'],
      'January is cut',
    ],
    [
      '2025-01-01',
      '2025-03-31',
      ['2025-01-01', '2025-02-01'],
      'March ends Apr 1 > Mar 31',
    ],
    [
      '2025-07-01',
      '2025-10-01',
      ['2025-07-01', '2025-08-01', '2025-09-01'],
      'Q3',
    ],
    [
      '2025-11-01',
      '2026-02-01',
      ['2025-11-01', '2025-12-01', '2026-01-01'],
      'over a year end',
    ],
    ['2025-01-02', '2025-01-30', [], 'none'],
  ])('%p → %p: %p (%s)', (from, to, expected) => {
    expect(
      iso(
        wholeMonths(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`)),
      ),
    ).toEqual(expected);
  });
});

describe('windowDays', () => {
  it('Q3 2025 is 31 + 31 + 30 = 92 days', () => {
    expect(
      windowDays(
        new Date('2025-07-01T00:00:00Z'),
        new Date('2025-10-01T00:00:00Z'),
      ),
    ).toBe(92);
  });
});

describe('patterns', () => {
  it.each([
    ['prod', true],
    ['Production', true],
    ['PROD', true],
    ['production-eu', false],
    ['preprod', false],
    ['staging', false],
    ['', false],
  ])('environment %p → %p with ^prod(uction)?$ /i', (env, expected) => {
    expect(isProductionEnvironment(env)).toBe(expected);
  });
  it('honours a configured production pattern', () => {
    expect(
      isProductionEnvironment('production-eu', '^production(-\\w+)?$'),
    ).toBe(true);
  });
  it.each([
    [['incident'], true],
    [['bug', 'Incident: sev1'], true],
    [['INCIDENT'], true],
    [['bug'], false],
    [[], false],
  ])('labels %p → %p', (labels, expected) => {
    expect(isIncident(labels)).toBe(expected);
  });
});

describe('mondayOf', () => {
  it.each([
    ['2025-01-01T15:00:00Z', '2024-12-30', 'Wednesday → Monday 2 days before'],
    ['2025-01-06T00:00:00Z', '2025-01-06', 'a Monday is its own week start'],
    [
      '2025-01-12T23:59:59Z',
      '2025-01-06',
      'Sunday belongs to the week of the Monday before',
    ],
  ])('%p → %p (%s)', (date, monday) => {
    expect(mondayOf(new Date(date)).toISOString().slice(0, 10)).toBe(monday);
  });
});
