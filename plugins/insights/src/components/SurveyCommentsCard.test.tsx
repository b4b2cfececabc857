import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { refusing } from '@internal/plugin-portal-react/testUtils';
import { insightsApiRef } from '../api';
import { mockInsightsApi } from '../testing/fixtures';
import { SurveyCommentsCard } from './SurveyCommentsCard';

describe('SurveyCommentsCard', () => {
  it('shows the comments by quarter, newest first, and no comment of a withheld quarter', async () => {
    const api = mockInsightsApi({
      getSurveyComments: jest.fn(async () => ({
        threshold: 5,
        quarters: [
          {
            quarter: '2026-Q2',
            disclosed: false,
            withheld: 'belowThreshold' as const,
            total: null,
            comments: [],
          },
          {
            quarter: '2026-Q3',
            disclosed: true,
            withheld: null,
            total: 3,
            comments: ['Faster builds', 'More docs'],
          },
        ],
      })),
    });
    await renderInTestApp(<SurveyCommentsCard />, {
      apis: [[insightsApiRef, api]],
    });
    const card = await screen.findByTestId('survey-comments');
    const headings = screen.getAllByRole('heading', { level: 3 });
    expect(headings.map(h => h.textContent)).toEqual([
      '2026-Q3 (3 comments)',
      '2026-Q2',
    ]);
    expect(card).toHaveTextContent('Faster builds');
    expect(card).toHaveTextContent('More docs');
    expect(card).toHaveTextContent('2 of 3 shown.');
    expect(card).toHaveTextContent(
      'Withheld: fewer than 5 answers (results are shown from 5 up).',
    );
    expect(api.getSurveyComments).toHaveBeenCalledWith(4);
  });

  it('shows nothing to whom the comments are not allowed', async () => {
    const { container } = await renderInTestApp(<SurveyCommentsCard />, {
      apis: [
        [
          insightsApiRef,
          mockInsightsApi({
            getSurveyComments: refusing(
              'not allowed: insights.survey.comments.read',
            ),
          }),
        ],
      ],
    });
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(screen.queryByTestId('survey-comments')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(container.textContent).not.toContain(
      'insights.survey.comments.read',
    );
  });
});
