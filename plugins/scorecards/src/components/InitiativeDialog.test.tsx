import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { formOf, initiativeFromForm, InitiativeForm } from './InitiativeDialog';
import {
  initiative,
  LEVELS,
  renderInitiatives as render,
} from './__testUtils__/initiativesTestApp';

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
