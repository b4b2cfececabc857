import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  DEMO_MODES,
  demoBanners,
  loadingApi,
} from '@internal/plugin-portal-react/testUtils';
import { ServiceOverviewApi, serviceOverviewApiRef } from '../api';
import { CoveragePage } from './CoveragePage';
import { EntityServiceOverviewCard } from './EntityServiceOverviewCard';
import { ServicesPage } from './ServicesPage';

const service = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};

describe.each(DEMO_MODES)('the service overview $mode', ({ config }) => {
  const apis = [
    [serviceOverviewApiRef, loadingApi<ServiceOverviewApi>()],
  ] as const;

  it.each([
    ['Services page', <ServicesPage />, 'Services'],
    [
      '"Not in the catalog yet" page',
      <CoveragePage />,
      'Not in the catalog yet',
    ],
  ])('%s', async (_name, page, title) => {
    await renderInTestApp(page, { config, apis });
    await screen.findByRole('heading', { name: title });
    const demo = 'portal' in config;
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });

  it("a service's overview card", async () => {
    await renderInTestApp(
      <EntityProvider entity={service}>
        <EntityServiceOverviewCard />
      </EntityProvider>,
      { config, apis },
    );
    await screen.findByText('Service overview');
    const demo = 'portal' in config;
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });
});
