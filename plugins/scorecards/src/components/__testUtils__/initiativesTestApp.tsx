import { renderInTestApp, mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { InitiativeDetail } from '@internal/plugin-scorecards-common';
import { ScorecardsApi, scorecardsApiRef } from '../../api';
import { InitiativesSection } from '../InitiativesSection';

/**
 * The Initiatives section in a test app, for a platform admin or a member. The permission hook
 * caches its answer per permission for the module, so each answer gets its own test file.
 */
export const LEVELS = ['bronze', 'silver', 'gold'];

export const initiative: InitiativeDetail = {
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

export async function renderInitiatives(
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
