import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { RoiApi, roiApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { CalculatorPage } from './CalculatorPage';

async function render(listScenarioPage: RoiApi['listScenarioPage']) {
  await renderInTestApp(<CalculatorPage />, {
    apis: [
      [roiApiRef, { listScenarioPage } as unknown as RoiApi],
      [catalogApiRef, catalogApiMock()],
    ],
    mountedRoutes: { '/roi': rootRouteRef },
  });
}

describe('the calculator page, its saved scenarios', () => {
  it('computes the example while the saved scenarios load', async () => {
    await render(() => new Promise(() => {}));
    // The example inputs: ROI 30.77%, payback 9.18 months (see RoiForm.test.tsx)
    expect(await screen.findByTestId('roi-percent')).toHaveTextContent(
      '30.77%',
    );
    expect(await screen.findByText('Saved scenarios')).toBeInTheDocument();
  });

  it('invites to save the first scenario when there is none', async () => {
    await render(async () => ({ items: [] }));
    expect(
      await screen.findByText(
        'No saved scenario yet: give this one a name and save it.',
      ),
    ).toBeInTheDocument();
  });

  it('lists the saved scenarios with their figures', async () => {
    await render(async () => ({
      items: [
        {
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
        },
      ],
    }));
    expect(await screen.findByText('Board 2026')).toBeInTheDocument();
    expect(screen.getAllByText('30.77%').length).toBeGreaterThan(1);
    // one page only: no pager
    expect(
      screen.queryByRole('navigation', { name: 'Saved scenarios pages' }),
    ).toBeNull();
  });

  it('pages the saved scenarios with the shared pager, 20 at a time', async () => {
    const summary = (n: number) => ({
      id: `id-${n}`,
      name: `Case ${n}`,
      description: '',
      ownerRef: 'user:default/ada',
      sharedWithGroups: [],
      sharedByLink: false,
      version: 1,
      createdAt: '2026-10-01T09:00:00.000Z',
      updatedAt: '2026-11-20T09:00:00.000Z',
      updatedBy: 'user:default/ada',
      canEdit: true,
      currency: 'EUR',
      roiPercent: 30.77,
      paybackMonths: 9.18,
      netGain: 101550,
    });
    const pages: Record<
      string,
      Awaited<ReturnType<RoiApi['listScenarioPage']>>
    > = {
      first: { items: [summary(1)], nextCursor: 'after-1' },
      'after-1': { items: [summary(2)], prevCursor: 'before-2' },
    };
    const listScenarioPage = jest.fn(
      async ({ cursor }: { limit?: number; cursor?: string }) =>
        pages[cursor ?? 'first'],
    );
    await render(listScenarioPage);
    expect(await screen.findByText('Case 1')).toBeInTheDocument();
    expect(listScenarioPage).toHaveBeenLastCalledWith({
      limit: 20,
      cursor: undefined,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Case 2')).toBeInTheDocument();
    expect(screen.queryByText('Case 1')).toBeNull();
    expect(listScenarioPage).toHaveBeenLastCalledWith({
      limit: 20,
      cursor: 'after-1',
    });
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('says the saved scenarios could not be loaded, and why, and keeps the calculator', async () => {
    await render(failing('database unavailable'));
    await expectErrorPanel(
      'database unavailable',
      'Could not load the saved scenarios',
    );
    expect(screen.getByTestId('roi-percent')).toHaveTextContent('30.77%');
  });

  it('tells a person without the permission that they may not see them', async () => {
    await render(refusing('roi.scenario.read is required'));
    await expectForbiddenPanel('roi.scenario.read is required');
    expect(screen.queryByText('Saved scenarios')).toBeNull();
  });
});
