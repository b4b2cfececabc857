import { configure, screen, within } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import {
  EvaluateRequest,
  Evidence,
  evaluateReadiness,
  proposeMaturityFromScorecards,
} from '@internal/plugin-readiness-common';
import { ReadinessApi } from '../api';
import {
  GROUP,
  historyOf,
  renderReadinessPage,
} from '../__testUtils__/readinessPage';

const userEvent = userEventLib.setup({ delay: null });
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 5_000 });

/**
 * The payments team's scorecards: 12 of its 15 services made from a golden path (24 > 15 →
 * Scalable for new services), 5 of those 12 on their template's latest version (10 > 12? no →
 * no proposal for upgrades). Built by the common package's rule, as the backend builds it.
 */
const evidence: Evidence = {
  groupRefs: [GROUP],
  counts: { engineers: 0, services: 15, systems: 0, environments: 0 },
  proposals: [],
  maturityProposals: proposeMaturityFromScorecards({
    ownerRef: GROUP,
    services: 15,
    fromGoldenPath: 12,
    onLatestVersion: 5,
    readAt: '2026-12-03T19:10:42.000Z',
    lastEvaluatedDay: '2026-12-03',
  }),
};

async function proposed() {
  const api = {
    history: jest.fn(async () => historyOf([])),
    evaluate: jest.fn(async (request: EvaluateRequest) =>
      evaluateReadiness(request),
    ),
    evidence: jest.fn(async () => evidence),
  };
  await renderReadinessPage(api as Partial<ReadinessApi>);
  // the button appears once the catalog has listed the groups
  await userEvent.click(
    await screen.findByRole(
      'button',
      { name: 'Propose answers from the portal' },
      { timeout: 30_000 },
    ),
  );
  await screen.findByText(
    'The portal has nothing to propose for this group. Maturity: 1 of 2 answers proposed from scorecard figures, shown beside their questions; nothing is filled in until you accept one.',
  );
  return api;
}

const newServices = () =>
  screen.getByRole('radiogroup', { name: 'How are new services started?' });

describe('ReadinessPage, maturity answers proposed from scorecard figures', () => {
  it('shows the proposal beside its question, with the figure and when it was read, without answering', async () => {
    await proposed();
    const note = screen.getByTestId('scorecard-proposal-adoption.newServices');
    expect(
      within(note).getByText('Proposed from scorecard figures: Scalable.', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(note).toHaveTextContent(
      'Golden path adoption: services made from a golden path, 80.0%, read 2026-12-03 19:10 UTC.',
    );
    expect(note).toHaveTextContent(
      '12 of 15 services (80.0%) were made from a golden path (the organisation aims at 80%). More than half → Scalable (“From a golden-path template that most new services use”).',
    );
    // Nothing is filled in: no level of the question is chosen, the count stays at 0.
    for (const radio of within(newServices()).getAllByRole('radio')) {
      expect(radio).not.toBeChecked();
    }
    expect(screen.getByText(/optional: 0 of 15$/)).toBeInTheDocument();
  });

  it('says why the figures propose nothing for a question', async () => {
    await proposed();
    const note = screen.getByTestId('scorecard-proposal-operations.upgrades');
    expect(note).toHaveTextContent('No proposal from scorecard figures.');
    expect(note).toHaveTextContent(
      "5 of the 12 services made from a golden path (41.7%) are on their template's latest version. Not more than half",
    );
    expect(within(note).queryByRole('button')).toBeNull();
    // Only the two questions the figures speak to carry a note.
    expect(screen.getAllByTestId(/^scorecard-proposal-/)).toHaveLength(2);
  });

  it('answers the question only when the person accepts the proposal', async () => {
    await proposed();
    const note = screen.getByTestId('scorecard-proposal-adoption.newServices');
    await userEvent.click(
      within(note).getByRole('button', { name: 'Use Scalable' }),
    );
    expect(
      within(newServices()).getByRole('radio', { name: /^Scalable:/ }),
    ).toBeChecked();
    expect(screen.getByText(/optional: 1 of 15$/)).toBeInTheDocument();
    expect(within(note).getByText('Your answer')).toBeInTheDocument();
    // The person can still choose otherwise.
    await userEvent.click(
      within(newServices()).getByRole('radio', { name: /^Optimizing:/ }),
    );
    expect(
      within(newServices()).getByRole('radio', { name: /^Optimizing:/ }),
    ).toBeChecked();
    expect(
      within(note).getByRole('button', { name: 'Use Scalable' }),
    ).toBeInTheDocument();
  });
});
