import { screen } from '@testing-library/react';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { ReadinessApi } from '../api';
import {
  GROUP,
  historyOf,
  renderReadinessPage,
} from '../__testUtils__/readinessPage';
import { assessmentSummary } from '../testing/fixtures';

const saved = assessmentSummary({
  note: 'Q4 review',
  measured: ['teamSize'],
  maturityOverall: 2.25,
});

async function render(history: ReadinessApi['history']) {
  const api = {
    history: jest.fn(history),
    evaluate: jest.fn(() => new Promise<never>(() => {})),
  };
  await renderReadinessPage(api);
  return api;
}

describe('ReadinessPage, the history of the chosen group', () => {
  it('shows progress while the history loads', async () => {
    await render(() => new Promise(() => {}));
    expect(
      await screen.findByText('History: Payments Team'),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('progressbar').length).toBeGreaterThan(0);
  });

  it('says the group has no saved assessment yet', async () => {
    const api = await render(async () => historyOf([]));
    expect(
      await screen.findByText('No saved assessment for this group yet.'),
    ).toBeInTheDocument();
    expect(api.history).toHaveBeenCalledWith(GROUP);
  });

  it('lists the saved assessments with verdict, maturity, author and note', async () => {
    await render(async () => historyOf([saved]));
    const table = await screen.findByTestId('readiness-history');
    expect(table).toHaveTextContent('Start planning');
    expect(table).toHaveTextContent('2.25');
    expect(table).toHaveTextContent('elena.rossi');
    expect(table).toHaveTextContent('Q4 review');
    expect(screen.getByRole('button', { name: 'CSV' })).toBeInTheDocument();
  });

  it('says the history could not be loaded, and why', async () => {
    await render(failing('database unavailable'));
    await expectErrorPanel('database unavailable');
    expect(screen.queryByTestId('readiness-history')).toBeNull();
  });

  it('tells a person without the permission that they may not see it', async () => {
    await render(refusing('readiness.assessment.read is required'));
    await expectForbiddenPanel('readiness.assessment.read is required');
    expect(screen.queryByTestId('readiness-history')).toBeNull();
  });
});
