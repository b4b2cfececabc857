import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { HygieneCheck } from '@internal/plugin-service-overview-common';
import { ServiceOverviewApi, serviceOverviewApiRef } from '../api';
import { HygieneTable } from './HygieneTable';

const summary = { ownerMissing: 2, noDocs: 0, noSystem: 1, orphaned: 0 };

async function render(api: Partial<ServiceOverviewApi>) {
  const mock = {
    getHygieneSummary: jest.fn(async () => summary),
    getHygiene: jest.fn(async (check: HygieneCheck, cursor?: string) =>
      check !== 'ownerMissing'
        ? { check, items: [], totalItems: 0 }
        : {
            check,
            items: [
              {
                entityRef: `component:default/${
                  cursor ? 'legacy-batch' : 'checkout'
                }`,
                kind: 'Component',
                name: cursor ? 'legacy-batch' : 'checkout',
                owner: 'group:default/gone-team',
              },
            ],
            totalItems: 2,
            ...(cursor ? { prevCursor: 'p1' } : { nextCursor: 'c2' }),
          },
    ),
    ...api,
  };
  await renderInTestApp(<HygieneTable />, {
    apis: [[serviceOverviewApiRef, mock as unknown as ServiceOverviewApi]],
  });
  return mock;
}

describe('HygieneTable', () => {
  it('shows progress while the problems load', async () => {
    await render({ getHygiene: () => new Promise(() => {}) });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('says there is nothing to fix for a check without problems', async () => {
    const user = userEvent.setup();
    await render({});
    await user.click(await screen.findByRole('tab', { name: 'No docs (0)' }));
    expect(await screen.findByText('Nothing to fix here.')).toBeInTheDocument();
  });

  it('counts the problems per check and pages through them with the cursor', async () => {
    const user = userEvent.setup();
    const api = await render({});
    expect(
      await screen.findByRole('tab', { name: 'Owner missing (2)' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('checkout')).toBeInTheDocument();
    expect(screen.getByText('group:default/gone-team')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('legacy-batch')).toBeInTheDocument();
    expect(api.getHygiene).toHaveBeenLastCalledWith('ownerMissing', 'c2');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('says the problems could not be loaded, and why', async () => {
    await render({
      getHygieneSummary: failing('catalog unavailable'),
    });
    await expectErrorPanel('catalog unavailable');
    expect(screen.queryByRole('tab')).toBeNull();
  });

  it('tells a person without the permission that they may not see them', async () => {
    await render({
      getHygieneSummary: refusing('catalog.entity.read is required'),
    });
    await expectForbiddenPanel('catalog.entity.read is required');
    expect(screen.queryByRole('tab')).toBeNull();
  });
});
