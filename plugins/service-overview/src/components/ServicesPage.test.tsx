import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import {
  ServiceSummary,
  ServicesPage as ServicesPageData,
} from '@internal/plugin-service-overview-common';
import { ServiceOverviewApi, serviceOverviewApiRef } from '../api';
import { ServicesPage } from './ServicesPage';

const checkout: ServiceSummary = {
  entityRef: 'component:default/checkout',
  name: 'checkout',
  title: 'Checkout',
  lifecycle: 'production',
  system: 'system:default/storefront',
  owner: {
    entityRef: 'group:default/storefront-team',
    title: 'Storefront Team',
    exists: true,
    onCall: 'user:default/ada',
  },
  goldenPath: { template: 'node-service', version: 'v3' },
  repository: { title: 'Repository', url: 'https://github.com/acme/checkout' },
  dashboards: [],
};

function api(listServices: ServiceOverviewApi['listServices']) {
  return {
    listServices: jest.fn(listServices),
    getFacets: jest.fn(async () => ({
      owner: [{ value: 'group:default/storefront-team', count: 1 }],
      system: [],
      lifecycle: [],
      goldenPath: [],
    })),
  } as unknown as ServiceOverviewApi & {
    listServices: jest.Mock;
  };
}

const render = (mock: ServiceOverviewApi) =>
  renderInTestApp(<ServicesPage />, {
    apis: [[serviceOverviewApiRef, mock]],
  });

describe('ServicesPage', () => {
  it('shows progress while the services load', async () => {
    await render(api(() => new Promise<ServicesPageData>(() => {})));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('says there is no service when the catalog has none', async () => {
    await render(api(async () => ({ items: [], totalItems: 0 })));
    expect(await screen.findByText('0 services')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('lists each service with its owner, on-call, system, lifecycle and golden path', async () => {
    await render(api(async () => ({ items: [checkout], totalItems: 1 })));
    const row = (await screen.findByRole('link', { name: 'Checkout' })).closest(
      'tr',
    )!;
    expect(screen.getByText('1 services')).toBeInTheDocument();
    expect(within(row).getByText('Storefront Team')).toBeInTheDocument();
    expect(within(row).getByText('ada')).toBeInTheDocument();
    expect(within(row).getByText('storefront')).toBeInTheDocument();
    expect(within(row).getByText('production')).toBeInTheDocument();
    expect(within(row).getByText('node-service v3')).toBeInTheDocument();
    expect(within(row).getByText('Repository').closest('a')).toHaveAttribute(
      'href',
      'https://github.com/acme/checkout',
    );
  });

  it('follows the cursor the backend gave to the next page', async () => {
    const user = userEvent.setup();
    const mock = api(async request =>
      'cursor' in request
        ? {
            items: [
              {
                ...checkout,
                title: 'Payments',
                entityRef: 'component:default/payments',
              },
            ],
            totalItems: 2,
            prevCursor: 'p1',
          }
        : { items: [checkout], totalItems: 2, nextCursor: 'c2' },
    );
    await render(mock);
    await screen.findByRole('link', { name: 'Checkout' });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(
      await screen.findByRole('link', { name: 'Payments' }),
    ).toBeInTheDocument();
    expect(mock.listServices).toHaveBeenLastCalledWith({
      cursor: 'c2',
      limit: 20,
    });
    expect(screen.getByRole('button', { name: 'Previous' })).toBeEnabled();
  });

  it('says the services could not be loaded, and why', async () => {
    await render(api(failing('catalog unavailable')));
    await expectErrorPanel('catalog unavailable');
    expect(screen.queryByText(/services$/)).toBeNull();
  });

  it('tells a person without the permission that they may not see the services', async () => {
    await render(api(refusing('catalog.entity.read is required')));
    await expectForbiddenPanel('catalog.entity.read is required');
    expect(screen.queryByText(/services$/)).toBeNull();
  });
});
