import {
  durationActual,
  incidentActual,
  infrastructureActual,
  realisedSoFar,
  timeFreedActual,
} from './actuals';

/** To the hundredth, as the expected values are worked out; null stays null. */
const r2 = (x: number | null) =>
  x === null ? null : Math.round(x * 100) / 100;

describe('incident cost reduction', () => {
  it.each([
    // 12 in 90 days before (0.1333 a day), 6 in 91 days after (0.06593 a day):
    // reduction (1 − 0.06593 ÷ 0.1333) × 100 = 50.55 %; avoided 0.1333 × 91 − 6 = 6.1333;
    // saving 6.1333 × 115,000 = 705,333.33
    [12, 90, 6, 91, 115_000, 50.55, 6.1333, 705_333.33],
    // more incidents after: 9 in 90 days (0.1 a day), 12 in 90: (1 − 0.1333 ÷ 0.1) × 100 = −33.33 %;
    // avoided 9 − 12 = −3; saving −3 × 1,000 = −3,000
    [9, 90, 12, 90, 1_000, -33.33, -3, -3_000],
    // none before: no reduction to state; 0 − 3 = −3 avoided
    [0, 90, 3, 90, 1_000, null, -3, -3_000],
  ])(
    '%p in %p days before, %p in %p days after at %p',
    (nB, dB, nA, dA, cost, reduction, avoided, saving) => {
      const actual = incidentActual({
        incidentsBefore: nB,
        daysBefore: dB,
        incidentsAfter: nA,
        daysAfter: dA,
        costPerIncident: cost,
      })!;
      expect(r2(actual.reductionPercent)).toBe(reduction);
      expect(actual.avoidedIncidents).toBeCloseTo(avoided, 4);
      expect(actual.saving).toBeCloseTo(saving, 2);
    },
  );

  it('has no figure without a day measured', () => {
    expect(
      incidentActual({
        incidentsBefore: 3,
        daysBefore: 90,
        incidentsAfter: 0,
        daysAfter: 0,
        costPerIncident: 1,
      }),
    ).toBeNull();
  });
});

describe('time freed', () => {
  it.each([
    // 30 % → 22 %: 8 points; 0.08 × (1,200,000 ÷ 12) × 3 = 24,000
    [30, 22, 3, 8, 24_000],
    // half a quarter measured: 0.08 × 100,000 × 1.5 = 12,000
    [30, 22, 1.5, 8, 12_000],
    // more time on tooling after: 20 → 25 = −5 points; −0.05 × 100,000 × 3 = −15,000
    [20, 25, 3, -5, -15_000],
  ])('%p % → %p % over %p months', (before, after, months, freed, saving) => {
    const actual = timeFreedActual({
      shareBeforePercent: before,
      shareAfterPercent: after,
      devCosts: 1_200_000,
      periodMonths: 12,
      monthsMeasured: months,
    });
    expect(actual.freedPercent).toBe(freed);
    expect(actual.saving).toBeCloseTo(saving, 2);
  });
});

describe('durations saved', () => {
  it.each([
    // 48 h → 30 h: 18 h saved, 18 ÷ 48 = 37.5 %
    [48, 30, { savedHours: 18, reductionPercent: 37.5 }],
    // 0 h before: nothing to reduce, 2 h longer
    [0, 2, { savedHours: -2, reductionPercent: null }],
  ])('%p h → %p h', (before, after, expected) => {
    expect(durationActual(before, after)).toMatchObject(expected);
  });

  it('has no figure when either side was not measured', () => {
    expect(durationActual(null, 3)).toBeNull();
    expect(durationActual(3, null)).toBeNull();
  });
});

describe('infrastructure savings', () => {
  it.each([
    // 90,000 over 90 days = 1,000 a day; 91 days would have cost 91,000; 81,900 spent:
    // saving 9,100 = 10 % of 91,000
    [90_000, 90, 81_900, 91, 9_100, 10],
    // nothing spent before: no reduction to state, 500 more spent
    [0, 90, 500, 90, -500, null],
  ])('%p over %p days, %p over %p days', (cB, dB, cA, dA, saving, pct) => {
    const actual = infrastructureActual({
      costBefore: cB,
      daysBefore: dB,
      costAfter: cA,
      daysAfter: dA,
    })!;
    expect(actual.saving).toBeCloseTo(saving, 2);
    expect(r2(actual.reductionPercent)).toBe(pct);
  });

  it('has no figure without days priced', () => {
    expect(
      infrastructureActual({
        costBefore: 1,
        daysBefore: 0,
        costAfter: 1,
        daysAfter: 1,
      }),
    ).toBeNull();
  });
});

describe('realised so far', () => {
  it.each([
    // 350,000 over 12 months against 280,000: ROI 70,000 ÷ 280,000 = 25 %;
    // 29,166.67 a month → payback 280,000 ÷ 29,166.67 = 9.6 months; paid back
    [350_000, 280_000, 12, 25, 9.6, true],
    // 70,000 over 6 months: ROI −75 %; 11,666.67 a month → payback 24 months
    [70_000, 280_000, 6, -75, 24, false],
    // a loss: −290,000 ÷ 280,000 = −103.57 %; no payback at a negative pace
    [-10_000, 280_000, 6, -103.57, null, false],
    // no investment: no ROI to state
    [10_000, 0, 6, null, 0, true],
  ])(
    'gain %p, investment %p over %p months',
    (gain, investment, months, roi, payback, paidBack) => {
      const actual = realisedSoFar({
        gain,
        investment,
        monthsMeasured: months,
      });
      expect(r2(actual.roiPercent)).toBe(roi);
      expect(r2(actual.paybackMonths)).toBe(payback);
      expect(actual.paidBack).toBe(paidBack);
    },
  );
});
