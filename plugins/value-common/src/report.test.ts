import { Baseline } from './api';
import { DoraMeasure, ReportMeasurements, buildQuarterReport } from './report';
import { WORKED_CASE } from './testInputs';

const baseline: Baseline = {
  id: 'b1',
  scope: 'group:default/payments-team',
  scenarioId: '7f0c3a1e-2b4d-4c5e-8f6a-9b0c1d2e3f40',
  scenarioName: 'Platform business case',
  scenarioVersion: 3,
  currency: 'EUR',
  inputs: WORKED_CASE,
  startDate: '2026-01-01',
  costPerIncident: 115_000,
  adoptedBy: 'user:default/jane',
  adoptedAt: '2026-01-01T09:00:00Z',
  quartersStarted: 1,
};

const dora = (value: Partial<DoraMeasure>) => ({
  ok: true as const,
  value: {
    repositories: 10,
    incidentsRestored: 0,
    changes: 0,
    medianLeadTimeHours: null,
    medianTimeToRestoreHours: null,
    ...value,
  },
});

// before = [2025-10-01, 2026-01-01): 31 + 30 + 31 = 92 days
const measurements: ReportMeasurements = {
  doraBefore: dora({
    incidentsRestored: 23,
    changes: 400,
    medianLeadTimeHours: 48,
    medianTimeToRestoreHours: 10,
  }),
  doraQuarter: dora({
    incidentsRestored: 9,
    changes: 450,
    medianLeadTimeHours: 30,
    medianTimeToRestoreHours: 6,
  }),
  doraSinceStart: dora({ incidentsRestored: 9 }),
  timeShareBefore: {
    ok: true,
    value: { sharePercent: 30, answers: 40, withheld: null },
  },
  timeShareQuarters: [
    { ok: true, value: { sharePercent: 25, answers: 35, withheld: null } },
  ],
  costBefore: { ok: false, reason: 'No cluster connected' },
  costQuarters: [{ ok: false, reason: 'No cluster connected' }],
};

const figure = (report: ReturnType<typeof buildQuarterReport>, id: string) =>
  report.figures.find(f => f.id === id)!;

describe('a quarter expected against actual', () => {
  const report = buildQuarterReport({
    baseline,
    index: 1,
    now: new Date('2026-04-01T00:00:00Z'),
    measurements,
  });

  it('prices the incidents avoided at the case’s cost per incident', () => {
    const incidents = figure(report, 'incidents');
    // 23 in 92 days = 0.25 a day; 90 days would have had 22.5; 9 closed: 13.5 avoided;
    // 13.5 × 115,000 = 1,552,500; reduction (1 − (9 ÷ 90) ÷ 0.25) × 100 = 60 %
    expect(incidents.actual.amount).toBeCloseTo(1_552_500, 2);
    expect(incidents.actual.percent).toBeCloseTo(60, 2);
    expect(incidents.actual.missing).toBeNull();
    // expected: 92,000 ÷ 12 × (1/6 + 2/6 + 3/6) = 7,666.67, at 40 % × 1/3 = 13.33 %
    expect(incidents.expected.amount).toBeCloseTo(7_666.67, 2);
    expect(incidents.expected.percent).toBeCloseTo(13.33, 2);
    expect(incidents.coverage.share).toBe(1);
    expect(incidents.coverage.text).toContain('90 of 90 days');
    expect(incidents.source).toContain('Insights');
  });

  it('prices the time freed at the case’s DevCosts', () => {
    const productivity = figure(report, 'productivity');
    // 30 % → 25 %: 5 points × (1,000,000 ÷ 12) × 3 months = 12,500
    expect(productivity.actual.amount).toBeCloseTo(12_500, 2);
    expect(productivity.actual.percent).toBe(5);
    expect(productivity.coverage.text).toContain('35 survey answers');
    expect(productivity.assumptions.length).toBeGreaterThan(0);
  });

  it('shows the durations saved without pricing them', () => {
    // 48 h → 30 h: 37.5 %; 10 h → 6 h: 40 %
    expect(figure(report, 'leadTime').actual).toMatchObject({
      amount: null,
      before: 48,
      after: 30,
      percent: 37.5,
    });
    expect(figure(report, 'timeToRestore').actual.percent).toBeCloseTo(40, 5);
  });

  it('says why a line has no number, and shows none', () => {
    const infrastructure = figure(report, 'infrastructure');
    expect(infrastructure.actual).toMatchObject({
      amount: null,
      percent: null,
      missing: 'No cluster connected',
    });
    expect(infrastructure.coverage.share).toBeNull();
  });

  it('holds the realised return so far against the case’s', () => {
    // gain 12,500 + 1,552,500 = 1,565,000 over 3 months against 280,000:
    // ROI (1,565,000 − 280,000) ÷ 280,000 × 100 = 458.93 %;
    // payback 280,000 ÷ (1,565,000 ÷ 3) = 0.54 months
    expect(report.realised.gain).toBeCloseTo(1_565_000, 2);
    expect(report.realised.roiPercent).toBeCloseTo(458.93, 2);
    expect(report.realised.paybackMonths).toBeCloseTo(0.54, 2);
    expect(report.realised.counted).toEqual(['productivity', 'incidents']);
    expect(report.realised.missing).toEqual([
      { id: 'infrastructure', reason: 'No cluster connected' },
    ]);
    // the case after 3 months: 29,908.33 × 1 = 29,908.33
    expect(report.expected.gain).toBeCloseTo(29_908.33, 2);
    expect(report.expected.months).toBe(3);
  });
});

describe('a quarter half elapsed', () => {
  const report = buildQuarterReport({
    baseline,
    index: 1,
    now: new Date('2026-02-15T00:00:00Z'),
    measurements: {
      ...measurements,
      doraQuarter: dora({ incidentsRestored: 4 }),
      doraSinceStart: dora({ incidentsRestored: 4 }),
    },
  });

  it('compares the days measured with the same days expected', () => {
    // 45 of 90 days: 0.25 × 45 − 4 = 7.25 avoided × 115,000 = 833,750
    expect(figure(report, 'incidents').actual.amount).toBeCloseTo(833_750, 2);
    // expected 7,666.67 × 0.5 = 3,833.33
    expect(figure(report, 'incidents').expected.amount).toBeCloseTo(
      3_833.33,
      2,
    );
    // 5 points × 83,333.33 × 1.5 months = 6,250
    expect(figure(report, 'productivity').actual.amount).toBeCloseTo(6_250, 2);
    expect(report.quarter.elapsedShare).toBe(0.5);
    expect(report.realised.monthsMeasured).toBe(1.5);
  });

  it('has no duration figure where the quarter has nothing to measure', () => {
    expect(figure(report, 'leadTime').actual).toMatchObject({
      amount: null,
      percent: null,
      missing: 'Nothing to measure in the quarter yet',
    });
  });
});

describe('missing data', () => {
  it.each([
    [
      'no incidents before',
      { doraBefore: dora({ incidentsRestored: 0 }) },
      'No incident was closed in the 3 months before the start',
    ],
    [
      'no repository in the scope',
      { doraQuarter: dora({ repositories: 0 }) },
      'No repository of this scope sends delivery data to insights',
    ],
    [
      'insights unreachable',
      {
        doraQuarter: { ok: false as const, reason: 'Insights did not answer' },
      },
      'Insights did not answer',
    ],
  ])('%s: the incident line says so', (_, change, reason) => {
    const report = buildQuarterReport({
      baseline,
      index: 1,
      now: new Date('2026-04-01T00:00:00Z'),
      measurements: { ...measurements, ...change },
    });
    expect(figure(report, 'incidents').actual).toMatchObject({
      amount: null,
      missing: expect.stringContaining(reason),
    });
  });

  it('names a withheld survey share', () => {
    const report = buildQuarterReport({
      baseline,
      index: 1,
      now: new Date('2026-04-01T00:00:00Z'),
      measurements: {
        ...measurements,
        timeShareQuarters: [
          {
            ok: true,
            value: {
              sharePercent: null,
              answers: null,
              withheld: 'fewer than 5 answers',
            },
          },
        ],
      },
    });
    expect(figure(report, 'productivity').actual.missing).toBe(
      'Survey share withheld: fewer than 5 answers',
    );
    expect(report.realised.counted).toEqual(['incidents']);
  });

  it('refuses costs in another currency than the case', () => {
    const cost = (amount: number) => ({
      ok: true as const,
      value: {
        amount,
        currency: 'USD',
        coveredDays: 90,
        source: 'unit prices',
      },
    });
    const report = buildQuarterReport({
      baseline,
      index: 1,
      now: new Date('2026-04-01T00:00:00Z'),
      measurements: {
        ...measurements,
        costBefore: cost(92_000),
        costQuarters: [cost(80_000)],
      },
    });
    expect(figure(report, 'infrastructure').actual.missing).toBe(
      'The costs are in USD, the case in EUR',
    );
  });

  it('prices infrastructure savings from the costs', () => {
    const cost = (amount: number, coveredDays: number) => ({
      ok: true as const,
      value: { amount, currency: 'EUR', coveredDays, source: 'unit prices' },
    });
    const report = buildQuarterReport({
      baseline,
      index: 1,
      now: new Date('2026-04-01T00:00:00Z'),
      measurements: {
        ...measurements,
        costBefore: cost(92_000, 92),
        costQuarters: [cost(81_000, 90)],
      },
    });
    // 1,000 a day before; 90 days would have cost 90,000; 81,000 spent: 9,000 saved = 10 %
    expect(figure(report, 'infrastructure').actual.amount).toBeCloseTo(
      9_000,
      2,
    );
    expect(figure(report, 'infrastructure').actual.percent).toBeCloseTo(10, 2);
    // realised: 12,500 + 1,552,500 + 9,000 = 1,574,000
    expect(report.realised.gain).toBeCloseTo(1_574_000, 2);
    expect(report.realised.missing).toEqual([]);
  });
});
