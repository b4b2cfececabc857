import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { RoiScenarioSummary } from '@internal/plugin-roi-common';
import { RoiApi, roiApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { BusinessCaseCard } from './BusinessCaseCard';

const latest: RoiScenarioSummary = {
  id: 'a1',
  name: 'Board 2026',
  description: '',
  ownerRef: 'user:default/ada',
  sharedWithGroups: [],
  sharedByLink: false,
  version: 3,
  createdAt: '2026-10-01T09:00:00.000Z',
  updatedAt: '2026-11-20T09:00:00.000Z',
  updatedBy: 'user:default/ada',
  canEdit: true,
  currency: 'EUR',
  roiPercent: 30.77,
  paybackMonths: 9.18,
  netGain: 101550,
};

async function render(listScenarios: RoiApi['listScenarios']) {
  const api = { listScenarios: jest.fn(listScenarios) };
  await renderInTestApp(<BusinessCaseCard />, {
    apis: [[roiApiRef, api as unknown as RoiApi]],
    mountedRoutes: { '/roi': rootRouteRef },
  });
  return api;
}

describe('BusinessCaseCard', () => {
  it('shows progress while the business cases load', async () => {
    await render(() => new Promise(() => {}));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('invites to build a business case when none is saved', async () => {
    await render(async () => []);
    expect(
      await screen.findByText(/No business case saved yet\./),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the ROI calculator' }),
    ).toHaveAttribute('href', '/roi');
  });

  it('shows the latest business case: ROI, payback and net gain, with its report', async () => {
    const api = await render(async () => [latest]);
    expect(await screen.findByText('Board 2026')).toBeInTheDocument();
    expect(api.listScenarios).toHaveBeenCalledWith({ limit: 1 });
    expect(screen.getByLabelText('ROI')).toHaveTextContent('30.77%');
    expect(screen.getByLabelText('Payback')).toHaveTextContent('9.18 months');
    expect(screen.getByLabelText('Net gain')).toHaveTextContent('€101,550');
    expect(screen.getByRole('link', { name: 'Report' })).toHaveAttribute(
      'href',
      '/roi/report/a1',
    );
  });

  it('says the business cases could not be loaded, and why', async () => {
    await render(failing('database unavailable'));
    await expectErrorPanel('database unavailable');
    expect(screen.queryByText(/No business case saved yet/)).toBeNull();
  });

  it('tells a person without the permission that they may not see them', async () => {
    await render(refusing('roi.scenario.read is required'));
    await expectForbiddenPanel('roi.scenario.read is required');
    expect(screen.queryByText(/No business case saved yet/)).toBeNull();
  });
});
