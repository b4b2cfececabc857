import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { ServiceOverview } from '@internal/plugin-service-overview-common';
import { ServiceOverviewApi, serviceOverviewApiRef } from '../api';
import { EntityServiceOverviewCard } from './EntityServiceOverviewCard';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'storefront-team' },
};

const overview: ServiceOverview = {
  entityRef: 'component:default/checkout',
  name: 'checkout',
  lifecycle: 'production',
  owner: {
    entityRef: 'group:default/storefront-team',
    title: 'Storefront Team',
    exists: true,
    onCall: 'user:default/ada',
    email: 'storefront@acme.example',
  },
  dashboards: [],
  runtime: {
    kubernetesId: 'checkout',
    namespace: 'shop',
    clusters: ['prod-eu'],
  },
  latestDeployment: {
    deployments: 14,
    windowDays: 30,
    latestWeekStart: '2026-11-23T00:00:00.000Z',
  },
};

async function render(getOverview: ServiceOverviewApi['getOverview']) {
  const api = { getOverview: jest.fn(getOverview) };
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityServiceOverviewCard />
    </EntityProvider>,
    { apis: [[serviceOverviewApiRef, api as unknown as ServiceOverviewApi]] },
  );
  return api;
}

describe('EntityServiceOverviewCard', () => {
  it('shows progress while the overview loads', async () => {
    await render(() => new Promise(() => {}));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('says what is missing for a component with nothing but a name', async () => {
    await render(async () => ({
      entityRef: 'component:default/checkout',
      name: 'checkout',
      dashboards: [],
      runtime: { clusters: [] },
    }));
    const card = await screen.findByRole('region', {
      name: 'Service overview',
    });
    expect(card).toHaveTextContent('Ownernone');
    expect(card).toHaveTextContent('On callnot set');
    expect(card).toHaveTextContent('Lifecycleunknown');
    expect(card).toHaveTextContent('Golden pathnot created from a golden path');
    expect(card).toHaveTextContent(
      'Runs onNot on Kubernetes (no backstage.io/kubernetes-id)',
    );
    expect(card).toHaveTextContent('Linksnone');
  });

  it('shows owner, on-call, runtime and the latest deployment', async () => {
    const api = await render(async () => overview);
    const card = await screen.findByRole('region', {
      name: 'Service overview',
    });
    expect(api.getOverview).toHaveBeenCalledWith('component:default/checkout');
    expect(screen.getByText('Storefront Team')).toBeInTheDocument();
    expect(screen.getByText('storefront@acme.example')).toBeInTheDocument();
    expect(card).toHaveTextContent('checkout in namespace shop on prod-eu');
    expect(card).toHaveTextContent(
      'week of 2026-11-23; 14 deployments in the last 30 days',
    );
  });

  it('says the overview could not be loaded, and why', async () => {
    await render(failing('insights did not answer'));
    await expectErrorPanel('insights did not answer');
    expect(
      screen.queryByRole('region', { name: 'Service overview' }),
    ).toBeNull();
  });

  it('tells a person without the permission that they may not see it', async () => {
    await render(refusing('catalog.entity.read is required'));
    await expectForbiddenPanel('catalog.entity.read is required');
    expect(
      screen.queryByRole('region', { name: 'Service overview' }),
    ).toBeNull();
  });
});
