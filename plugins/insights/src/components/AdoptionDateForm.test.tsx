import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { insightsApiRef } from '../api';
import { cohortComparison } from '../testing/cohortFixtures';
import { mockInsightsApi } from '../testing/fixtures';
import { CohortComparisonSection } from './CohortComparison';

configure({ asyncUtilTimeout: 5_000 });

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

/** A permission API answering `result` to every question, as the portal's policy would. */
const permissionAnswering = (result: 'ALLOW' | 'DENY') =>
  mockApis.permission.mock({
    authorize: async () => ({ result } as unknown as Decision),
  });

const STOREFRONT = 'group:default/storefront-team';
const LEGACY = 'group:default/legacy-team';

const render = (
  api: ReturnType<typeof mockInsightsApi>,
  result: 'ALLOW' | 'DENY',
) =>
  renderInTestApp(<CohortComparisonSection to="2026-10-01" />, {
    apis: [
      [insightsApiRef, api],
      [permissionApiRef, permissionAnswering(result)],
    ],
  });

const form = async () =>
  within(await screen.findByRole('region', { name: 'Team adoption date' }));

describe('the adoption date form, for a platform admin', () => {
  it('sets a team’s date, shows the progress, the saved date, and reloads the comparison', async () => {
    let finish: () => void = () => {};
    const api = mockInsightsApi({
      setTeamAdoptionDate: jest.fn(
        (team: string, adoptedAt: string) =>
          new Promise(resolve => {
            finish = () =>
              resolve({
                team,
                adoptedAt: `${adoptedAt}T00:00:00.000Z`,
                setBy: 'user:default/amelie.durand',
                setAt: '2026-12-03T10:00:00.000Z',
              });
          }),
      ),
    });
    await render(api, 'ALLOW');
    const f = await form();
    expect(f.queryByRole('note')).toBeNull();
    expect(f.getByRole('button', { name: 'Set date' })).toBeDisabled();

    await userEvent.selectOptions(f.getByLabelText('Team'), LEGACY);
    expect(f.getByText(/not adopted yet/)).toBeInTheDocument();
    await userEvent.type(f.getByLabelText('Adopted on'), '2026-05-15');
    // the legacy team has no date set: nothing to clear
    expect(f.getByRole('button', { name: 'Clear date' })).toBeDisabled();
    await userEvent.click(f.getByRole('button', { name: 'Set date' }));

    expect(
      f.getByRole('progressbar', { name: 'Saving the adoption date' }),
    ).toBeInTheDocument();
    expect(f.getByRole('button', { name: 'Set date' })).toBeDisabled();
    expect(api.setTeamAdoptionDate).toHaveBeenCalledWith(LEGACY, '2026-05-15');

    finish();
    expect(
      await f.findByText(
        `${LEGACY} adopted the platform on 2026-05-15 (set by the platform team).`,
      ),
    ).toBeInTheDocument();
    expect(f.queryByRole('progressbar')).toBeNull();
    // the comparison is read again: before and after move with the date
    await waitFor(() => expect(api.getCohorts).toHaveBeenCalledTimes(2));
  });

  it('clears a date the platform team set', async () => {
    const set = {
      ...cohortComparison,
      teams: cohortComparison.teams.map(t =>
        t.team === STOREFRONT ? { ...t, adoptionSource: 'set' as const } : t,
      ),
    };
    const api = mockInsightsApi({
      getCohorts: jest.fn(async () => set),
      clearTeamAdoptionDate: jest.fn(async (team: string) => ({
        team,
        adoptedAt: null,
      })),
    });
    await render(api, 'ALLOW');
    const f = await form();
    await userEvent.selectOptions(f.getByLabelText('Team'), STOREFRONT);
    expect(
      f.getByText(
        `${STOREFRONT}: adopted 2026-04-01, set by the platform team`,
      ),
    ).toBeInTheDocument();
    await userEvent.click(f.getByRole('button', { name: 'Clear date' }));
    expect(
      await f.findByText(
        `The date set for ${STOREFRONT} is cleared: its first golden-path service counts again.`,
      ),
    ).toBeInTheDocument();
    expect(api.clearTeamAdoptionDate).toHaveBeenCalledWith(STOREFRONT);
  });

  it('says why a date was not saved, and keeps the form open for another try', async () => {
    const api = mockInsightsApi({
      setTeamAdoptionDate: jest.fn(async () => {
        throw new Error(
          'adoptedAt: 2030-01-01 is in the future (a team adopts on a past date)',
        );
      }),
    });
    await render(api, 'ALLOW');
    const f = await form();
    await userEvent.selectOptions(f.getByLabelText('Team'), STOREFRONT);
    await userEvent.type(f.getByLabelText('Adopted on'), '2030-01-01');
    await userEvent.click(f.getByRole('button', { name: 'Set date' }));
    expect(
      await f.findByText(
        'Not saved: adoptedAt: 2030-01-01 is in the future (a team adopts on a past date)',
      ),
    ).toBeInTheDocument();
    expect(f.getByRole('button', { name: 'Set date' })).toBeEnabled();
    expect(api.getCohorts).toHaveBeenCalledTimes(1);
  });
});
