import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  apiError,
  expectErrorPanel,
  expectForbiddenPanel,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { RoiScenario } from '@internal/plugin-roi-common';
import { RoiApi, roiApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { RoiPage } from './RoiPage';
import { EXAMPLE_INPUTS } from './useRoiForm';

const scenario: RoiScenario = {
  id: 'a1',
  name: 'Board 2026',
  description: 'The platform team, year one',
  inputs: EXAMPLE_INPUTS,
  ownerRef: 'user:default/ada',
  sharedWithGroups: [],
  sharedByLink: false,
  shareToken: null,
  version: 3,
  createdAt: '2026-10-01T09:00:00.000Z',
  updatedAt: '2026-11-20T09:00:00.000Z',
  updatedBy: 'user:default/ada',
  canEdit: true,
};

async function render(
  api: Partial<RoiApi>,
  path = '/roi/report/a1',
): Promise<void> {
  await renderInTestApp(<RoiPage />, {
    apis: [[roiApiRef, api as RoiApi]],
    mountedRoutes: { '/roi': rootRouteRef },
    mountPath: '/roi/*',
    initialRouteEntries: [path],
  });
}

describe('the business case report', () => {
  it('shows progress while the scenario loads', async () => {
    await render({ getScenario: () => new Promise(() => {}) });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the saved scenario with its figures', async () => {
    const getScenario = jest.fn(async () => scenario);
    await render({ getScenario });
    expect(
      await screen.findByText('Business case: Board 2026'),
    ).toBeInTheDocument();
    expect(getScenario).toHaveBeenCalledWith('a1');
    expect(screen.getByText('The platform team, year one')).toBeInTheDocument();
    // The example inputs: ROI 30.77%, payback 9.18 months (see RoiForm.test.tsx)
    expect(screen.getByTestId('roi-percent')).toHaveTextContent('30.77%');
    expect(screen.getByTestId('roi-payback')).toHaveTextContent('9.18 months');
  });

  it('opens a report shared by link through its token', async () => {
    const getSharedScenario = jest.fn(async () => ({
      ...scenario,
      canEdit: false,
    }));
    await render({ getSharedScenario }, '/roi/shared/t0k3n');
    expect(
      await screen.findByText('Business case: Board 2026'),
    ).toBeInTheDocument();
    expect(getSharedScenario).toHaveBeenCalledWith('t0k3n');
  });

  it('says a scenario that does not exist could not be loaded', async () => {
    await render({
      getScenario: async () => {
        throw apiError(404, 'NotFoundError', 'no scenario a1');
      },
    });
    await expectErrorPanel('no scenario a1');
    expect(screen.getByText('Business case')).toBeInTheDocument();
  });

  it('tells a person the scenario is not shared with that they may not see it', async () => {
    await render({
      getScenario: refusing('roi.scenario.read is required'),
    });
    await expectForbiddenPanel('roi.scenario.read is required');
    expect(screen.queryByText(/Business case: /)).toBeNull();
  });
});
