import { quarterLabel, quartersStart } from './quarters';

describe('quarterLabel', () => {
  it.each([
    // month → quarter: (month − 1) div 3 + 1
    ['2026-01-01', '2026-Q1'], // (1 − 1) div 3 + 1 = 1
    ['2026-03-31', '2026-Q1'], // (3 − 1) div 3 + 1 = 1
    ['2026-04-01', '2026-Q2'], // (4 − 1) div 3 + 1 = 2
    ['2026-09-30T23:59:59Z', '2026-Q3'], // (9 − 1) div 3 + 1 = 3
    ['2026-10-01', '2026-Q4'], // (10 − 1) div 3 + 1 = 4
    ['2026-12-31', '2026-Q4'], // (12 − 1) div 3 + 1 = 4
  ])('%s is in %s', (day, label) => {
    expect(quarterLabel(day)).toBe(label);
  });

  it.each(['', '2026', '2026-13-01', '2026-00-10', 'Q3'])('refuses %p', day => {
    expect(() => quarterLabel(day)).toThrow(RangeError);
  });
});

describe('quartersStart', () => {
  it.each([
    // now, quarters → the first day of the earliest of them
    // Q4 2026 alone: its own first day
    ['2026-12-03T15:00:00Z', 1, '2026-10-01'],
    // Q4 back 3 quarters: Q1 2026
    ['2026-12-03T15:00:00Z', 4, '2026-01-01'],
    // Q1 2026 back 3: Q2 2025 (crosses the year: 2026·12 + (0 − 3)·3 = 24303 → 2025, month 4)
    ['2026-02-14T00:00:00Z', 4, '2025-04-01'],
    // Q3 2026 back 7 quarters: Q4 2024 (2026·12 + (2 − 7)·3 = 24297 → 2024, month 10)
    ['2026-07-01T00:00:00Z', 8, '2024-10-01'],
    // the last instant of a quarter is still in it
    ['2026-03-31T23:59:59.999Z', 2, '2025-10-01'],
  ])('%s, last %i quarters, from %s', (now, count, day) => {
    expect(quartersStart(new Date(now), count)).toBe(day);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p quarters', count => {
    expect(() =>
      quartersStart(new Date('2026-12-03T00:00:00Z'), count),
    ).toThrow(RangeError);
  });
});
