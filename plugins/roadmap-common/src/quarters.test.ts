import { compareQuarters, parseQuarter, quarterOf } from './quarters';

describe('quarters', () => {
  it.each([
    ['2027-Q1', { year: 2027, quarter: 1 }],
    ['2099-Q4', { year: 2099, quarter: 4 }],
    ['2027-Q5', null],
    ['2027-Q0', null],
    ['1999-Q4', null],
    ['2027-q1', null],
    ['2027-Q1 ', null],
  ])('parseQuarter(%p)', (text, expected) => {
    expect(parseQuarter(text)).toEqual(expected);
  });

  it.each([
    // months 0-2 are Q1, 3-5 Q2, 6-8 Q3, 9-11 Q4, in UTC
    ['2027-01-01T00:00:00Z', '2027-Q1'],
    ['2027-03-31T23:59:59Z', '2027-Q1'],
    ['2027-04-01T00:00:00Z', '2027-Q2'],
    ['2026-12-03T15:00:00Z', '2026-Q4'],
    // 23:30 on 31 March in New York is 03:30 on 1 April in UTC: Q2
    ['2027-03-31T23:30:00-04:00', '2027-Q2'],
  ])('quarterOf(%p) = %p', (iso, quarter) => {
    expect(quarterOf(new Date(iso))).toBe(quarter);
  });

  it.each([
    // 2027*4+1 = 8109 and 2026*4+4 = 8108: one quarter apart
    ['2027-Q1', '2026-Q4', 1],
    ['2026-Q4', '2027-Q1', -1],
    ['2027-Q2', '2027-Q2', 0],
    // 2028*4+1 = 8113 against 2027*4+3 = 8111
    ['2028-Q1', '2027-Q3', 2],
  ])('compareQuarters(%p, %p) = %p', (a, b, expected) => {
    expect(compareQuarters(a, b)).toBe(expected);
  });

  it('refuses what is not a quarter', () => {
    expect(() => compareQuarters('2027-Q1', 'next year')).toThrow(
      'Not a quarter: next year',
    );
  });
});
