import { renderInTestApp, mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { InitiativeDetail } from '@internal/plugin-scorecards-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ScorecardsApi, scorecardsApiRef } from '../api';
import { formOf, initiativeFromForm, InitiativeForm } from './InitiativeDialog';
import { InitiativesSection } from './InitiativesSection';

const LEVELS = ['bronze', 'silver', 'gold'];

const initiative: InitiativeDetail = {
  id: '7d4c1f0e-4b7e-4f43-9f4b-1f2a3b4c5d6e',
  title: 'Silver by Q2',
  description: 'CODEOWNERS, CI and dependency updates everywhere.',
  ownerRef: 'group:default/platform-team',
  appliesTo: {
    kind: ['Component'],
    type: ['service'],
    lifecycle: ['production'],
  },
  targetLevel: 'silver',
  targetShare: 0.8,
  startsAt: '2026-04-01T00:00:00.000Z',
  deadline: '2026-06-30T00:00:00.000Z',
  progress: { covered: 4, meeting: 2, share: 0.5 },
  projection: { standing: 'behind', projectedShare: 0.75 },
  history: [
    { day: '2026-04-01', covered: 4, meeting: 1 },
    { day: '2026-05-01', covered: 4, meeting: 2 },
  ],
  teamsBehind: [
    {
      ownerRef: 'group:default/payments-team',
      covered: 3,
      meeting: 1,
      behind: 2,
    },
  ],
};

async function render(
  mayManage: boolean,
  overrides: Partial<ScorecardsApi> = {},
) {
  const api = {
    listInitiatives: jest.fn(async () => [initiative]),
    getInitiative: jest.fn(async () => initiative),
    createInitiative: jest.fn(async input => ({ id: 'new', ...input })),
    ...overrides,
  };
  await renderInTestApp(<InitiativesSection levels={LEVELS} />, {
    apis: [
      [scorecardsApiRef, api as unknown as ScorecardsApi],
      [
        permissionApiRef,
        mockApis.permission({
          authorize: () =>
            mayManage ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        }),
      ],
    ],
  });
  return api;
}

describe('InitiativesSection for a platform admin', () => {
  it('lets a platform admin create one', async () => {
    const api = await render(true, {
      listInitiatives: jest.fn(async () => []),
    });
    expect(await screen.findByText('No initiative yet.')).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'New initiative' }),
    );
    await userEvent.type(screen.getByLabelText('Title'), 'Gold for payments');
    await userEvent.type(
      screen.getByLabelText('Owner'),
      'group:default/payments-team',
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Target level'),
      'gold',
    );
    const start = screen.getByLabelText('Starts on');
    await userEvent.clear(start);
    await userEvent.type(start, '2026-04-01');
    await userEvent.type(screen.getByLabelText('Deadline'), '2026-09-30');
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(api.createInitiative).toHaveBeenCalledWith({
        title: 'Gold for payments',
        description: '',
        ownerRef: 'group:default/payments-team',
        appliesTo: {
          kind: ['Component'],
          type: ['service'],
          lifecycle: ['production'],
        },
        targetLevel: 'gold',
        targetShare: 1,
        startsAt: '2026-04-01T00:00:00.000Z',
        deadline: '2026-09-30T00:00:00.000Z',
      }),
    );
    expect(
      await screen.findByText('Initiative “Gold for payments” created.'),
    ).toBeInTheDocument();
  });
});

describe('InitiativesSection: changing an initiative', () => {
  it('fills the form from the initiative and saves the change', async () => {
    const api = await render(true, {
      updateInitiative: jest.fn(async (id, input) => ({ id, ...input })),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Change Silver by Q2' }),
    );
    const target = screen.getByLabelText('Target (% of services)');
    expect(target).toHaveValue('80');
    await userEvent.clear(target);
    await userEvent.type(target, '90');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateInitiative).toHaveBeenCalledWith(initiative.id, {
        title: initiative.title,
        description: initiative.description,
        ownerRef: initiative.ownerRef,
        appliesTo: initiative.appliesTo,
        targetLevel: 'silver',
        targetShare: 0.9,
        startsAt: initiative.startsAt,
        deadline: initiative.deadline,
      }),
    );
    expect(
      await screen.findByText('Initiative “Silver by Q2” saved.'),
    ).toBeInTheDocument();
  });
});

describe('formOf', () => {
  it.each([
    [0.8, '80'],
    // 0.29 × 100 is 28.999999999999996 in binary: rounded to hundredths of a percent
    [0.29, '29'],
    [0.125, '12.5'],
  ])('shows a target share of %s as %s %%', (targetShare, percent) => {
    expect(formOf({ ...initiative, targetShare }).targetPercent).toBe(percent);
  });

  it('round-trips through the form', () => {
    const { progress, projection, history, teamsBehind, id, ...input } =
      initiative;
    expect(initiativeFromForm(formOf(initiative), LEVELS)).toEqual({ input });
  });
});

describe('initiativeFromForm', () => {
  const form: InitiativeForm = {
    title: 'Silver by Q2',
    description: '',
    ownerRef: 'platform-team',
    lifecycles: 'production, experimental',
    types: '',
    targetLevel: 'silver',
    targetPercent: '80',
    startsOn: '2026-04-01',
    deadlineOn: '2026-06-30',
  };

  it('turns the form into the backend input', () => {
    expect(initiativeFromForm(form, LEVELS)).toEqual({
      input: {
        title: 'Silver by Q2',
        description: '',
        ownerRef: 'group:default/platform-team',
        appliesTo: {
          kind: ['Component'],
          lifecycle: ['production', 'experimental'],
        },
        targetLevel: 'silver',
        // 80 % → 0.8
        targetShare: 0.8,
        startsAt: '2026-04-01T00:00:00.000Z',
        deadline: '2026-06-30T00:00:00.000Z',
      },
    });
  });

  it.each<[Partial<InitiativeForm>, string]>([
    [{ deadlineOn: '2026-02-30' }, 'Deadline: that date does not exist.'],
    [{ startsOn: '1 April' }, 'Start as a date: YYYY-MM-DD.'],
    [{ targetPercent: 'most' }, 'The target as a percentage, e.g. 80.'],
    [
      { targetPercent: '120' },
      'targetShare: must be at least 0.01 and at most 1',
    ],
    [{ deadlineOn: '2026-03-01' }, 'deadline: must be after startsAt'],
  ])('refuses %o', (change, problem) => {
    expect(initiativeFromForm({ ...form, ...change }, LEVELS)).toEqual({
      problem,
    });
  });
});
