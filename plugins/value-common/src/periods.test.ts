import {
  addMonths,
  elapsed,
  periodBefore,
  quarterAfter,
  quartersStarted,
} from './periods';

describe('addMonths', () => {
  it.each([
    // 31 January + 1 month: February 2026 has 28 days, so the day is clamped to the 28th
    ['2026-01-31', 1, '2026-02-28'],
    // across a year backwards: February − 3 months = November of the year before
    ['2026-02-15', -3, '2025-11-15'],
    // 2024 is a leap year: 31 Jan + 1 month = 29 Feb
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-01-01', 12, '2027-01-01'],
  ])('%s + %p months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('the periods of a baseline', () => {
  it('counts quarters from the start date, not from the calendar', () => {
    // start 15 Feb: quarter 2 = [15 Feb + 3 months, 15 Feb + 6 months)
    expect(quarterAfter('2026-02-15', 2)).toEqual({
      from: '2026-05-15',
      to: '2026-08-15',
    });
    // before = the three months that end at the start
    expect(periodBefore('2026-01-01')).toEqual({
      from: '2025-10-01',
      to: '2026-01-01',
    });
  });

  it.each([
    // the day before the start: no quarter has started
    ['2025-12-31T23:59:59Z', 0],
    // the start itself opens quarter 1
    ['2026-01-01T00:00:00Z', 1],
    // the last second of quarter 2 (ends 1 July)
    ['2026-06-30T23:59:59Z', 2],
    // 1 July opens quarter 3
    ['2026-07-01T00:00:00Z', 3],
  ])('at %s, %p quarters after 2026-01-01 have started', (now, expected) => {
    expect(quartersStarted('2026-01-01', new Date(now))).toBe(expected);
  });

  it.each([
    // 1 Jan – 15 Feb: 31 days of January + 14 of February = 45 of 90 days (Jan 31 + Feb 28 + Mar 31)
    ['2026-02-15T00:00:00Z', 45, 0.5],
    // after the quarter: all 90 days
    ['2026-09-01T00:00:00Z', 90, 1],
    // before the quarter: nothing
    ['2025-12-01T00:00:00Z', 0, 0],
  ])(
    'at %s, %p days of [2026-01-01, 2026-04-01) elapsed',
    (now, days, share) => {
      const result = elapsed(
        { from: '2026-01-01', to: '2026-04-01' },
        new Date(now),
      );
      expect(result.days).toBe(days);
      expect(result.periodDays).toBe(90);
      expect(result.share).toBe(share);
    },
  );
});
