import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { SurveyResult } from '@internal/plugin-insights-common';
import {
  expectErrorPanel,
  failing,
} from '@internal/plugin-portal-react/testUtils';
import { insightsApiRef } from '../api';
import { mockInsightsApi } from '../testing/fixtures';
import { SurveyTrendCard } from './SurveyTrendCard';

const disclosed = (
  quarter: string,
  nps: number,
  satisfaction: number,
  share: number | null,
): SurveyResult => ({
  quarter,
  threshold: 5,
  disclosed: true,
  withheld: null,
  answers: 12,
  promoters: 6,
  passives: 3,
  detractors: 3,
  nps,
  averageSatisfaction: satisfaction,
  infrastructureShareAnswers: share === null ? null : 12,
  averageInfrastructureSharePct: share,
});

const withheld = (quarter: string): SurveyResult => ({
  quarter,
  threshold: 5,
  disclosed: false,
  withheld: 'belowThreshold',
  answers: null,
  promoters: null,
  passives: null,
  detractors: null,
  nps: null,
  averageSatisfaction: null,
  infrastructureShareAnswers: null,
  averageInfrastructureSharePct: null,
});

describe('SurveyTrendCard', () => {
  it('shows each closed quarter, withheld ones without figures, and reads the latest share against seed 004', async () => {
    const api = mockInsightsApi({
      getSurveyTrend: jest.fn(async () => ({
        group: 'group:default/payments-team',
        threshold: 5,
        quarters: [
          disclosed('2026-Q1', 10, 3.5, 35),
          withheld('2026-Q2'),
          disclosed('2026-Q3', 25, 4.25, 18),
        ],
      })),
    });
    await renderInTestApp(
      <SurveyTrendCard group="group:default/payments-team" />,
      { apis: [[insightsApiRef, api]] },
    );
    const table = await screen.findByRole('table', {
      name: 'Survey results by quarter',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('2026-Q11210.03.535.0%');
    expect(rows[2]).toHaveTextContent(
      '2026-Q2Withheld: fewer than 5 answers (results are shown from 5 up).',
    );
    expect(rows[3]).toHaveTextContent('2026-Q31225.04.318.0%');
    expect(api.getSurveyTrend).toHaveBeenCalledWith({
      group: 'group:default/payments-team',
      quarters: 8,
    });
    // 18% ≤ 20%: "80%+ of their time on product features"
    expect(screen.getByTestId('survey-context-switching')).toHaveTextContent(
      "2026-Q3: 18.0% of the time on infrastructure and tooling. Seed 004's context switching factor: “Developers spend 80%+ of their time on product features”.",
    );
  });

  it('says why the trend could not be loaded', async () => {
    await renderInTestApp(<SurveyTrendCard />, {
      apis: [
        [
          insightsApiRef,
          mockInsightsApi({ getSurveyTrend: failing('database unavailable') }),
        ],
      ],
    });
    await expectErrorPanel('database unavailable');
    expect(screen.queryByTestId('survey-trend')).toBeNull();
  });
});
