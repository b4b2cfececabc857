import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  expectErrorPanel,
  failing,
} from '@internal/plugin-portal-react/testUtils';
import { CostsApi, costsApiRef } from '../api';
import { CostsPage } from './CostsPage';
import { fakeCostsApi, notConnected, overview } from './__testUtils__/fixtures';

async function render(api: CostsApi) {
  await renderInTestApp(<CostsPage />, { apis: [[costsApiRef, api]] });
}

describe('CostsPage', () => {
  it("shows the organisation's total, its days, the teams and the idle quota", async () => {
    const api = fakeCostsApi();
    await render(api);
    expect(await screen.findByLabelText('Total cost')).toHaveTextContent(
      '€3.13',
    );
    expect(
      screen.getByText('CPU €2.40 · memory €0.60 · storage €0.13'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Collected on 2 of the 30 days'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Cost per day' }),
    ).toBeInTheDocument();

    const teams = screen.getByRole('table', { name: 'Cost by team' });
    const rows = within(teams).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('payments-team2€2.20€0.50€0.13€2.83');
    expect(rows[2]).toHaveTextContent(
      'No owner (workloads no component claims)0€0.20€0.10€0.00€0.30',
    );

    const idle = screen.getByRole('table', { name: 'Idle quota by namespace' });
    // 0.664375 shown to a tenth of a percent
    expect(within(idle).getAllByRole('row')[1]).toHaveTextContent(
      'eu-1payments€9.60€6.3866.4%',
    );
    expect(api.getOverview).toHaveBeenCalledWith({
      from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it('asks again for the window a person picks', async () => {
    const api = fakeCostsApi();
    await render(api);
    await screen.findByLabelText('Total cost');
    await userEvent.click(screen.getByRole('button', { name: 'Last 90 days' }));
    await waitFor(() => expect(api.getOverview).toHaveBeenCalledTimes(2));
    const [{ from, to }] = (api.getOverview as jest.Mock).mock.calls[1];
    expect(
      (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) /
        86_400_000,
    ).toBe(90);
  });

  it('says in words that no cluster is connected, and shows no figure', async () => {
    await render(
      fakeCostsApi({
        getOverview: async () => ({
          ...overview,
          connection: notConnected,
          coverage: { daysWithData: 0, daysInWindow: 30 },
          total: null,
          daily: [],
          teams: [],
          namespaces: [],
        }),
      }),
    );
    expect(await screen.findByText(notConnected.message!)).toBeInTheDocument();
    expect(screen.queryByLabelText('Total cost')).not.toBeInTheDocument();
    expect(screen.queryByText(/€0\.00/)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Cost by team' }),
    ).not.toBeInTheDocument();
  });

  it('shows why the costs could not be loaded', async () => {
    await render(
      fakeCostsApi({ getOverview: failing('the database is away') }),
    );
    expect(await expectErrorPanel('the database is away')).toBeVisible();
  });
});
