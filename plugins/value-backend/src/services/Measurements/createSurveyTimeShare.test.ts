import { mockCredentials } from '@backstage/backend-test-utils';
import { createSurveyTimeShare } from './createSurveyTimeShare';

const credentials = mockCredentials.user('user:default/ada');

describe('the survey’s share of time on infrastructure and tooling', () => {
  it('says the question is not asked where insights has no such results', async () => {
    const source = createSurveyTimeShare({});
    expect(
      await source.share(
        { scope: 'organisation', from: '2026-01-01', to: '2026-04-01' },
        { credentials },
      ),
    ).toEqual({
      ok: false,
      reason: expect.stringContaining('does not ask'),
    });
  });

  it('reads a closed calendar quarter for the team', async () => {
    const getSurveyResults = jest.fn(async () => ({
      withheld: null,
      infrastructureShareAnswers: 12,
      averageInfrastructureSharePct: 27.5,
    }));
    const source = createSurveyTimeShare({ getSurveyResults });
    expect(
      await source.share(
        {
          scope: 'group:default/finance',
          from: '2026-04-01',
          to: '2026-07-01T00:00:00.000Z',
        },
        { credentials },
      ),
    ).toEqual({
      ok: true,
      value: { sharePercent: 27.5, answers: 12, withheld: null },
    });
    expect(getSurveyResults).toHaveBeenCalledWith(
      { quarter: '2026-Q2', group: 'group:default/finance' },
      expect.objectContaining({ credentials }),
    );
  });

  it('reads the calendar quarters a window from mid-February covers, weighed by their days, and says so', async () => {
    // 15 Feb → 15 May 2026: 45 days of Q1 at 30 % (10 answers), 44 days of Q2 at 20 % (8);
    // (45 × 30 + 44 × 20) ÷ 89 = (1350 + 880) ÷ 89 = 2230 ÷ 89 = 25.06 %
    const shares: Record<string, [number, number]> = {
      '2026-Q1': [30, 10],
      '2026-Q2': [20, 8],
    };
    const getSurveyResults = jest.fn(async (query: { quarter: string }) => ({
      withheld: null,
      infrastructureShareAnswers: shares[query.quarter][1],
      averageInfrastructureSharePct: shares[query.quarter][0],
    }));
    const source = createSurveyTimeShare(
      { getSurveyResults },
      { now: () => new Date('2026-12-01T00:00:00Z') },
    );
    expect(
      await source.share(
        { scope: 'organisation', from: '2026-02-15', to: '2026-05-15' },
        { credentials },
      ),
    ).toEqual({
      ok: true,
      value: {
        sharePercent: 2230 / 89,
        answers: 18,
        withheld: null,
        coverage:
          'survey quarters 2026-Q1 (45 days), 2026-Q2 (44 days); 89 of 89 days covered',
      },
    });
    expect(getSurveyResults.mock.calls.map(([q]) => q.quarter)).toEqual([
      '2026-Q1',
      '2026-Q2',
    ]);
  });

  it('leaves out a covered quarter that has not ended, without asking for it', async () => {
    const getSurveyResults = jest.fn(async () => ({
      withheld: null,
      infrastructureShareAnswers: 10,
      averageInfrastructureSharePct: 30,
    }));
    // now 20 May: Q1 (45 days of the window) is published; Q2 (44 days) has not ended
    const source = createSurveyTimeShare(
      { getSurveyResults },
      { now: () => new Date('2026-05-20T00:00:00Z') },
    );
    expect(
      await source.share(
        {
          scope: 'organisation',
          from: '2026-02-15',
          to: '2026-05-15T00:00:00.000Z',
        },
        { credentials },
      ),
    ).toEqual({
      ok: true,
      value: {
        sharePercent: 30,
        answers: 10,
        withheld: null,
        coverage:
          'survey quarters 2026-Q1 (45 days), 2026-Q2 (44 days: the quarter has not ended); 45 of 89 days covered',
      },
    });
    expect(getSurveyResults).toHaveBeenCalledTimes(1);
  });

  it('has no share for a calendar quarter still running', async () => {
    const source = createSurveyTimeShare(
      {
        getSurveyResults: async () => {
          throw new Error('not asked');
        },
      },
      { now: () => new Date('2026-05-20T00:00:00Z') },
    );
    // 1 Apr → 20 May: 30 + 19 = 49 days of Q2, which ends on 1 July
    expect(
      await source.share(
        {
          scope: 'organisation',
          from: '2026-04-01',
          to: '2026-05-20T00:00:00.000Z',
        },
        { credentials },
      ),
    ).toEqual({
      ok: true,
      value: {
        sharePercent: null,
        answers: null,
        withheld: 'the quarter has not ended',
        coverage:
          'survey quarters 2026-Q2 (49 days: the quarter has not ended); 0 of 49 days covered',
      },
    });
  });

  it('names why a share is withheld', async () => {
    const source = createSurveyTimeShare({
      getSurveyResults: async () => ({
        withheld: 'belowThreshold',
        infrastructureShareAnswers: null,
        averageInfrastructureSharePct: null,
      }),
    });
    expect(
      await source.share(
        { scope: 'organisation', from: '2026-01-01', to: '2026-04-01' },
        { credentials },
      ),
    ).toEqual({
      ok: true,
      value: {
        sharePercent: null,
        answers: null,
        withheld: 'too few answers to keep them anonymous',
      },
    });
  });
});
