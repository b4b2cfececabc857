import { configure, screen, waitFor, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  captureDownloads,
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import {
  RoiInputs,
  RoiScenario,
  RoiScenarioSummary,
  SEED_EXAMPLE_INPUTS,
  SEED_EXAMPLE_RESULT,
  validateRoiInputs,
} from '@internal/plugin-roi-common';
import { RoiApi, roiApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { CalculatorPage } from './CalculatorPage';
import { EXAMPLE_INPUTS } from './useRoiForm';

const userEvent = userEventLib.setup({ delay: null });
// each step re-renders the whole page: room for a busy machine
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 5_000 });

const seedInputs = (() => {
  const r = validateRoiInputs(SEED_EXAMPLE_INPUTS);
  if (!r.ok) throw new Error('the seed example must be valid');
  return r.inputs;
})();

const scenario = (
  id: string,
  name: string,
  inputs: RoiInputs,
  version: number,
): RoiScenario => ({
  id,
  name,
  description: '',
  inputs,
  ownerRef: 'user:default/ada',
  sharedWithGroups: [],
  sharedByLink: false,
  shareToken: null,
  version,
  createdAt: '2026-10-01T09:00:00.000Z',
  updatedAt: '2026-11-20T09:00:00.000Z',
  updatedBy: 'user:default/ada',
  canEdit: true,
});

/** Two saved scenarios: the seed's example and the calculator's own example. */
const scenarios: Record<string, RoiScenario> = {
  s1: scenario('s1', 'Seed example', seedInputs, 2),
  s2: scenario('s2', 'Board 2026', EXAMPLE_INPUTS, 5),
  s3: scenario('s3', 'Lean start', { ...EXAMPLE_INPUTS, devCosts: 0 }, 1),
  s4: scenario('s4', 'Big bang', { ...EXAMPLE_INPUTS, trainingCosts: 1 }, 1),
};

const summary = ({ inputs, shareToken, ...s }: RoiScenario) =>
  ({
    ...s,
    currency: inputs.currency,
    roiPercent: 0,
    paybackMonths: null,
    netGain: 0,
  } satisfies RoiScenarioSummary);

function fakeApi(overrides: Partial<RoiApi> = {}) {
  return {
    listScenarioPage: jest.fn(async () => ({
      items: Object.values(scenarios).map(summary),
    })),
    getScenario: jest.fn(async (id: string) => scenarios[id]),
    exportCsv: jest.fn(async (id: string) => ({
      filename: `${id}.csv`,
      blob: new Blob([`field,value\r\nname,${scenarios[id].name}\r\n`], {
        type: 'text/csv;charset=utf-8',
      }),
    })),
    ...overrides,
  } as jest.Mocked<
    Pick<RoiApi, 'listScenarioPage' | 'getScenario' | 'exportCsv'>
  >;
}

async function render(api: ReturnType<typeof fakeApi>) {
  const alertApi = mockApis.alert();
  await renderInTestApp(<CalculatorPage />, {
    apis: [
      [roiApiRef, api as unknown as RoiApi],
      [catalogApiRef, catalogApiMock()],
      alertApi,
    ],
    mountedRoutes: { '/roi': rootRouteRef },
  });
  await screen.findByText('Seed example');
  return alertApi;
}

const compareBox = (name: string) =>
  screen.getByRole('checkbox', { name: `Compare ${name}` });

const compareTable = () =>
  screen.getByRole('table', { name: 'compare scenarios' });

/** The columns' headings: the scenarios compared, with their versions. */
const comparedScenarios = () =>
  within(compareTable())
    .getAllByRole('columnheader')
    .map(h => h.textContent)
    .slice(1);

/** A row of the comparison by its label: the value for each scenario compared. */
function compared(label: string): string[] {
  const row = within(compareTable())
    .getAllByRole('row')
    .find(r => within(r).queryAllByRole('cell')[0]?.textContent === label);
  if (!row) throw new Error(`no row "${label}" in the comparison`);
  return within(row)
    .getAllByRole('cell')
    .slice(1)
    .map(cell => cell.textContent ?? '');
}

describe('the calculator page, comparing saved scenarios', () => {
  it('shows the scenarios ticked side by side, with their inputs and results', async () => {
    const api = fakeApi();
    await render(api);
    expect(
      screen.queryByRole('table', { name: 'compare scenarios' }),
    ).toBeNull();

    await userEvent.click(compareBox('Seed example'));
    await userEvent.click(compareBox('Board 2026'));

    await screen.findByRole('table', { name: 'compare scenarios' });
    expect(comparedScenarios()).toEqual([
      'Seed example (v2)',
      'Board 2026 (v5)',
    ]);
    expect(api.getScenario).toHaveBeenCalledWith('s1');
    expect(api.getScenario).toHaveBeenCalledWith('s2');
    // the seed's example as worked out by hand, the calculator's example as RoiForm.test.tsx
    expect(compared('ROI')).toEqual([
      `${SEED_EXAMPLE_RESULT.roiPercent}%`,
      '30.77%',
    ]);
    expect(compared('Payback')).toEqual([
      `${SEED_EXAMPLE_RESULT.paybackMonths} months`,
      '9.18 months',
    ]);
    expect(compared('Net gain')).toEqual(['€78,900', '€101,550']);
    expect(compared('Investment')).toEqual(['€280,000', '€330,000']);
    expect(compared('Developer and Ops costs')).toEqual([
      '€1,000,000',
      '€1,500,000',
    ]);
  });

  it('takes a scenario out when it is unticked, and at most three at once', async () => {
    await render(fakeApi());
    await userEvent.click(compareBox('Seed example'));
    await userEvent.click(compareBox('Board 2026'));
    await userEvent.click(compareBox('Lean start'));
    await waitFor(() =>
      expect(comparedScenarios()).toEqual([
        'Seed example (v2)',
        'Board 2026 (v5)',
        'Lean start (v1)',
      ]),
    );
    expect(compareBox('Big bang')).toBeDisabled();

    await userEvent.click(compareBox('Board 2026'));
    await waitFor(() =>
      expect(comparedScenarios()).toEqual([
        'Seed example (v2)',
        'Lean start (v1)',
      ]),
    );
    expect(compareBox('Big bang')).toBeEnabled();

    await userEvent.click(compareBox('Seed example'));
    await userEvent.click(compareBox('Lean start'));
    await waitFor(() =>
      expect(
        screen.queryByRole('table', { name: 'compare scenarios' }),
      ).toBeNull(),
    );
  });

  it('says a scenario to compare could not be loaded, and why', async () => {
    await render(
      fakeApi({
        getScenario: failing('database unavailable'),
      }),
    );
    await userEvent.click(compareBox('Board 2026'));
    await expectErrorPanel('database unavailable');
    expect(
      screen.queryByRole('table', { name: 'compare scenarios' }),
    ).toBeNull();
  });

  it('tells a person who may not read a scenario that they may not see it', async () => {
    await render(
      fakeApi({
        getScenario: refusing('roi.scenario.read is required'),
      }),
    );
    await userEvent.click(compareBox('Board 2026'));
    await expectForbiddenPanel('roi.scenario.read is required');
    expect(
      screen.queryByRole('table', { name: 'compare scenarios' }),
    ).toBeNull();
  });
});

describe('the calculator page, exporting a saved scenario', () => {
  let capture: ReturnType<typeof captureDownloads>;
  beforeEach(() => {
    capture = captureDownloads();
  });
  afterEach(() => capture.restore());

  it("downloads the backend's CSV of the scenario under its file name", async () => {
    const api = fakeApi();
    await render(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Export CSV of Board 2026' }),
    );
    await waitFor(() => expect(capture.downloads).toHaveLength(1));
    expect(api.exportCsv).toHaveBeenCalledWith('s2');
    const [file] = capture.downloads;
    expect(file.filename).toBe('s2.csv');
    expect(file.type).toBe('text/csv;charset=utf-8');
    expect(await file.text()).toBe('field,value\r\nname,Board 2026\r\n');
  });

  it('says why the export failed, and downloads nothing', async () => {
    const alerts = await render(
      fakeApi({
        exportCsv: refusing('roi.scenario.read is required'),
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Export CSV of Board 2026' }),
    );
    await waitFor(() =>
      expect(alerts.getAlerts()).toContainEqual({
        message: 'Request failed with 403, roi.scenario.read is required',
        severity: 'error',
      }),
    );
    expect(capture.downloads).toEqual([]);
  });
});
