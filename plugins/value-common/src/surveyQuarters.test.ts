import {
  shareOverSurveyQuarters,
  SurveyQuarterResult,
  surveyQuartersOf,
} from './surveyQuarters';

describe('surveyQuartersOf', () => {
  it.each([
    [
      // on the calendar: the whole of Q2 2026, 30 + 31 + 30 = 91 days
      'a calendar quarter',
      { from: '2026-04-01', to: '2026-07-01T00:00:00.000Z' },
      [['2026-Q2', '2026-04-01', '2026-07-01', 91]],
    ],
    [
      // quarter 1 of a baseline started 15 February 2026: 15 Feb → 1 Apr = 14 (February 2026
      // has 28 days) + 31 = 45 days in Q1; 1 Apr → 15 May = 30 + 14 = 44 days in Q2
      'a quarter from mid-February',
      { from: '2026-02-15', to: '2026-05-15' },
      [
        ['2026-Q1', '2026-02-15', '2026-04-01', 45],
        ['2026-Q2', '2026-04-01', '2026-05-15', 44],
      ],
    ],
    [
      // the 3 months before that start, across the year: 15 Nov → 1 Jan = 16 + 31 = 47 days;
      // 1 Jan → 15 Feb = 31 + 14 = 45 days
      'the months before a mid-February start',
      { from: '2025-11-15', to: '2026-02-15' },
      [
        ['2025-Q4', '2025-11-15', '2026-01-01', 47],
        ['2026-Q1', '2026-01-01', '2026-02-15', 45],
      ],
    ],
    [
      // a window cut by now at noon: 15 Feb → 10 Mar 12:00 = 13 + 10.5 = 23.5 days
      'a running window',
      { from: '2026-02-15', to: '2026-03-10T12:00:00.000Z' },
      [['2026-Q1', '2026-02-15', '2026-03-10', 23.5]],
    ],
    [
      // since a start on 20 December: 12 days of Q4, Q1 (31 + 28 + 31 = 90), Q2 (91), 9 of Q3
      'a span over four quarters',
      { from: '2025-12-20', to: '2026-07-10' },
      [
        ['2025-Q4', '2025-12-20', '2026-01-01', 12],
        ['2026-Q1', '2026-01-01', '2026-04-01', 90],
        ['2026-Q2', '2026-04-01', '2026-07-01', 91],
        ['2026-Q3', '2026-07-01', '2026-07-10', 9],
      ],
    ],
    ['an empty window', { from: '2026-02-15', to: '2026-02-15' }, []],
  ])('%s', (_, window, expected) => {
    expect(
      surveyQuartersOf(window).map(p => [p.quarter, p.from, p.to, p.days]),
    ).toEqual(expected);
  });

  it('names each quarter’s own end, from which its results are published', () => {
    expect(
      surveyQuartersOf({ from: '2025-11-15', to: '2026-02-15' }).map(
        p => p.quarterEnd,
      ),
    ).toEqual(['2026-01-01', '2026-04-01']);
  });
});

const part = (
  quarter: string,
  days: number,
  sharePercent: number | null,
  answers: number | null,
  withheld: string | null = null,
): SurveyQuarterResult => ({
  quarter,
  from: '',
  to: '',
  quarterEnd: '',
  days,
  sharePercent,
  answers,
  withheld,
});

describe('shareOverSurveyQuarters', () => {
  it.each([
    [
      // (46 × 30 + 45 × 20) ÷ 91 = (1380 + 900) ÷ 91 = 2280 ÷ 91 = 25.0549…; 12 + 8 answers
      'two published quarters, weighed by their days',
      [part('2025-Q4', 46, 30, 12), part('2026-Q1', 45, 20, 8)],
      {
        sharePercent: 2280 / 91,
        answers: 20,
        withheld: null,
        coveredDays: 91,
        windowDays: 91,
        coverage:
          'survey quarters 2025-Q4 (46 days), 2026-Q1 (45 days); 91 of 91 days covered',
      },
    ],
    [
      // the open quarter is left out: 30 % from Q4 alone, over 47 of the 92 days
      'a published quarter and an open one',
      [
        part('2025-Q4', 47, 30, 10),
        part('2026-Q1', 45, null, null, 'the quarter has not ended'),
      ],
      {
        sharePercent: 30,
        answers: 10,
        withheld: null,
        coveredDays: 47,
        windowDays: 92,
        coverage:
          'survey quarters 2025-Q4 (47 days), 2026-Q1 (45 days: the quarter has not ended); 47 of 92 days covered',
      },
    ],
    [
      // nothing published: no share, each quarter's reason
      'no published quarter',
      [
        part(
          '2025-Q4',
          47,
          null,
          null,
          'too few answers to keep them anonymous',
        ),
        part('2026-Q1', 45, null, null, 'the quarter has not ended'),
      ],
      {
        sharePercent: null,
        answers: null,
        withheld:
          '2025-Q4: too few answers to keep them anonymous; 2026-Q1: the quarter has not ended',
        coveredDays: 0,
        windowDays: 92,
        coverage:
          'survey quarters 2025-Q4 (47 days: too few answers to keep them anonymous), 2026-Q1 (45 days: the quarter has not ended); 0 of 92 days covered',
      },
    ],
    [
      // one quarter keeps its share as published (33.3, not 91 × 33.3 ÷ 91)
      'one whole quarter',
      [part('2026-Q2', 91, 33.3, 7)],
      {
        sharePercent: 33.3,
        answers: 7,
        withheld: null,
        coveredDays: 91,
        windowDays: 91,
        coverage: 'survey quarters 2026-Q2 (91 days); 91 of 91 days covered',
      },
    ],
    [
      // a quarter that withholds its count of answers: the sum is not known
      'a quarter without its count of answers',
      [part('2025-Q4', 46, 30, null), part('2026-Q1', 45, 20, 8)],
      expect.objectContaining({ sharePercent: 2280 / 91, answers: null }),
    ],
  ])('%s', (_, results, expected) => {
    expect(shareOverSurveyQuarters(results)).toEqual(expected);
  });
});
