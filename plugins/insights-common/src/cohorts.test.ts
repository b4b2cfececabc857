import {
  CohortFigures,
  cohortFigures,
  CohortMetric,
  compareCohorts,
  compareMetric,
  COMPARISON_RULE,
  ComparisonVerdict,
  deploymentsPerServicePerWeek,
  isGoldenPathService,
  splitAtAdoption,
  teamAdoptionDate,
} from './cohorts';

/** To ten decimals, so a figure worked out by hand compares with its float; null stays null. */
const rounded = (x: number | null) =>
  x === null ? null : Math.round(x * 1e10) / 1e10;

/** A side large enough for every metric under the default rule (5 services, 8 weeks, 30, 5). */
const figures = (over: Partial<CohortFigures> = {}): CohortFigures => ({
  services: 10,
  servicesWithDeployments: 10,
  days: 84,
  weeks: 12,
  deployments: 120,
  deploymentsPerServicePerWeek: 1,
  changes: 300,
  medianLeadTimeHours: 20,
  failedDeployments: 12,
  changeFailureRate: 0.1,
  incidentsRestored: 12,
  medianTimeToRestoreHours: 4,
  ...over,
});

describe('isGoldenPathService', () => {
  it.each<[Record<string, string> | undefined, boolean, string]>([
    [
      { 'acme.example/template': 'node-service' },
      true,
      'our skeleton wrote it',
    ],
    [
      { 'backstage.io/source-template': 'template:default/x' },
      true,
      'the scaffolder wrote it',
    ],
    [{ 'acme.example/template': '  ' }, false, 'blank is not a template'],
    [{ 'github.com/project-slug': 'acme/a' }, false, 'neither annotation'],
    [undefined, false, 'no annotations at all'],
  ])('%p → %p (%s)', (annotations, expected) => {
    expect(isGoldenPathService(annotations)).toBe(expected);
  });
});

describe('deploymentsPerServicePerWeek', () => {
  it.each<[number, number, number, number | null, string]>([
    [120, 10, 84, 1, '120 ÷ 10 services ÷ (84 ÷ 7 = 12 weeks) = 1'],
    [35, 5, 14, 3.5, '35 ÷ 5 ÷ 2 weeks = 3.5'],
    [10, 4, 10, 1.75, '10 ÷ 4 ÷ (10 ÷ 7) = 2.5 × 0.7 = 1.75'],
    [0, 5, 14, null, 'nothing deployed: no figure'],
    [3, 0, 14, null, 'no service with deployments: no figure'],
    [3, 1, 0, null, 'an empty period: no figure'],
  ])('%p deployments, %p services, %p days → %p (%s)', (d, s, days, want) => {
    const got = deploymentsPerServicePerWeek(d, s, days);
    expect(rounded(got)).toEqual(rounded(want));
  });
});

describe('compareMetric', () => {
  it.each<
    [
      CohortMetric,
      Partial<CohortFigures>,
      Partial<CohortFigures>,
      number | null,
      ComparisonVerdict | null,
      string,
    ]
  >([
    // [metric, baseline, candidate, difference, verdict, derivation]
    [
      'deploymentFrequency',
      { deploymentsPerServicePerWeek: 2 },
      { deploymentsPerServicePerWeek: 3 },
      0.5,
      'better',
      '(3 − 2) ÷ 2 = +50 % ≥ 10 %, more is better',
    ],
    [
      'deploymentFrequency',
      { deploymentsPerServicePerWeek: 2 },
      { deploymentsPerServicePerWeek: 2.1 },
      0.05,
      'similar',
      '(2.1 − 2) ÷ 2 = +5 % < 10 %',
    ],
    [
      'leadTime',
      { medianLeadTimeHours: 40 },
      { medianLeadTimeHours: 30 },
      -0.25,
      'better',
      '(30 − 40) ÷ 40 = −25 %, shorter is better',
    ],
    [
      'leadTime',
      { medianLeadTimeHours: 40 },
      { medianLeadTimeHours: 44 },
      0.1,
      'worse',
      '(44 − 40) ÷ 40 = +10 %: the bound counts as a difference; longer is worse',
    ],
    [
      'changeFailureRate',
      { changeFailureRate: 0.2 },
      { changeFailureRate: 0.12 },
      -0.08,
      'better',
      '0.12 − 0.20 = −8 points ≥ 5 points, lower is better',
    ],
    [
      'changeFailureRate',
      { changeFailureRate: 0.1 },
      { changeFailureRate: 0.13 },
      0.03,
      'similar',
      '0.13 − 0.10 = +3 points < 5 points (though +30 % relative)',
    ],
    [
      'timeToRestore',
      { medianTimeToRestoreHours: 4 },
      { medianTimeToRestoreHours: 6 },
      0.5,
      'worse',
      '(6 − 4) ÷ 4 = +50 %, longer is worse',
    ],
    [
      'timeToRestore',
      { medianTimeToRestoreHours: 0 },
      { medianTimeToRestoreHours: 0 },
      null,
      'similar',
      'baseline 0: no relative difference; 0 against 0 is similar',
    ],
    [
      'timeToRestore',
      { medianTimeToRestoreHours: 0 },
      { medianTimeToRestoreHours: 1 },
      null,
      'worse',
      'baseline 0, candidate 1 h: a change from nothing, longer is worse',
    ],
  ])('%s %p against %p → %p, %p (%s)', (metric, b, c, difference, verdict) => {
    const got = compareMetric(metric, figures(b), figures(c));
    expect(rounded(got.difference)).toEqual(rounded(difference));
    expect(got.verdict).toBe(verdict);
    expect(got.reason).toBeNull();
  });

  it.each<
    [CohortMetric, Partial<CohortFigures>, Partial<CohortFigures>, string]
  >([
    [
      'deploymentFrequency',
      { servicesWithDeployments: 4 },
      {},
      'baseline: 4 services with deployments (needs 5)',
    ],
    ['leadTime', {}, { weeks: 7 }, 'candidate: 7 whole weeks (needs 8)'],
    ['leadTime', { changes: 29 }, {}, 'baseline: 29 changes (needs 30)'],
    [
      'changeFailureRate',
      {},
      { deployments: 12 },
      'candidate: 12 deployments (needs 30)',
    ],
    [
      'timeToRestore',
      { incidentsRestored: 4 },
      { servicesWithDeployments: 2, incidentsRestored: 0 },
      'baseline: 4 restored incidents (needs 5); candidate: 2 services with deployments (needs 5), 0 restored incidents (needs 5)',
    ],
  ])('%s: no verdict when %p / %p (%s)', (metric, b, c, reason) => {
    const got = compareMetric(metric, figures(b), figures(c));
    expect(got.verdict).toBeNull();
    expect(got.reason).toBe(reason);
  });

  it('shows the figures even when it gives no verdict', () => {
    // 4 services on the golden path: its lead time is shown, judged by nobody.
    const got = compareMetric(
      'leadTime',
      figures({ medianLeadTimeHours: 40 }),
      figures({ servicesWithDeployments: 4, medianLeadTimeHours: 10 }),
    );
    expect(got).toEqual({
      metric: 'leadTime',
      baseline: 40,
      candidate: 10,
      difference: -0.75, // (10 − 40) ÷ 40
      verdict: null,
      reason: 'candidate: 4 services with deployments (needs 5)',
    });
  });

  it('says so when a side has no figure although large enough', () => {
    const got = compareMetric(
      'timeToRestore',
      figures(),
      figures({ medianTimeToRestoreHours: null }),
    );
    expect(got.verdict).toBeNull();
    expect(got.reason).toBe('no figure to compare');
  });

  it('follows a configured rule', () => {
    // 3 services pass a rule asking for 3; +8 % passes a 5 % threshold.
    const rule = {
      ...COMPARISON_RULE,
      minServices: 3,
      minRelativeDifference: 0.05,
    };
    const got = compareMetric(
      'leadTime',
      figures({ servicesWithDeployments: 3, medianLeadTimeHours: 25 }),
      figures({ servicesWithDeployments: 3, medianLeadTimeHours: 27 }),
      rule,
    );
    expect(got.difference).toBeCloseTo(0.08, 10); // (27 − 25) ÷ 25
    expect(got.verdict).toBe('worse');
  });
});

describe('compareCohorts', () => {
  it('compares the four metrics in order', () => {
    expect(
      compareCohorts(figures(), figures()).map(c => [c.metric, c.verdict]),
    ).toEqual([
      ['deploymentFrequency', 'similar'],
      ['leadTime', 'similar'],
      ['changeFailureRate', 'similar'],
      ['timeToRestore', 'similar'],
    ]);
  });
});

describe('teamAdoptionDate', () => {
  const set = new Date('2025-03-01T00:00:00Z');
  const first = new Date('2025-01-15T09:00:00Z');
  it.each<[Date | null, Date | null, object | null, string]>([
    [
      set,
      first,
      { adoptedAt: set, source: 'set' },
      'the set date wins, even later',
    ],
    [
      null,
      first,
      { adoptedAt: first, source: 'first-golden-path-service' },
      'else the first golden-path service',
    ],
    [null, null, null, 'neither: the team has not adopted'],
  ])('set %p, first %p → %p (%s)', (s, f, expected) => {
    expect(teamAdoptionDate(s, f)).toEqual(expected);
  });
});

describe('splitAtAdoption', () => {
  const from = new Date('2025-01-01T00:00:00Z');
  const to = new Date('2025-07-01T00:00:00Z');
  const d = (iso: string) => new Date(iso);
  it.each<[string, object, string]>([
    [
      '2025-04-01T00:00:00Z',
      {
        before: { from, to: d('2025-04-01T00:00:00Z') },
        after: { from: d('2025-04-01T00:00:00Z'), to },
      },
      'inside: cut there',
    ],
    [
      '2024-06-01T00:00:00Z',
      { before: null, after: { from, to } },
      'before the window: all after',
    ],
    [
      '2025-01-01T00:00:00Z',
      { before: null, after: { from, to } },
      'at from: nothing before',
    ],
    [
      '2025-07-01T00:00:00Z',
      { before: { from, to }, after: null },
      'at to: nothing after',
    ],
    [
      '2026-01-01T00:00:00Z',
      { before: { from, to }, after: null },
      'after the window: all before',
    ],
  ])('adopted %s → %p (%s)', (adopted, expected) => {
    expect(splitAtAdoption(from, to, d(adopted))).toEqual(expected);
  });
});

describe('cohortFigures', () => {
  const totals = {
    services: 12,
    servicesWithDeployments: 10,
    deployedServiceDays: 840,
    deployments: 240,
    failedDeployments: 18,
    changes: 600,
    medianLeadTimeHours: 30,
    incidentsRestored: 9,
    medianTimeToRestoreHours: 3.5,
  };

  it('derives the rates from the totals', () => {
    // 10 services × 84 days = 840 service-days = 120 service-weeks; 240 ÷ 120 = 2 per
    // service per week (= 240 ÷ 10 services ÷ 12 weeks); 18 ÷ 240 = 0.075.
    expect(cohortFigures(totals, { days: 84, weeks: 12 })).toEqual({
      services: 12,
      servicesWithDeployments: 10,
      days: 84,
      weeks: 12,
      deployments: 240,
      deploymentsPerServicePerWeek: 2,
      changes: 600,
      medianLeadTimeHours: 30,
      failedDeployments: 18,
      changeFailureRate: 0.075,
      incidentsRestored: 9,
      medianTimeToRestoreHours: 3.5,
    });
  });

  it('weighs each member by its own period in a pool', () => {
    // One team's service over 70 days and another's over 14: 84 service-days = 12
    // service-weeks; 36 deployments ÷ 12 = 3 per service per week.
    const got = cohortFigures(
      {
        ...totals,
        servicesWithDeployments: 2,
        deployedServiceDays: 84,
        deployments: 36,
      },
      { days: 42, weeks: 2 },
    );
    expect(got.deploymentsPerServicePerWeek).toBe(3);
    expect(got.changeFailureRate).toBe(0.5); // 18 ÷ 36
  });

  it('has no rates without deployments', () => {
    const got = cohortFigures(
      {
        ...totals,
        servicesWithDeployments: 0,
        deployedServiceDays: 0,
        deployments: 0,
        failedDeployments: 0,
      },
      { days: 84, weeks: 12 },
    );
    expect(got.deploymentsPerServicePerWeek).toBeNull();
    expect(got.changeFailureRate).toBeNull();
  });
});
