import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  captureDownloads,
  expectErrorPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { ScorecardSummary, Waiver } from '@internal/plugin-scorecards-common';
import { ScorecardsApi, scorecardsApiRef } from '../api';
import { ScorecardsPage } from './ScorecardsPage';
import { team } from './__testUtils__/teamFixture';

const summary: ScorecardSummary = {
  ownerRef: null,
  levels: ['bronze', 'silver', 'gold'],
  entities: 5,
  byTeam: [
    { ownerRef: 'group:default/payments-team', counts: { silver: 2, gold: 1 } },
    { ownerRef: 'group:default/web-team', counts: { none: 2 } },
  ],
  checks: [
    {
      checkId: 'has-on-call-link',
      title: 'On-call link',
      level: 'silver',
      applicable: 4,
      passing: 1,
    },
    {
      checkId: 'owned-by-a-team',
      title: 'Owned by a team',
      level: 'bronze',
      applicable: 5,
      passing: 5,
    },
  ],
  trend: [],
  // 4 of 5 services made from a golden path (80 %, the aim); 3 of those 4 on the latest (75 %)
  goldenPaths: {
    services: 5,
    fromGoldenPath: 4,
    onLatestVersion: 3,
    adoptedShare: 0.8,
    currentShare: 0.75,
    aim: 0.8,
    meetsAim: true,
  },
  // payments: 3 of 3 (100 %), 2 of those 3 on the latest (66.7 %); web: 1 of 2 (50 %), 1 of 1
  goldenPathsByTeam: [
    {
      ownerRef: 'group:default/payments-team',
      services: 3,
      fromGoldenPath: 3,
      onLatestVersion: 2,
      adoptedShare: 1,
      currentShare: 2 / 3,
      aim: 0.8,
      meetsAim: true,
    },
    {
      ownerRef: 'group:default/web-team',
      services: 2,
      fromGoldenPath: 1,
      onLatestVersion: 1,
      adoptedShare: 0.5,
      currentShare: 1,
      aim: 0.8,
      meetsAim: false,
    },
  ],
};

const waiver: Waiver = {
  id: '00000000-0000-4000-8000-000000000001',
  entityRef: 'component:default/checkout-service',
  checkId: 'has-on-call-link',
  reason: 'Rota starts next month',
  expiresAt: '2026-07-01T00:00:00.000Z',
  status: 'requested',
  requestedBy: 'user:default/elena',
  requestedAt: '2026-06-01T00:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
};

async function render(overrides: Partial<ScorecardsApi> = {}) {
  const api = {
    getSummary: jest.fn(async (owner?: string) =>
      owner
        ? {
            ...summary,
            ownerRef: owner,
            entities: 3,
            byTeam: [summary.byTeam[0]],
          }
        : summary,
    ),
    listWaivers: jest.fn(async () => [waiver]),
    decideWaiver: jest.fn(async () => ({
      ...waiver,
      status: 'granted' as const,
    })),
    listInitiatives: jest.fn(async () => []),
    getTeam: jest.fn(async () => team),
    listGithubRequests: jest.fn(async () => [
      {
        day: '2026-06-02',
        repository: 'acme-retail/checkout-service',
        requests: 12,
        collections: 2,
      },
      {
        day: '2026-06-02',
        repository: 'acme-retail/*',
        requests: 1,
        collections: 1,
      },
    ]),
    ...overrides,
  };
  await renderInTestApp(<ScorecardsPage />, {
    apis: [[scorecardsApiRef, api as unknown as ScorecardsApi]],
  });
  return api;
}

describe('ScorecardsPage', () => {
  it('shows the organisation, its checks by pass rate, and narrows to a team', async () => {
    const api = await render();
    expect(await screen.findByText('5 services scored.')).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'Checks by pass rate' }),
    ).getAllByRole('row');
    // 1 of 4 → 25 %, 5 of 5 → 100 %
    expect(rows[1]).toHaveTextContent('On-call linksilver1 of 425 %');
    expect(rows[2]).toHaveTextContent('Owned by a teambronze5 of 5100 %');
    // 4 / 5 = 80 %, the aim; 3 / 4 = 75 %
    expect(
      screen.getByText(
        '4 of 5 services made from a golden path (80 %); the aim is 80 %: met.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText("3 of 4 on their golden path's latest version (75 %)."),
    ).toBeInTheDocument();
    await userEvent.selectOptions(
      screen.getByRole('combobox'),
      'group:default/payments-team',
    );
    expect(
      await screen.findByText('3 services scored in payments-team.'),
    ).toBeInTheDocument();
    expect(api.getSummary).toHaveBeenLastCalledWith(
      'group:default/payments-team',
    );
    // the team's page opens below: its services and the checks holding them back
    const page = screen.getByRole('region', { name: 'Team page' });
    expect(
      await within(page).findByText(
        '4 services: 1 gold, 2 silver, 1 below bronze.',
      ),
    ).toBeInTheDocument();
    expect(api.getTeam).toHaveBeenCalledWith('group:default/payments-team');
    expect(
      within(page).getByRole('table', { name: 'Checks holding services back' }),
    ).toHaveTextContent('Lead time under a dayGold2');
  });

  it('shows the GitHub requests per repository per day', async () => {
    const api = await render();
    const table = await screen.findByRole('table', {
      name: 'GitHub requests per repository per day',
    });
    expect(
      within(table)
        .getAllByRole('row')
        .map(row => row.textContent),
    ).toEqual([
      'DayRepositoryRequestsReads',
      '2026-06-02acme-retail/checkout-service122',
      '2026-06-02acme-retail/*11',
    ]);
    expect(api.listGithubRequests).toHaveBeenCalledWith(7);
  });

  it('lets an admin grant a waiver, and says when the decision is refused', async () => {
    const api = await render();
    const item = await screen.findByRole('listitem', {
      name: 'Waiver of has-on-call-link for component:default/checkout-service',
    });
    expect(item).toHaveTextContent(
      'checkout-service: has-on-call-link until 2026-07-01, asked by elena: “Rota starts next month”',
    );
    await userEvent.click(within(item).getByRole('button', { name: 'Grant' }));
    await waitFor(() =>
      expect(api.decideWaiver).toHaveBeenCalledWith(waiver.id, 'grant'),
    );
    expect(
      await screen.findByText(
        'Waiver of has-on-call-link for checkout-service granted.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a refused decision', async () => {
    await render({
      decideWaiver: refusing('Not allowed: scorecards.waiver.decide'),
    });
    const item = await screen.findByRole('listitem', {
      name: 'Waiver of has-on-call-link for component:default/checkout-service',
    });
    await userEvent.click(within(item).getByRole('button', { name: 'Reject' }));
    expect(
      await screen.findByText(
        /Not decided: .*Not allowed: scorecards.waiver.decide/,
      ),
    ).toBeInTheDocument();
  });

  it('shows why the summary could not be loaded', async () => {
    await render({ getSummary: failing('database away') });
    await expectErrorPanel('database away', 'Could not load the scorecards');
  });

  it('exports the summary as CSV', async () => {
    const capture = captureDownloads();
    try {
      await render();
      await userEvent.click(
        await screen.findByRole('button', { name: 'Export CSV' }),
      );
      expect(capture.downloads).toHaveLength(1);
      expect(capture.downloads[0].filename).toBe('scorecards-organisation.csv');
      const text = await capture.downloads[0].text();
      expect(text.split('\r\n').slice(0, 4)).toEqual([
        'Team,Services,below bronze,bronze,silver,gold',
        'group:default/payments-team,3,0,0,2,1',
        'group:default/web-team,2,2,0,0,0',
        'All teams,5,2,0,2,1',
      ]);
      // the golden path adoption closes the export: per team, then the organisation
      expect(text.split('\r\n').slice(-5)).toEqual([
        'Golden path adoption,Services,From a golden path,From a golden path %,Aim %,Aim met,On latest version,On latest version %',
        'group:default/payments-team,3,3,100,80,yes,2,66.7',
        'group:default/web-team,2,1,50,80,no,1,100',
        'All teams,5,4,80,80,yes,3,75',
        '',
      ]);
    } finally {
      capture.restore();
    }
  });
});
