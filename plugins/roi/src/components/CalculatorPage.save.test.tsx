import { configure, screen, waitFor, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { failing, refusing } from '@internal/plugin-portal-react/testUtils';
import { RoiScenario } from '@internal/plugin-roi-common';
import { RoiApi, roiApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { RoiPage } from './RoiPage';
import { EXAMPLE_INPUTS } from './useRoiForm';

const saved = (overrides: Partial<RoiScenario> = {}): RoiScenario => ({
  id: 'a1',
  name: 'Board 2026',
  description: '',
  inputs: EXAMPLE_INPUTS,
  ownerRef: 'user:default/ada',
  sharedWithGroups: [],
  sharedByLink: false,
  shareToken: null,
  version: 1,
  createdAt: '2026-10-01T09:00:00.000Z',
  updatedAt: '2026-10-01T09:00:00.000Z',
  updatedBy: 'user:default/ada',
  canEdit: true,
  ...overrides,
});

function fakeApi(overrides: Partial<RoiApi> = {}) {
  return {
    listScenarioPage: jest.fn(async () => ({ items: [] })),
    getScenario: jest.fn(async (id: string) => saved({ id })),
    createScenario: jest.fn(async body =>
      saved({ name: body.name, description: body.description ?? '' }),
    ),
    updateScenario: jest.fn(async (id: string, body) =>
      saved({ id, name: body.name, version: body.version + 1 }),
    ),
    listVersions: jest.fn(async () => []),
    ...overrides,
  } as jest.Mocked<
    Pick<
      RoiApi,
      | 'listScenarioPage'
      | 'getScenario'
      | 'createScenario'
      | 'updateScenario'
      | 'listVersions'
    >
  >;
}

async function render(api: ReturnType<typeof fakeApi>, path = '/roi') {
  const alertApi = mockApis.alert();
  await renderInTestApp(<RoiPage />, {
    apis: [
      [roiApiRef, api as unknown as RoiApi],
      [catalogApiRef, catalogApiMock()],
      alertApi,
    ],
    mountedRoutes: { '/roi': rootRouteRef },
    mountPath: '/roi/*',
    initialRouteEntries: [path],
  });
  return alertApi;
}

// typing without a pause between keys keeps the page tests within their time
const userEvent = userEventLib.setup({ delay: null });
// each step re-renders the whole page: room for a busy machine
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 5_000 });

/** Types a value in one go: each key would recompute every chart of the page. */
async function typeInto(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}

const nameField = () => screen.getByRole('textbox', { name: 'Scenario name' });
/** The description field, found by the label a person reads next to it. */
const descriptionField = () =>
  within(
    screen.getByText('Description', { selector: 'label' }).parentElement!,
  ).getByRole('textbox');

describe('the calculator page, saving a scenario', () => {
  it('saves a new scenario with its name and the inputs on screen, then shows it as saved', async () => {
    const api = fakeApi();
    const alerts = await render(api);
    const save = await screen.findByRole('button', { name: 'Save scenario' });
    expect(save).toBeDisabled();

    await typeInto(nameField(), '  Board 2026 ');
    await typeInto(descriptionField(), 'Year one');
    await userEvent.click(save);

    await waitFor(() => expect(api.createScenario).toHaveBeenCalledTimes(1));
    expect(api.createScenario).toHaveBeenCalledWith({
      name: 'Board 2026',
      description: 'Year one',
      inputs: EXAMPLE_INPUTS,
      sharedWithGroups: [],
      sharedByLink: false,
    });
    expect(api.updateScenario).not.toHaveBeenCalled();
    expect(await screen.findByText('Scenario: Board 2026')).toBeInTheDocument();
    expect(
      screen.getByText('Version 1, owned by user:default/ada'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Save new version' }),
    ).toBeEnabled();
    expect(alerts.getAlerts()).toContainEqual(
      expect.objectContaining({
        message: 'Saved “Board 2026” (version 1)',
        severity: 'success',
      }),
    );
    // the list of saved scenarios is asked again, to show the new one
    await waitFor(() => expect(api.listScenarioPage).toHaveBeenCalledTimes(2));
  });

  it('saves a changed input as a new version of the open scenario', async () => {
    const api = fakeApi({
      getScenario: jest.fn(async () => saved({ version: 3 })),
    });
    const alerts = await render(api, '/roi?scenario=a1');
    expect(await screen.findByText('Scenario: Board 2026')).toBeInTheDocument();
    expect(api.getScenario).toHaveBeenCalledWith('a1');

    const devCosts = screen.getByRole('textbox', { name: /^Developer/ });
    await userEvent.clear(devCosts);
    await typeInto(devCosts, '1800000');
    await userEvent.click(
      screen.getByRole('button', { name: 'Save new version' }),
    );

    await waitFor(() => expect(api.updateScenario).toHaveBeenCalledTimes(1));
    expect(api.updateScenario).toHaveBeenCalledWith('a1', {
      name: 'Board 2026',
      description: '',
      inputs: { ...EXAMPLE_INPUTS, devCosts: 1_800_000 },
      sharedWithGroups: [],
      sharedByLink: false,
      version: 3,
    });
    expect(api.createScenario).not.toHaveBeenCalled();
    await waitFor(() =>
      expect(alerts.getAlerts()).toContainEqual(
        expect.objectContaining({ message: 'Saved “Board 2026” (version 4)' }),
      ),
    );
  });

  it('keeps a scenario the person may only read, and saves a copy of it as a new one', async () => {
    const api = fakeApi({
      getScenario: jest.fn(async () =>
        saved({ canEdit: false, ownerRef: 'user:default/grace', version: 2 }),
      ),
    });
    await render(api, '/roi?scenario=a1');
    expect(
      await screen.findByText(
        'Version 2, owned by user:default/grace (read only: save a copy to change it)',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Save new version' }),
    ).toBeNull();

    await userEvent.click(
      screen.getByRole('button', { name: 'Save as a new scenario' }),
    );
    await waitFor(() => expect(api.createScenario).toHaveBeenCalledTimes(1));
    expect(api.createScenario).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Board 2026', inputs: EXAMPLE_INPUTS }),
    );
    expect(api.updateScenario).not.toHaveBeenCalled();
  });

  it.each([
    [
      'a fault',
      failing('database unavailable'),
      'Request failed with 500, database unavailable',
    ],
    [
      'a refusal (no permission to save)',
      refusing('roi.scenario.create is required'),
      'Request failed with 403, roi.scenario.create is required',
    ],
  ])(
    'says why the scenario could not be saved on %s, and keeps what was typed',
    async (_case, createScenario, message) => {
      const api = fakeApi({ createScenario: jest.fn(createScenario) });
      const alerts = await render(api);
      await typeInto(
        await screen.findByRole('textbox', { name: 'Scenario name' }),
        'Board 2026',
      );
      await userEvent.click(
        screen.getByRole('button', { name: 'Save scenario' }),
      );

      await waitFor(() =>
        expect(alerts.getAlerts()).toContainEqual({
          message,
          severity: 'error',
        }),
      );
      expect(screen.getByText('New scenario')).toBeInTheDocument();
      expect(screen.queryByText('Scenario: Board 2026')).toBeNull();
      expect(nameField()).toHaveValue('Board 2026');
      expect(
        screen.getByRole('button', { name: 'Save scenario' }),
      ).toBeEnabled();
    },
  );

  it('lists the versions of the open scenario with what changed, who and when', async () => {
    const api = fakeApi({
      getScenario: jest.fn(async () => saved({ version: 2 })),
      listVersions: jest.fn(async () => [
        {
          version: 2,
          name: 'Board 2026',
          description: '',
          inputs: { ...EXAMPLE_INPUTS, devCosts: 1_800_000 },
          changedBy: 'user:default/grace',
          changedAt: '2026-11-20T09:00:00.000Z',
          changes: [
            { field: 'inputs.devCosts', from: 1_500_000, to: 1_800_000 },
          ],
        },
        {
          version: 1,
          name: 'Board 2026',
          description: '',
          inputs: EXAMPLE_INPUTS,
          changedBy: 'user:default/ada',
          changedAt: '2026-10-01T09:00:00.000Z',
          changes: [],
        },
      ]),
    });
    await render(api, '/roi?scenario=a1');
    await userEvent.click(
      await screen.findByRole('button', { name: 'History' }),
    );

    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Versions of “Board 2026”'),
    ).toBeInTheDocument();
    expect(
      await within(dialog).findByText(
        /^Version 2 — .+ by user:default\/grace$/,
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('inputs.devCosts: 1500000 → 1800000'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/^Version 1 — .+ by user:default\/ada$/),
    ).toBeInTheDocument();
    expect(api.listVersions).toHaveBeenCalledWith('a1');
  });

  it('says why the versions could not be loaded', async () => {
    const api = fakeApi({
      listVersions: jest.fn(refusing('roi.scenario.read is required')),
    });
    await render(api, '/roi?scenario=a1');
    await userEvent.click(
      await screen.findByRole('button', { name: 'History' }),
    );
    expect(
      await within(await screen.findByRole('dialog')).findByText(
        'Request failed with 403, roi.scenario.read is required',
      ),
    ).toBeInTheDocument();
  });
});
