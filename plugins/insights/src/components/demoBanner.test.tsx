import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  DEMO_MODES,
  demoBanners,
  loadingApi,
} from '@internal/plugin-portal-react/testUtils';
import { InsightsApi, insightsApiRef } from '../api';
import { EntityDeliveryContent } from './EntityDeliveryContent';
import { InsightsPage } from './InsightsPage';

const service = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};

describe.each(DEMO_MODES)('insights $mode', ({ config }) => {
  it('Insights page', async () => {
    await renderInTestApp(<InsightsPage />, {
      config,
      apis: [
        [insightsApiRef, loadingApi<InsightsApi>()],
        [catalogApiRef, catalogApiMock()],
      ],
    });
    await screen.findByText('Insights');
    const demo = 'portal' in config;
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });

  it("a service's Delivery tab", async () => {
    await renderInTestApp(
      <EntityProvider entity={service}>
        <EntityDeliveryContent />
      </EntityProvider>,
      { config, apis: [[insightsApiRef, loadingApi<InsightsApi>()]] },
    );
    await screen.findByText(/^Delivery, /);
    const demo = 'portal' in config;
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });
});
