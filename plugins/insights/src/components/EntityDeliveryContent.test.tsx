import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { insightsApiRef } from '../api';
import { emptyDoraSummary, mockInsightsApi } from '../testing/fixtures';
import { EntityDeliveryContent } from './EntityDeliveryContent';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'storefront-team' },
};

const render = (api: ReturnType<typeof mockInsightsApi>) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityDeliveryContent />
    </EntityProvider>,
    { apis: [[insightsApiRef, api]] },
  );

describe('EntityDeliveryContent', () => {
  it('shows progress while the figures load', async () => {
    await render(mockInsightsApi({ getDora: () => new Promise(() => {}) }));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it("shows the component's own DORA metrics", async () => {
    const api = mockInsightsApi();
    await render(api);
    expect(await screen.findByTestId('dora-lead-time')).toHaveTextContent(
      '20.5 h',
    );
    expect(api.getDora).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/checkout' }),
    );
  });

  it('asks for the repository annotation when the component names none', async () => {
    await render(
      mockInsightsApi({ getDora: jest.fn(async () => emptyDoraSummary) }),
    );
    expect(
      await screen.findByText(/Add the github.com\/project-slug annotation/),
    ).toBeInTheDocument();
  });

  it('says the figures could not be loaded, and why', async () => {
    await render(
      mockInsightsApi({
        getDora: failing('database unavailable'),
      }),
    );
    await expectErrorPanel('database unavailable');
    expect(screen.queryByTestId('dora-lead-time')).toBeNull();
  });

  it('tells a person without the permission that they may not see them', async () => {
    await render(
      mockInsightsApi({
        getDora: refusing('insights.metrics.read is required'),
      }),
    );
    await expectForbiddenPanel('insights.metrics.read is required');
    expect(screen.queryByTestId('dora-lead-time')).toBeNull();
  });
});
