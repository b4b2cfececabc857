import {
  costWindowSchema,
  daysBetween,
  nextDay,
  parseDay,
  quarterDays,
  quarterOfDay,
} from './period';

describe('days and quarters', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true], // 2028 is a leap year
    ['2026-02-29', false], // 2026 is not
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['1999-12-31', false], // before 2000
    ['0000-01-01', false],
    ['2026-03-01T00:00:00Z', false],
  ])('%p is a day: %p', (text, valid) => {
    expect(parseDay(text) !== undefined).toBe(valid);
  });

  it.each([
    // Q1 2026: January 31 + February 28 + March 31 = 90 days
    ['2026-Q1', { from: '2026-01-01', to: '2026-04-01', days: 90 }],
    // Q1 2028, a leap year: 31 + 29 + 31 = 91
    ['2028-Q1', { from: '2028-01-01', to: '2028-04-01', days: 91 }],
    // Q3: July 31 + August 31 + September 30 = 92
    ['2026-Q3', { from: '2026-07-01', to: '2026-10-01', days: 92 }],
    // Q4 runs into the next year: October 31 + November 30 + December 31 = 92
    ['2026-Q4', { from: '2026-10-01', to: '2027-01-01', days: 92 }],
  ])('%p is %p', (quarter, expected) => {
    expect(quarterDays(quarter)).toEqual(expected);
  });

  it.each(['2026-Q5', '2026-Q0', '26-Q1', '1999-Q4', '2026Q1'])(
    '%p is not a quarter',
    quarter => {
      expect(quarterDays(quarter)).toBeUndefined();
    },
  );

  it('steps days and finds their quarter', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(quarterOfDay('2026-06-30')).toBe('2026-Q2');
    expect(quarterOfDay('2026-07-01')).toBe('2026-Q3');
  });
});

describe('costWindowSchema', () => {
  it.each([
    [{ from: '2026-01-01', to: '2026-04-01' }, undefined],
    [{ from: '2026-01-01', to: '2026-01-01' }, 'to: must be after from'],
    [{ from: '2026-02-01', to: '2026-01-01' }, 'to: must be after from'],
    // 2024-01-01 to 2026-01-02 is 366 + 365 + 1 = 732 days, one past the 731 allowed
    [
      { from: '2024-01-01', to: '2026-01-02' },
      'to: must be at most 731 days after from',
    ],
    [
      { from: '2026-02-30', to: '2026-03-01' },
      'from: must be a day that exists, YYYY-MM-DD, from 2000',
    ],
  ])('%p', (window, error) => {
    const result = costWindowSchema.safeParse(window);
    const issue = result.error?.issues[0];
    expect(issue && `${issue.path.join('.')}: ${issue.message}`).toBe(error);
  });
});
