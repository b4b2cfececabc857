import {
  mayDiscloseTeamResults,
  netPromoterScore,
  npsGroup,
  quarterHasEnded,
  quarterOf,
  quarterRange,
} from './survey';
import { surveyKpis } from './targets';
import { SurveyResult } from './types';

describe('netPromoterScore', () => {
  it.each<[number[], number, number, number, number | null, string]>([
    // scores, promoters, passives, detractors, nps, derivation
    [
      [10, 9, 8, 7, 6],
      2,
      2,
      1,
      20,
      '2/5 = 40% promoters − 1/5 = 20% detractors = 20',
    ],
    [[10, 10, 10, 10], 4, 0, 0, 100, 'all promoters: 100 − 0 = 100'],
    [[0, 3, 6], 0, 0, 3, -100, 'all detractors: 0 − 100 = −100'],
    [[7, 8, 7, 8], 0, 4, 0, 0, 'all passives: 0 − 0 = 0'],
    [
      [9, 9, 9, 6, 5, 8, 7, 10, 2, 9],
      5,
      2,
      3,
      20,
      '5/10 = 50% − 3/10 = 30% = 20',
    ],
    [[9, 6, 7], 1, 1, 1, 0, '33.3% − 33.3% = 0'],
    [[], 0, 0, 0, null, 'no answers: no NPS'],
  ])('%p', (scores, p, pa, d, nps) => {
    const r = netPromoterScore(scores);
    expect([r.promoters, r.passives, r.detractors]).toEqual([p, pa, d]);
    expect(r.nps === null ? null : Number(r.nps.toFixed(10))).toBe(nps);
  });

  it.each([
    [9, 'promoter'],
    [8, 'passive'],
    [7, 'passive'],
    [6, 'detractor'],
    [0, 'detractor'],
  ])('score %p is a %p', (score, group) => {
    expect(npsGroup(score)).toBe(group);
  });
});

describe('quarters', () => {
  it.each([
    ['2025-01-01T00:00:00Z', '2025-Q1'],
    ['2025-03-31T23:59:59Z', '2025-Q1'],
    ['2025-04-01T00:00:00Z', '2025-Q2'],
    ['2025-09-30T12:00:00Z', '2025-Q3'],
    ['2025-12-31T23:59:59Z', '2025-Q4'],
  ])('%p is in %p', (date, quarter) => {
    expect(quarterOf(new Date(date))).toBe(quarter);
  });
  it('2025-Q4 is [Oct 1, Jan 1)', () => {
    const r = quarterRange('2025-Q4')!;
    expect(r.from.toISOString()).toBe('2025-10-01T00:00:00.000Z');
    expect(r.to.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(quarterRange('2025-Q5')).toBeUndefined();
  });
});

describe('team disclosure', () => {
  it.each([
    [4, false],
    [5, true],
    [12, true],
  ])('%p answers → disclosed %p (minimum 5)', (n, expected) => {
    expect(mayDiscloseTeamResults(n)).toBe(expected);
  });
});

describe('quarterHasEnded', () => {
  it.each([
    ['2025-Q1', '2025-03-31T23:59:59.999Z', false],
    ['2025-Q1', '2025-04-01T00:00:00.000Z', true],
    ['2025-Q4', '2025-12-31T12:00:00.000Z', false],
    ['2025-Q4', '2026-01-01T00:00:00.000Z', true],
    ['2025-Q5', '2030-01-01T00:00:00.000Z', false],
  ])('%s at %s → %p', (quarter, now, expected) => {
    expect(quarterHasEnded(quarter, new Date(now))).toBe(expected);
  });
});

describe('survey KPIs of withheld results', () => {
  const withheld = (reason: SurveyResult['withheld']): SurveyResult => ({
    quarter: '2025-Q3',
    threshold: 5,
    disclosed: false,
    withheld: reason,
    answers: null,
    promoters: null,
    passives: null,
    detractors: null,
    nps: null,
    averageSatisfaction: null,
  });
  it.each([
    [
      'quarterOpen',
      'published once 2025-Q3 has ended, with at least 5 answers',
    ],
    ['belowThreshold', 'fewer than 5 answers'],
    [
      'complementBelowThreshold',
      'the rest of the organisation has fewer than 5',
    ],
  ] as const)('%s says why, with no figure', (reason, text) => {
    const [nps, satisfaction] = surveyKpis(withheld(reason));
    expect(nps.definition).toContain(text);
    expect(nps).toMatchObject({ value: null, met: null });
    expect(nps.denominator).toBeUndefined();
    expect(satisfaction.definition).toContain(text);
  });
});
