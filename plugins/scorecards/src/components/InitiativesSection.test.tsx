import { renderInTestApp, mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { InitiativeDetail } from '@internal/plugin-scorecards-common';
import { screen, within } from '@testing-library/react';
import { ScorecardsApi, scorecardsApiRef } from '../api';
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

// a platform admin's view is in InitiativeDialog.test.tsx: the permission hook caches its
// answer per permission for the module, so each answer gets its own test file
describe('InitiativesSection', () => {
  it('shows each initiative with its target, standing, chart and teams behind', async () => {
    await render(false);
    const card = await screen.findByLabelText('Initiative Silver by Q2');
    expect(card).toHaveTextContent(
      '80 % of production services at silver by 2026-06-30, led by platform-team.',
    );
    // 2 of 4 = 50 %; the projection 0.75 → 75 %
    expect(card).toHaveTextContent(
      'Behind: 2 of 4 services (50 %) at silver; at this pace 75 % by the deadline.',
    );
    const rows = within(
      screen.getByRole('table', { name: 'Teams behind Silver by Q2' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('payments-team21 of 3');
    // members do not create initiatives
    expect(screen.queryByRole('button', { name: 'New initiative' })).toBeNull();
  });

  it('shows why the list could not load', async () => {
    await render(false, {
      listInitiatives: jest.fn(async () => {
        throw new Error('scorecards backend unavailable');
      }),
    });
    expect(
      await screen.findByText('Could not load the initiatives'),
    ).toBeInTheDocument();
  });
});
