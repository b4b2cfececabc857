import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  Roadmap,
  roadmapProgress,
  RoadmapProposal,
} from '@internal/plugin-roadmap-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RoadmapApi, roadmapApiRef } from '../api';
import { RoadmapPage } from './RoadmapPage';

const roadmap: Roadmap = {
  items: [
    {
      id: 'i1',
      title: 'Golden paths for common tasks',
      description: '',
      phase: 1,
      status: 'done',
      targetQuarter: '2026-Q4',
      recommendations: [
        { id: 'phase:phase1', title: 'Roadmap phase: Phase 1: Foundation' },
      ],
      initiatives: [],
      proposalId: null,
      createdAt: '2026-10-01T00:00:00.000Z',
      updatedAt: '2026-10-01T00:00:00.000Z',
    },
    {
      id: 'i2',
      title: 'Preview environments',
      description: 'One per pull request',
      phase: 2,
      status: 'in-progress',
      targetQuarter: '2027-Q2',
      recommendations: [],
      initiatives: [
        {
          id: '7d4c1f0e-4b7e-4f43-9f4b-1f2a3b4c5d6e',
          title: 'Silver by Q2',
        },
      ],
      proposalId: 'p0',
      createdAt: '2026-10-01T00:00:00.000Z',
      updatedAt: '2026-10-01T00:00:00.000Z',
    },
  ],
  // phase 1: 1 done of 1; phase 2: 0 of 1; overall 1 of 2 → 50 %
  progress: roadmapProgress([
    { phase: 1, status: 'done', items: 1 },
    { phase: 2, status: 'in-progress', items: 1 },
  ]),
};

const proposal = (change: Partial<RoadmapProposal>): RoadmapProposal => ({
  id: 'p1',
  title: 'Faster CI',
  description: 'Builds under five minutes',
  proposerRef: 'user:default/alice',
  createdAt: '2026-11-01T00:00:00.000Z',
  status: 'open',
  votes: 3,
  voted: false,
  answer: null,
  itemId: null,
  ...change,
});

async function render(mayManage: boolean, overrides: Partial<RoadmapApi> = {}) {
  const api = {
    getRoadmap: jest.fn(async () => roadmap),
    listProposals: jest.fn(async () => [
      proposal({}),
      proposal({
        id: 'p2',
        title: 'Jenkins plugin',
        votes: 1,
        voted: true,
        status: 'declined',
        answer: {
          decision: 'declined',
          reason: 'CI moved to GitHub Actions.',
          answeredBy: 'user:default/admin',
          answeredAt: '2026-11-02T00:00:00.000Z',
        },
      }),
    ]),
    propose: jest.fn(async input => proposal({ id: 'p3', ...input, votes: 0 })),
    vote: jest.fn(async () => proposal({ voted: true, votes: 4 })),
    withdrawVote: jest.fn(async () => proposal({})),
    answer: jest.fn(async () => proposal({ status: 'planned' })),
    createItem: jest.fn(),
    updateItem: jest.fn(),
    ...overrides,
  };
  await renderInTestApp(<RoadmapPage />, {
    apis: [
      [roadmapApiRef, api as unknown as RoadmapApi],
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

describe('RoadmapPage', () => {
  it('shows the items in their phase and quarter, with the progress', async () => {
    await render(false);
    const foundation = await screen.findByLabelText('Phase 1: Foundation');
    expect(
      within(foundation).getByText('Golden paths for common tasks'),
    ).toBeInTheDocument();
    expect(
      within(foundation).getByText('1 of 1 done (100 %)'),
    ).toBeInTheDocument();
    const expansion = screen.getByLabelText('Phase 2: Expansion');
    expect(
      within(expansion).getByText('Preview environments'),
    ).toBeInTheDocument();
    expect(
      within(expansion).getByText('In progress · 2027-Q2'),
    ).toBeInTheDocument();
    expect(
      within(expansion).getByText('Answers: Initiative “Silver by Q2”'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByLabelText('Phase 0: Assessment')).getByText(
        'No item yet',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Overall progress')).toHaveTextContent(
      '1 of 2 done (50 %)',
    );
    const quarter = screen.getByLabelText('Quarter 2027-Q2');
    expect(
      within(quarter).getByText('In progress · Phase 2: Expansion'),
    ).toBeInTheDocument();
    // a member neither adds nor changes items
    expect(screen.queryByRole('button', { name: 'New item' })).toBeNull();
  });

  it('lets a developer propose and vote, and shows the answers', async () => {
    const api = await render(false);
    const faster = await screen.findByLabelText('Proposal Faster CI');
    expect(within(faster).getByText('3 votes')).toBeInTheDocument();
    const declined = screen.getByLabelText('Proposal Jenkins plugin');
    expect(
      within(declined).getByText(
        'Declined by admin: CI moved to GitHub Actions.',
      ),
    ).toBeInTheDocument();
    // a declined proposal takes no votes, and a member answers nothing
    expect(within(declined).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Answer/ })).toBeNull();

    await userEvent.click(
      within(faster).getByRole('button', { name: 'Vote for Faster CI' }),
    );
    await waitFor(() => expect(api.vote).toHaveBeenCalledWith('p1'));
    expect(
      await screen.findByText('Voted for “Faster CI”.'),
    ).toBeInTheDocument();

    await userEvent.type(
      screen.getByLabelText('Proposal'),
      'Preview environments',
    );
    await userEvent.type(
      screen.getByLabelText('What it would solve'),
      'One per pull request',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Propose' }));
    await waitFor(() =>
      expect(api.propose).toHaveBeenCalledWith({
        title: 'Preview environments',
        description: 'One per pull request',
      }),
    );
    expect(
      await screen.findByText('Proposal “Preview environments” sent.'),
    ).toBeInTheDocument();
  });

  it('lets a developer withdraw a vote', async () => {
    const api = await render(false, {
      listProposals: jest.fn(async () => [proposal({ voted: true })]),
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Withdraw vote for Faster CI',
      }),
    );
    await waitFor(() => expect(api.withdrawVote).toHaveBeenCalledWith('p1'));
  });
});
