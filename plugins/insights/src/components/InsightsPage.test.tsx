import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { apiError } from '@internal/plugin-portal-react/testUtils';
import { insightsApiRef } from '../api';
import { emptyDoraSummary, mockInsightsApi } from '../testing/fixtures';
import { InsightsPage } from './InsightsPage';

const render = (api: ReturnType<typeof mockInsightsApi>) =>
  renderInTestApp(<InsightsPage />, {
    apis: [
      [insightsApiRef, api],
      [
        catalogApiRef,
        catalogApiMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'storefront-team', title: 'Storefront Team' },
              spec: { type: 'team', children: [] },
            },
          ],
        }),
      ],
    ],
  });

const refused = (permission: string) => async () => {
  throw apiError(403, 'NotAllowedError', `${permission} is required`);
};

describe('InsightsPage', () => {
  it('shows progress while the figures load', async () => {
    const never = () => new Promise<never>(() => {});
    await render(mockInsightsApi({ getDora: never, getAdoption: never }));
    expect(await screen.findByText('Insights')).toBeInTheDocument();
    expect((await screen.findAllByRole('progressbar')).length).toBeGreaterThan(
      0,
    );
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });

  it("shows the organisation's delivery metrics, adoption and satisfaction", async () => {
    const api = mockInsightsApi();
    await render(api);
    expect(await screen.findByTestId('dora-lead-time')).toHaveTextContent(
      '20.5 h',
    );
    expect(
      screen.getByText(/^Delivery \(DORA\), organisation, \d{4}-Q[1-4]$/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('dora-change-failure-rate')).toHaveTextContent(
      '7.7%',
    );
    expect(screen.getByTestId('dora-time-to-restore')).toHaveTextContent(
      '30 min',
    );
    expect(await screen.findByText('Team adoption')).toBeInTheDocument();
    expect(screen.getByText('60.0%')).toBeInTheDocument();
    expect(
      screen.getByText(/Developer satisfaction, .* \(withheld\)/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
    expect(api.getDora).toHaveBeenCalledWith(
      expect.objectContaining({ group: undefined }),
    );
  });

  it('says no repository is in scope when no component names one', async () => {
    await render(
      mockInsightsApi({ getDora: jest.fn(async () => emptyDoraSummary) }),
    );
    expect(
      await screen.findByText(/No repository in scope/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('dora-lead-time')).toHaveTextContent('—');
  });

  it('says the delivery metrics could not be loaded, and why', async () => {
    await render(
      mockInsightsApi({
        getDora: async () => {
          throw apiError(500, 'Error', 'database unavailable');
        },
      }),
    );
    expect(await screen.findByText('database unavailable')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });

  it('tells a person without the permission that they may not see the figures', async () => {
    await render(
      mockInsightsApi({
        getDora: refused('insights.metrics.read'),
        getAdoption: refused('insights.metrics.read'),
        getSurveyResults: refused('insights.survey.results.read'),
      }),
    );
    await waitFor(() =>
      expect(
        screen.getAllByText('You are not allowed to see this'),
      ).toHaveLength(3),
    );
    expect(
      screen.getByText('insights.survey.results.read is required'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('dora-lead-time')).toBeNull();
  });
});
