import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  RoiScenarioSummary,
  SEED_EXAMPLE_INPUTS,
} from '@internal/plugin-roi-common';
import {
  Baseline,
  buildQuarterReport,
  DoraMeasure,
  ScopeBaseline,
} from '@internal/plugin-value-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ValuePageApi, valueApiRef } from '../api';
import { adoptionFromForm } from './AdoptBaselineDialog';
import { ValuePage } from './ValuePage';

const PAYMENTS = 'group:default/payments-team';

const baseline: Baseline = {
  id: 'b1',
  scope: PAYMENTS,
  scenarioId: '7f0c3a1e-2b4d-4c5e-8f6a-9b0c1d2e3f40',
  scenarioName: 'Payments platform case',
  scenarioVersion: 2,
  currency: 'EUR',
  inputs: {
    ...SEED_EXAMPLE_INPUTS,
    periodMonths: 12,
    currency: 'EUR',
    rampUpMonths: 6,
    recurringYearlyCosts: 0,
  },
  startDate: '2026-01-01',
  costPerIncident: 115000,
  adoptedBy: 'user:default/elena.rossi',
  adoptedAt: '2026-01-02T09:00:00.000Z',
  quartersStarted: 2,
};

const dora = (value: Partial<DoraMeasure>) => ({
  ok: true as const,
  value: {
    repositories: 4,
    incidentsRestored: 0,
    changes: 100,
    medianLeadTimeHours: null,
    medianTimeToRestoreHours: null,
    ...value,
  },
});

/** Quarter `index` as the backend computes it: 23 incidents in the 92 days before, 9 after. */
const reportOf = (index: number) =>
  buildQuarterReport({
    baseline,
    index,
    now: new Date('2026-05-16T00:00:00Z'),
    measurements: {
      doraBefore: dora({ incidentsRestored: 23, medianLeadTimeHours: 48 }),
      doraQuarter: dora({ incidentsRestored: 9, medianLeadTimeHours: 30 }),
      doraSinceStart: dora({ incidentsRestored: 9 }),
      timeShareBefore: { ok: false, reason: 'The survey does not ask yet' },
      timeShareQuarters: [],
      costBefore: { ok: false, reason: 'No cluster connected' },
      costQuarters: [],
    },
  });

const scenario = {
  id: baseline.scenarioId,
  name: 'Payments platform case',
  version: 2,
  roiPercent: 28.18,
} as RoiScenarioSummary;

async function render(
  current: ScopeBaseline,
  overrides: Partial<ValuePageApi> = {},
) {
  const api = {
    getBaseline: jest.fn(async (scope: string) => ({ ...current, scope })),
    getReport: jest.fn(async (_: string, quarter: number) => reportOf(quarter)),
    adoptBaseline: jest.fn(async () => baseline),
    listScenarios: jest.fn(async () => [scenario]),
    ...overrides,
  };
  await renderInTestApp(<ValuePage />, {
    apis: [
      [valueApiRef, api as unknown as ValuePageApi],
      [
        catalogApiRef,
        catalogApiMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'payments-team', namespace: 'default' },
              spec: { type: 'team', children: [] },
            },
          ],
        }),
      ],
    ],
  });
  return api;
}

describe('ValuePage', () => {
  it('lets a team member adopt a saved scenario as the team’s baseline', async () => {
    let current: ScopeBaseline = {
      scope: PAYMENTS,
      baseline: null,
      history: [],
      canAdopt: true,
    };
    const api = await render(current, {
      getBaseline: jest.fn(async () => current),
      adoptBaseline: jest.fn(async () => {
        current = { ...current, baseline };
        return baseline;
      }),
    });
    await userEvent.selectOptions(
      await screen.findByLabelText('Scope'),
      await screen.findByRole('option', { name: 'payments-team' }),
    );
    expect(
      await screen.findByText(/No business case adopted for payments-team yet/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Adopt a business case' }),
    );
    expect(
      await screen.findByRole('option', {
        name: 'Payments platform case (version 2, ROI 28.18%)',
      }),
    ).toBeInTheDocument();
    const start = screen.getByLabelText('Start date');
    await userEvent.clear(start);
    await userEvent.type(start, '2026-01-01');
    await userEvent.click(screen.getByRole('button', { name: 'Adopt' }));
    await waitFor(() =>
      expect(api.adoptBaseline).toHaveBeenCalledWith({
        scope: PAYMENTS,
        scenarioId: baseline.scenarioId,
        startDate: '2026-01-01',
        costPerIncident: 115000,
      }),
    );
    expect(
      await screen.findByText(
        '“Payments platform case” is the baseline of payments-team from 2026-01-01.',
      ),
    ).toBeInTheDocument();
    // the latest quarter opens: quarter 2, with its figures
    await waitFor(() =>
      expect(api.getReport).toHaveBeenCalledWith(PAYMENTS, 2),
    );
  });

  it('shows a quarter’s expected figures beside the actuals, with source and coverage', async () => {
    const api = await render({
      scope: 'organisation',
      baseline: { ...baseline, scope: 'organisation' },
      history: [],
      canAdopt: false,
    });
    expect(
      await screen.findByText('Quarter 2: 2026-04-01 to 2026-07-01'),
    ).toBeInTheDocument();
    // quarter 2 half measured on 16 May (45 of 91 days): the incidents line
    const incidents = within(await screen.findByTestId('figure-incidents'));
    expect(incidents.getByText('Incident cost reduction')).toBeInTheDocument();
    expect(
      incidents.getByText(/23 incidents in 92 days before, 9 in 45 days after/),
    ).toBeInTheDocument();
    expect(incidents.getByText(/Coverage: 45 of 91 days/)).toBeInTheDocument();
    expect(
      incidents.getByText(/Each incident costs €115,000/),
    ).toBeInTheDocument();
    // a line without data says why and shows no number
    const infrastructure = within(screen.getByTestId('figure-infrastructure'));
    expect(
      infrastructure.getByText('No number: No cluster connected'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Realised ROI/)).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Adopt/ }),
    ).not.toBeInTheDocument();

    // the previous quarter
    await userEvent.selectOptions(
      screen.getByLabelText('Quarter'),
      'Quarter 1: 2026-01-01 to 2026-04-01',
    );
    await waitFor(() =>
      expect(api.getReport).toHaveBeenLastCalledWith('organisation', 1),
    );
    expect(
      await screen.findByText('Quarter 1: 2026-01-01 to 2026-04-01', {
        selector: 'span, h1, h2, h3, h4, p, div',
      }),
    ).toBeInTheDocument();
  });

  it('tells a member who may not adopt the organisation’s case who can', async () => {
    await render({
      scope: 'organisation',
      baseline: null,
      history: [],
      canAdopt: false,
    });
    expect(
      await screen.findByText(/platform admins, for the organisation/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Adopt a business case' }),
    ).not.toBeInTheDocument();
  });

  it('shows the backend’s refusal of an adoption in the dialog', async () => {
    await render(
      { scope: 'organisation', baseline: null, history: [], canAdopt: true },
      {
        adoptBaseline: jest.fn(async () => {
          throw new Error('scenarioId: you may not read the ROI scenario');
        }),
      },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Adopt a business case' }),
    );
    await screen.findByRole('option', { name: /Payments platform case/ });
    await userEvent.click(screen.getByRole('button', { name: 'Adopt' }));
    expect(
      await screen.findByText('scenarioId: you may not read the ROI scenario'),
    ).toBeInTheDocument();
  });
});

describe('the adoption form', () => {
  const form = {
    scope: PAYMENTS,
    scenarioId: 's1',
    startDate: '2026-01-01',
    costPerIncident: '115,000',
  };
  it.each([
    [{}, { request: { ...form, costPerIncident: 115000 } }],
    [{ scenarioId: '' }, { problem: 'Choose a saved scenario.' }],
    [
      { startDate: '2026-02-30' },
      { problem: 'Start date: a date that exists, as YYYY-MM-DD.' },
    ],
    [
      { costPerIncident: '0' },
      { problem: 'Cost per incident: an amount above 0.' },
    ],
    [
      { costPerIncident: 'abc' },
      { problem: 'Cost per incident: an amount above 0.' },
    ],
  ])('%p gives %p', (change, expected) => {
    expect(adoptionFromForm({ ...form, ...change })).toEqual(expected);
  });
});
