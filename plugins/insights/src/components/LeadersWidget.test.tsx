import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { insightsApiRef } from '../api';
import { emptyDoraSummary, mockInsightsApi } from '../testing/fixtures';
import { LeadersWidget } from './LeadersWidget';

const render = (api: ReturnType<typeof mockInsightsApi>) =>
  renderInTestApp(<LeadersWidget />, { apis: [[insightsApiRef, api]] });

/** The figure and band shown beside a metric's label. */
const rowOf = (label: string) => screen.getByText(label).parentElement!;

describe('LeadersWidget', () => {
  it('shows progress while the figures load', async () => {
    await render(mockInsightsApi({ getDora: () => new Promise(() => {}) }));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it("shows the organisation's four DORA metrics with their bands", async () => {
    const api = mockInsightsApi();
    await render(api);
    expect(
      await screen.findByText(/^Organisation, \d{4}-Q[1-4] so far$/),
    ).toBeInTheDocument();
    expect(api.getDora).toHaveBeenCalledWith(
      expect.not.objectContaining({ group: expect.anything() }),
    );
    expect(rowOf('Deployment frequency')).toHaveTextContent('4.0 / weekHigh');
    expect(rowOf('Lead time')).toHaveTextContent('20.5 hHigh');
    // 4 failed of 52 deployments
    expect(rowOf('Change failure rate')).toHaveTextContent('7.7%Elite');
    expect(rowOf('Time to restore')).toHaveTextContent('30 minElite');
  });

  it('says there is not enough data for a quarter without deployments', async () => {
    await render(mockInsightsApi({ getDora: async () => emptyDoraSummary }));
    expect(await screen.findByText('Lead time')).toBeInTheDocument();
    expect(rowOf('Lead time')).toHaveTextContent('—Not enough data');
    expect(rowOf('Change failure rate')).toHaveTextContent('—Not enough data');
    expect(screen.getAllByText('Not enough data')).toHaveLength(4);
  });

  it('says the figures could not be loaded, and why', async () => {
    await render(
      mockInsightsApi({
        getDora: failing('database unavailable'),
      }),
    );
    await expectErrorPanel('database unavailable');
    expect(screen.queryByText('Lead time')).toBeNull();
  });

  it('tells a person without the permission that they may not see the figures', async () => {
    await render(
      mockInsightsApi({
        getDora: refusing('insights.metrics.read is required'),
      }),
    );
    await expectForbiddenPanel('insights.metrics.read is required');
    expect(screen.queryByText('Lead time')).toBeNull();
  });
});
