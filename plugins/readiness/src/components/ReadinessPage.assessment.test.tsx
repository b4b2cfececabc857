import {
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import {
  Colour,
  EvaluateRequest,
  Evidence,
  FactorId,
  SaveRequest,
  SavedAssessment,
  evaluateReadiness,
  factors,
} from '@internal/plugin-readiness-common';
import { ReadinessApi } from '../api';
import {
  GROUP,
  historyOf,
  renderReadinessPage,
} from '../__testUtils__/readinessPage';
import { assessmentSummary } from '../testing/fixtures';

const userEvent = userEventLib.setup({ delay: null });
// each step re-renders the whole page: room for a busy machine
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 5_000 });

/** The saved fixture's "Start planning" profile: four yellow, two red, one green. */
const planning: Record<FactorId, Colour> = assessmentSummary().colours;

const declared = (colours: Partial<Record<FactorId, Colour>>) =>
  Object.fromEntries(
    Object.entries(colours).map(([id, colour]) => [
      id,
      { colour, source: 'declared' },
    ]),
  );

function fakeApi(overrides: Partial<ReadinessApi> = {}) {
  return {
    history: jest.fn(async () => historyOf([])),
    // the verdict the backend would give: the same rules, from the common package
    evaluate: jest.fn(async (request: EvaluateRequest) =>
      evaluateReadiness(request),
    ),
    save: jest.fn(
      async (request: SaveRequest): Promise<SavedAssessment> => ({
        id: 'r9',
        groupRef: GROUP,
        groupTitle: 'Payments Team',
        scope: 'team',
        assessedAt: '2026-12-03T10:00:00.000Z',
        author: 'user:default/elena.rossi',
        note: request.note ?? null,
        trajectory: null,
        platformTeamSize: null,
        maturityAnswers: null,
        result: evaluateReadiness(request),
      }),
    ),
    evidence: jest.fn(),
    ...overrides,
  } as jest.Mocked<
    Pick<ReadinessApi, 'history' | 'evaluate' | 'save' | 'evidence'>
  >;
}

async function render(api: ReturnType<typeof fakeApi>, path?: string) {
  await renderReadinessPage(api as Partial<ReadinessApi>, path);
  await screen.findByText(/^Readiness: the seven factors/);
}

const colourNames: Record<Colour, string> = {
  green: 'Green',
  yellow: 'Yellow',
  red: 'Red',
};

/** Picks a factor's description, as a person clicks it. */
async function answer(colours: Partial<Record<FactorId, Colour>>) {
  for (const [id, colour] of Object.entries(colours)) {
    const label = factors.find(f => f.id === id)!.label;
    const group = screen.getByRole('radiogroup', { name: label });
    // one click event, not a pointer's whole sequence: the page re-renders on each
    fireEvent.click(
      within(group).getByRole('radio', {
        name: new RegExp(`^${colourNames[colour]} `),
      }),
    );
  }
}

const verdict = () => screen.findByTestId('readiness-verdict');

describe('ReadinessPage, evaluating the answers', () => {
  it('asks for every factor first, then shows the verdict the backend gives for them', async () => {
    const api = fakeApi();
    await render(api);
    expect(
      screen.getByText('Answer the seven factors to see the verdict.'),
    ).toBeInTheDocument();

    const { contextSwitching, ...six } = planning;
    await answer(six);
    expect(
      screen.getByText('Readiness: the seven factors (6 of 7 answered)'),
    ).toBeInTheDocument();
    expect(api.evaluate).not.toHaveBeenCalled();

    await answer({ contextSwitching });
    expect(await verdict()).toHaveTextContent('Start planning');
    expect(api.evaluate).toHaveBeenLastCalledWith({
      answers: declared(planning),
    });
    expect(screen.getByText('1 green')).toBeInTheDocument();
    expect(screen.getByText('4 yellow')).toBeInTheDocument();
    expect(screen.getByText('2 red')).toBeInTheDocument();
    expect(
      screen.getByText('Readiness: the seven factors (7 of 7 answered)'),
    ).toBeInTheDocument();
  });

  it('sends a number where one is given, and the size of the platform team', async () => {
    const api = fakeApi();
    await render(api);
    await answer(planning);
    await verdict();

    await userEvent.click(
      screen.getByRole('spinbutton', { name: 'Engineers' }),
    );
    await userEvent.paste('120');
    await userEvent.click(
      screen.getByRole('spinbutton', {
        name: 'People working on the platform today (optional)',
      }),
    );
    await userEvent.paste('3');
    await waitFor(() =>
      expect(api.evaluate).toHaveBeenLastCalledWith({
        answers: {
          ...declared(planning),
          teamSize: { value: 120, source: 'declared' },
        },
        platformTeamSize: 3,
      }),
    );
    // 120 engineers is green: two green now
    expect(await screen.findByText('2 green')).toBeInTheDocument();
  });

  it('says the verdict could not be computed, and why', async () => {
    await render(fakeApi({ evaluate: jest.fn(failing('rules unavailable')) }));
    await answer(planning);
    await expectErrorPanel('rules unavailable');
    expect(screen.queryByTestId('readiness-verdict')).toBeNull();
  });

  it('tells a person without the permission that they may not evaluate', async () => {
    await render(
      fakeApi({
        evaluate: jest.fn(refusing('readiness.assessment.read is required')),
      }),
    );
    await answer(planning);
    await expectForbiddenPanel('readiness.assessment.read is required');
    expect(screen.queryByTestId('readiness-verdict')).toBeNull();
  });
});

describe('ReadinessPage, saving the assessment', () => {
  it('saves the answers and the note for the chosen group, and says so', async () => {
    const api = fakeApi();
    await render(api);
    await answer(planning);
    await verdict();
    await userEvent.click(
      screen.getByRole('textbox', { name: 'Note for the record (optional)' }),
    );
    await userEvent.paste('  Q4 review ');
    await userEvent.click(
      screen.getByRole('button', { name: 'Save for Payments Team' }),
    );

    expect(await screen.findByTestId('readiness-saved')).toHaveTextContent(
      /^Saved for Payments Team on .+\.$/,
    );
    expect(api.save).toHaveBeenCalledTimes(1);
    expect(api.save).toHaveBeenCalledWith({
      answers: declared(planning),
      groupRef: GROUP,
      note: 'Q4 review',
    });
    // the history is read again, to show the new assessment
    await waitFor(() => expect(api.history).toHaveBeenCalledTimes(2));
  });

  it('cannot save before a group is chosen', async () => {
    const api = fakeApi();
    await render(api, '/readiness');
    await answer(planning);
    await verdict();
    expect(
      screen.getByRole('button', { name: 'Choose a group to save' }),
    ).toBeDisabled();
    expect(api.history).not.toHaveBeenCalled();
  });

  it('says the assessment could not be saved, and why', async () => {
    const api = fakeApi({ save: jest.fn(failing('database unavailable')) });
    await render(api);
    await answer(planning);
    await verdict();
    await userEvent.click(
      screen.getByRole('button', { name: 'Save for Payments Team' }),
    );
    await expectErrorPanel('database unavailable');
    expect(screen.queryByTestId('readiness-saved')).toBeNull();
    expect(
      screen.getByRole('button', { name: 'Save for Payments Team' }),
    ).toBeEnabled();
  });

  it('tells a person who may not assess this group that they may not save', async () => {
    await render(
      fakeApi({
        save: jest.fn(refusing('readiness.assessment.create is required')),
      }),
    );
    await answer(planning);
    await verdict();
    await userEvent.click(
      screen.getByRole('button', { name: 'Save for Payments Team' }),
    );
    await expectForbiddenPanel('readiness.assessment.create is required');
    expect(screen.queryByTestId('readiness-saved')).toBeNull();
  });
});

describe('ReadinessPage, answers proposed from the portal', () => {
  const evidence: Evidence = {
    groupRefs: [GROUP],
    counts: {} as Evidence['counts'],
    proposals: [
      {
        factor: 'teamSize',
        available: true,
        colour: 'yellow',
        value: 72,
        source: 'Catalog: 72 members of Payments Team and its sub-groups',
      },
      {
        factor: 'onboardingTime',
        available: false,
        colour: null,
        value: null,
        source: 'no onboarding figure in the portal',
      },
    ],
    maturityProposals: [],
  };

  it('fills in what the portal measured, says where it comes from, and sends it as measured', async () => {
    const api = fakeApi({ evidence: jest.fn(async () => evidence) });
    await render(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Propose answers from the portal' }),
    );

    expect(
      await screen.findByText(
        'Proposed from the portal: Team size. Change an answer to declare it instead. Onboarding time: no onboarding figure in the portal',
      ),
    ).toBeInTheDocument();
    expect(api.evidence).toHaveBeenCalledWith(GROUP);
    const teamSize = screen.getByTestId('factor-teamSize');
    expect(within(teamSize).getByText('Measured')).toBeInTheDocument();
    expect(
      within(teamSize).getByText(
        'Catalog: 72 members of Payments Team and its sub-groups',
      ),
    ).toBeInTheDocument();
    expect(
      within(teamSize).getByRole('spinbutton', { name: 'Engineers' }),
    ).toHaveValue(72);
    expect(
      within(screen.getByTestId('factor-onboardingTime')).queryByText(
        'Measured',
      ),
    ).toBeNull();

    const { teamSize: _measured, ...rest } = planning;
    await answer(rest);
    await verdict();
    expect(api.evaluate).toHaveBeenLastCalledWith({
      answers: {
        ...declared(rest),
        teamSize: { value: 72, source: 'measured' },
      },
    });
  });

  it('cannot propose before a group is chosen', async () => {
    await render(fakeApi(), '/readiness');
    expect(
      screen.getByRole('button', { name: 'Propose answers from the portal' }),
    ).toBeDisabled();
  });

  it('says the portal could not propose answers, and why', async () => {
    await render(
      fakeApi({ evidence: jest.fn(failing('catalog unavailable')) }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Propose answers from the portal' }),
    );
    await expectErrorPanel('catalog unavailable');
    expect(screen.queryByText('Measured')).toBeNull();
  });

  it('tells a person who may not read the evidence that they may not', async () => {
    await render(
      fakeApi({
        evidence: jest.fn(refusing('catalog.entity.read is required')),
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Propose answers from the portal' }),
    );
    await expectForbiddenPanel('catalog.entity.read is required');
    expect(screen.queryByText('Measured')).toBeNull();
  });
});
