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

  it.each([
    [
      'a quarter not on the calendar’s',
      { from: '2026-02-15', to: '2026-05-15' },
      { ok: false, reason: expect.stringContaining('per calendar quarter') },
    ],
    [
      'a quarter still running',
      { from: '2026-04-01', to: '2026-05-20T00:00:00.000Z' },
      {
        ok: true,
        value: {
          sharePercent: null,
          answers: null,
          withheld: 'the quarter has not ended',
        },
      },
    ],
  ])('has no share for %s', async (_, window, expected) => {
    const source = createSurveyTimeShare({
      getSurveyResults: async () => {
        throw new Error('not asked');
      },
    });
    expect(
      await source.share({ scope: 'organisation', ...window }, { credentials }),
    ).toEqual(expected);
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
