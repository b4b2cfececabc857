import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { CostsApi, costsApiRef } from '../api';
import { EntityCostsContent } from './EntityCostsContent';
import { GroupCostsContent } from './GroupCostsContent';
import {
  connected,
  entityCosts,
  fakeCostsApi,
  notConnected,
  teamCosts,
} from './__testUtils__/fixtures';

const checkout = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};

const paymentsTeam = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

async function render(entity: object, content: JSX.Element, api: CostsApi) {
  await renderInTestApp(
    <EntityProvider entity={entity as any}>{content}</EntityProvider>,
    { apis: [[costsApiRef, api]] },
  );
}

describe("a service's Costs tab", () => {
  it('shows its total and each workload with where its price came from', async () => {
    const api = fakeCostsApi();
    await render(checkout, <EntityCostsContent />, api);
    expect(await screen.findByLabelText('Total cost')).toHaveTextContent(
      '€1.80',
    );
    expect(api.getEntityCosts).toHaveBeenCalledWith(
      'component:default/checkout',
      expect.objectContaining({ from: expect.any(String) }),
    );
    const table = screen.getByRole('table', { name: 'Cost by workload' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(
      'Deployment checkouteu-1 / paymentsrequests at unit prices2€1.80',
    );
  });

  it('says no cost was recorded for a service no workload is labelled for, without a 0', async () => {
    await render(
      checkout,
      <EntityCostsContent />,
      fakeCostsApi({
        getEntityCosts: async () => ({
          ...entityCosts,
          connection: connected,
          total: null,
          daily: [],
          workloads: [],
        }),
      }),
    );
    expect(
      await screen.findByText(
        'No cost recorded for this service in this window: no workload labelled for it was found on eu-1.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/€/)).not.toBeInTheDocument();
  });
});

describe("a team's Costs tab", () => {
  it('shows the services the team owns, most expensive first', async () => {
    const api = fakeCostsApi();
    await render(paymentsTeam, <GroupCostsContent />, api);
    expect(
      await screen.findByText('Cost of the services payments-team owns'),
    ).toBeInTheDocument();
    expect(api.getTeamCosts).toHaveBeenCalledWith(
      'group:default/payments-team',
      expect.objectContaining({ to: expect.any(String) }),
    );
    const rows = within(
      screen.getByRole('table', { name: 'Cost by service' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('checkout€1.44€0.36€0.00€1.80');
    expect(rows[2]).toHaveTextContent('payments-ledger€0.76€0.14€0.13€1.03');
  });

  it('says that no cluster is connected', async () => {
    await render(
      paymentsTeam,
      <GroupCostsContent />,
      fakeCostsApi({
        getTeamCosts: async () => ({
          ...teamCosts,
          connection: notConnected,
          total: null,
          daily: [],
          services: [],
        }),
      }),
    );
    expect(await screen.findByText(notConnected.message!)).toBeInTheDocument();
  });
});
