import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { insightsApiRef } from '../api';
import { mockInsightsApi } from '../testing/fixtures';
import { SurveyCard } from './SurveyCard';

const render = (
  api: ReturnType<typeof mockInsightsApi>,
  onAnswered?: () => void,
) =>
  renderInTestApp(<SurveyCard onAnswered={onAnswered} />, {
    apis: [[insightsApiRef, api]],
  });

describe('SurveyCard', () => {
  it("shows progress while the person's answer loads", async () => {
    await render(
      mockInsightsApi({ getMySurveyAnswer: () => new Promise(() => {}) }),
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('asks both questions when the person has not answered this quarter, and saves the answer', async () => {
    const user = userEvent.setup();
    const onAnswered = jest.fn();
    const api = mockInsightsApi({
      answerSurvey: jest.fn(async () => ({
        quarter: '2026-Q4',
        nps: 9,
        satisfaction: 4,
        answeredAt: '2026-12-03T10:00:00.000Z',
      })),
    });
    await render(api, onAnswered);
    expect(
      await screen.findByText('Developer survey, 2026-Q4'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/You answered this quarter/)).toBeNull();
    const submit = screen.getByRole('button', { name: 'Submit answer' });
    expect(submit).toBeDisabled();

    await user.click(
      within(screen.getByRole('radiogroup', { name: 'NPS score' })).getByRole(
        'radio',
        { name: '9' },
      ),
    );
    await user.click(
      within(
        screen.getByRole('radiogroup', { name: 'Satisfaction' }),
      ).getByRole('radio', { name: '4' }),
    );
    await user.click(submit);
    expect(await screen.findByTestId('survey-saved')).toHaveTextContent(
      'Thank you, your answer is saved.',
    );
    expect(api.answerSurvey).toHaveBeenCalledWith({
      nps: 9,
      satisfaction: 4,
      comment: undefined,
    });
    expect(onAnswered).toHaveBeenCalled();
  });

  it('sends the share of time on infrastructure and tooling when given', async () => {
    const user = userEvent.setup();
    const api = mockInsightsApi({
      answerSurvey: jest.fn(async () => ({
        quarter: '2026-Q4',
        nps: 6,
        satisfaction: 2,
        infrastructureSharePct: 30,
        answeredAt: '2026-12-03T10:00:00.000Z',
      })),
    });
    await render(api);
    const group = (name: string) =>
      within(screen.getByRole('radiogroup', { name }));
    await screen.findByText('Developer survey, 2026-Q4');
    await user.click(group('NPS score').getByRole('radio', { name: '6' }));
    await user.click(group('Satisfaction').getByRole('radio', { name: '2' }));
    await user.click(
      group('Share of time on infrastructure and tooling').getByRole('radio', {
        name: '30',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Submit answer' }));
    expect(await screen.findByTestId('survey-saved')).toBeInTheDocument();
    expect(api.answerSurvey).toHaveBeenCalledWith({
      nps: 6,
      satisfaction: 2,
      infrastructureSharePct: 30,
      comment: undefined,
    });
  });

  it("shows the person's scores of this quarter", async () => {
    await render(
      mockInsightsApi({
        getMySurveyAnswer: async () => ({
          quarter: '2026-Q4',
          answer: {
            quarter: '2026-Q4',
            nps: 7,
            satisfaction: 3,
            infrastructureSharePct: 40,
            answeredAt: '2026-11-03T10:00:00.000Z',
          },
        }),
      }),
    );
    expect(
      await screen.findByText(/You answered this quarter/),
    ).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '7' })).toBeChecked();
    expect(
      within(
        screen.getByRole('radiogroup', { name: 'Satisfaction' }),
      ).getByRole('radio', { name: '3' }),
    ).toBeChecked();
    expect(
      within(
        screen.getByRole('radiogroup', {
          name: 'Share of time on infrastructure and tooling',
        }),
      ).getByRole('radio', { name: '40' }),
    ).toBeChecked();
    expect(screen.getByRole('button', { name: 'Submit answer' })).toBeEnabled();
  });

  it('says the survey could not be loaded, and why', async () => {
    await render(
      mockInsightsApi({
        getMySurveyAnswer: failing('database unavailable'),
      }),
    );
    await expectErrorPanel('database unavailable');
    expect(screen.queryByTestId('survey-form')).toBeNull();
  });

  it('tells a person who may not answer that they are not allowed', async () => {
    await render(
      mockInsightsApi({
        getMySurveyAnswer: refusing('only users may answer the survey'),
      }),
    );
    await expectForbiddenPanel('only users may answer the survey');
    expect(screen.queryByTestId('survey-form')).toBeNull();
  });
});
