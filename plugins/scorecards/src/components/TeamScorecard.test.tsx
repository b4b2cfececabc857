import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  expectErrorPanel,
  failing,
} from '@internal/plugin-portal-react/testUtils';
import { ScorecardsApi, scorecardsApiRef } from '../api';
import { levelsSentence, TeamScorecardView } from './TeamScorecard';
import { PAY, team } from './__testUtils__/teamFixture';

async function render(getTeam: ScorecardsApi['getTeam']) {
  const api = { getTeam: jest.fn(getTeam) };
  await renderInTestApp(<TeamScorecardView ownerRef={PAY} />, {
    apis: [[scorecardsApiRef, api as unknown as ScorecardsApi]],
  });
  return api;
}

describe('levelsSentence', () => {
  it.each([
    // 1 + 2 + 1 = 4, the highest level first, below the lowest last
    [
      { gold: 1, silver: 2, none: 1 },
      '4 services: 1 gold, 2 silver, 1 below bronze.',
    ],
    [{ bronze: 1 }, '1 service: 1 bronze.'],
    [{}, 'No service of this team has been scored yet.'],
  ])('%p', (counts, sentence) => {
    expect(levelsSentence({ ...team, counts })).toBe(sentence);
  });
});

describe('TeamScorecardView', () => {
  it("shows the team's services by level, what holds them back, and its quarters", async () => {
    const api = await render(async () => team);
    expect(
      await screen.findByText('4 services: 1 gold, 2 silver, 1 below bronze.'),
    ).toBeInTheDocument();
    expect(api.getTeam).toHaveBeenCalledWith(PAY);

    const services = within(
      screen.getByRole('table', { name: 'Services by level' }),
    ).getAllByRole('row');
    expect(services.slice(1).map(row => row.textContent)).toEqual([
      'LedgerGold',
      'CheckoutSilver',
      'RefundsSilver',
      'FX ratesBelow bronze',
    ]);
    expect(
      within(services[2]).getByRole('link', { name: 'Checkout' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-service/scorecard',
    );

    const checks = within(
      screen.getByRole('table', { name: 'Checks holding services back' }),
    ).getAllByRole('row');
    expect(checks.slice(1).map(row => row.textContent)).toEqual([
      'Lead time under a dayGold2',
      'CODEOWNERSBronze1',
    ]);

    const quarters = within(
      screen.getByRole('table', { name: 'Services by level per quarter' }),
    ).getAllByRole('row');
    // columns: quarter, day, gold, silver, bronze, below bronze
    expect(quarters.map(row => row.textContent)).toEqual([
      'QuarterCounted onGoldSilverBronzeBelow bronze',
      '2026-Q32026-09-300202',
      '2026-Q42026-12-031201',
    ]);
  });

  it('says when nothing has been scored', async () => {
    await render(async () => ({
      ...team,
      counts: {},
      services: [],
      holdingBack: [],
      quarters: [],
    }));
    expect(
      await screen.findByText('No service of this team has been scored yet.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Nothing scored yet.')).toBeInTheDocument();
    expect(
      screen.getByText('No level has been recorded yet.'),
    ).toBeInTheDocument();
  });

  it("shows why the team's page could not be loaded", async () => {
    await render(failing('database away'));
    await expectErrorPanel(
      'database away',
      "Could not load the team's scorecards",
    );
  });
});
