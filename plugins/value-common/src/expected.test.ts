import { expectedQuarter, expectedSoFar } from './expected';
import { WORKED_CASE } from './testInputs';

describe('what the case expects in a quarter', () => {
  it.each([
    // quarter 1 = months 1–3, ramp 1/6 + 2/6 + 3/6 = 1 month of full effect (average 1/3):
    // productivity 200,000 ÷ 12 × 1 = 16,666.67; incidents 92,000 ÷ 12 = 7,666.67;
    // infrastructure 66,900 ÷ 12 = 5,575; percents 20, 40, 30 × 1/3
    [1, 16_666.67, 7_666.67, 5_575, 6.67, 13.33, 10],
    // quarter 2 = months 4–6, ramp 4/6 + 5/6 + 6/6 = 2.5 (average 0.8333):
    // 16,666.67 × 2.5 = 41,666.67; 7,666.67 × 2.5 = 19,166.67; 5,575 × 2.5 = 13,937.50
    [2, 41_666.67, 19_166.67, 13_937.5, 16.67, 33.33, 25],
    // quarter 3 = months 7–9, full effect: 3 months of each line
    [3, 50_000, 23_000, 16_725, 20, 40, 30],
  ])(
    'quarter %p: productivity %p, incidents %p, infrastructure %p',
    (index, productivity, incidents, infrastructure, pP, pI, pR) => {
      const expected = expectedQuarter(WORKED_CASE, index);
      expect(expected.gain.productivity).toBeCloseTo(productivity, 2);
      expect(expected.gain.incidents).toBeCloseTo(incidents, 2);
      expect(expected.gain.infrastructure).toBeCloseTo(infrastructure, 2);
      expect(expected.percent.productivity).toBeCloseTo(pP, 2);
      expect(expected.percent.incidents).toBeCloseTo(pI, 2);
      expect(expected.percent.infrastructure).toBeCloseTo(pR, 2);
    },
  );

  it('is full effect from the first month without ramp-up', () => {
    const expected = expectedQuarter({ ...WORKED_CASE, rampUpMonths: 0 }, 1);
    // 200,000 ÷ 12 × 3 = 50,000
    expect(expected.gain.productivity).toBeCloseTo(50_000, 2);
    expect(expected.rampShare).toBe(1);
  });
});

describe('what the case expects so far', () => {
  it.each([
    // 6 months: 29,908.33 a month × (1 + 2 + 3 + 4 + 5 + 6) ÷ 6 = × 3.5 = 104,679.17;
    // ROI (104,679.17 − 280,000) ÷ 280,000 × 100 = −62.61 %
    [6, 104_679.17, -62.61],
    // 1.5 months: month 1 at 1/6, half of month 2 at 2/6 → 1/3 month: 9,969.44
    [1.5, 9_969.44, -96.44],
    // 12 months: 3.5 + 6 = 9.5 months of full effect: 284,129.17 → ROI 1.47 %
    [12, 284_129.17, 1.47],
  ])('after %p months: gain %p, ROI %p %', (months, gain, roi) => {
    const expected = expectedSoFar(WORKED_CASE, months);
    expect(expected.gain).toBeCloseTo(gain, 2);
    expect(expected.roiPercent).toBeCloseTo(roi, 2);
    expect(expected.investment).toBe(280_000);
    // the method's payback: 280,000 ÷ (358,900 ÷ 12) = 9.36 months (docs/plugins/roi.md)
    expect(expected.paybackMonths).toBeCloseTo(9.36, 2);
    // the cash flow: month 11 reaches 254,220.83, month 12 284,129.17 ≥ 280,000
    expect(expected.breakEvenMonth).toBe(12);
  });
});
