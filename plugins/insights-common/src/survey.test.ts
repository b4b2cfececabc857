import {
  closedQuartersBefore,
  contextSwitchingReading,
  surveyWithholding,
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
    infrastructureShareAnswers: null,
    averageInfrastructureSharePct: null,
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

describe('surveyWithholding', () => {
  it.each<[boolean, number, number | undefined, string | null, string]>([
    // [quarter ended, answers, the others' answers, expected, derivation]
    [
      false,
      40,
      undefined,
      'quarterOpen',
      'open quarter: answers can still change',
    ],
    [true, 4, undefined, 'belowThreshold', '4 < 5'],
    [true, 5, undefined, null, '5 ≥ 5, organisation: shown'],
    [
      true,
      6,
      0,
      null,
      'group, nobody else answered: organisation = group, nothing new',
    ],
    [
      true,
      6,
      3,
      'complementBelowThreshold',
      'others 3: 1 ≤ 3 < 5, org − group = theirs',
    ],
    [true, 6, 5, null, 'others 5 ≥ 5: shown'],
    [true, 3, 10, 'belowThreshold', 'the group itself first: 3 < 5'],
  ])(
    'ended %p, %p answers, others %p → %p (%s)',
    (ended, answers, others, expected) => {
      expect(
        surveyWithholding({
          quarterEnded: ended,
          answers,
          othersAnswers: others,
        }),
      ).toBe(expected);
    },
  );
});

describe('closedQuartersBefore', () => {
  it.each<[string, number, string[], string]>([
    [
      '2025-11-15T00:00:00Z',
      4,
      ['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3'],
      'in 2025-Q4 (open): the four before it, oldest first',
    ],
    [
      '2026-01-01T00:00:00Z',
      2,
      ['2025-Q3', '2025-Q4'],
      'the first instant of 2026-Q1: 2025-Q4 has just ended',
    ],
    ['2025-03-31T23:59:59Z', 1, ['2024-Q4'], 'still 2025-Q1: 2024-Q4'],
    ['2025-05-01T00:00:00Z', 0, [], 'none asked'],
  ])('%s, %p → %p (%s)', (now, count, expected) => {
    expect(closedQuartersBefore(new Date(now), count)).toEqual(expected);
  });
});

describe('contextSwitchingReading (seed 004)', () => {
  it.each<[number | null, string | null, string]>([
    [
      45,
      'platformNeeded',
      '45 ≥ 30: "30%+ … on infrastructure, tooling, and DevOps"',
    ],
    [30, 'platformNeeded', '30 is 30%+'],
    [29.9, 'split', 'between 20 and 30'],
    [20.1, 'split', 'just over 20: under 80% on product'],
    [
      20,
      'productFocused',
      '100 − 20 = 80% on product: "80%+ … on product features"',
    ],
    [0, 'productFocused', 'all on product'],
    [null, null, 'withheld or nobody answered'],
  ])('%p%% → %p (%s)', (share, expected) => {
    expect(contextSwitchingReading(share)).toBe(expected);
  });
});
