import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  quarterOf,
  roadmapProgress,
  RoadmapProposal,
} from '@internal/plugin-roadmap-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RoadmapApi, roadmapApiRef } from '../api';
import { answerFromForm } from './AnswerDialog';
import { RoadmapPage } from './RoadmapPage';

const open: RoadmapProposal = {
  id: 'p1',
  title: 'Faster CI',
  description: '',
  proposerRef: 'user:default/alice',
  createdAt: '2026-11-01T00:00:00.000Z',
  status: 'open',
  votes: 2,
  voted: false,
  answer: null,
  itemId: null,
};

// the permission hook caches its answer per permission for the module: admins in this file
describe('answering a proposal, as a platform admin', () => {
  it('plans it in a phase and a quarter, and reloads the roadmap', async () => {
    const api = {
      getRoadmap: jest.fn(async () => ({
        items: [],
        progress: roadmapProgress([]),
      })),
      listProposals: jest.fn(async () => [open]),
      answer: jest.fn(async () => ({ ...open, status: 'planned' })),
    };
    await renderInTestApp(<RoadmapPage />, {
      apis: [
        [roadmapApiRef, api as unknown as RoadmapApi],
        [
          permissionApiRef,
          mockApis.permission({ authorize: () => AuthorizeResult.ALLOW }),
        ],
      ],
    });
    expect(
      await screen.findByRole('button', { name: 'New item' }),
    ).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Answer Faster CI' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Phase'),
      'Phase 2: Expansion',
    );
    const quarter = within(dialog).getByLabelText('Target quarter');
    await userEvent.clear(quarter);
    await userEvent.type(quarter, '2099-Q3');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Send answer' }),
    );
    await waitFor(() =>
      expect(api.answer).toHaveBeenCalledWith('p1', {
        decision: 'planned',
        phase: 2,
        targetQuarter: '2099-Q3',
        reason: '',
      }),
    );
    expect(
      await screen.findByText('“Faster CI” answered planned.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getRoadmap).toHaveBeenCalledTimes(2));
  });
});

describe('adding a roadmap item, as a platform admin', () => {
  it('sends the phase, quarter and recommendations chosen in the form', async () => {
    const api = {
      getRoadmap: jest.fn(async () => ({
        items: [],
        progress: roadmapProgress([]),
      })),
      listProposals: jest.fn(async () => []),
      createItem: jest.fn(async input => ({ id: 'i1', ...input })),
    };
    await renderInTestApp(<RoadmapPage />, {
      apis: [
        [roadmapApiRef, api as unknown as RoadmapApi],
        [
          permissionApiRef,
          mockApis.permission({ authorize: () => AuthorizeResult.ALLOW }),
        ],
      ],
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'New item' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Title'),
      'Self-service environments',
    );
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Phase'),
      'Phase 2: Expansion',
    );
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Status'),
      'In progress',
    );
    const quarter = within(dialog).getByLabelText('Target quarter');
    await userEvent.clear(quarter);
    await userEvent.type(quarter, '2027-Q5');
    expect(
      within(dialog).getByText(
        'targetQuarter: must be a quarter such as 2027-Q1',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Add' })).toBeDisabled();
    await userEvent.clear(quarter);
    await userEvent.type(quarter, '2027-Q2');
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Readiness recommendations'),
      'Roadmap phase: Phase 2: Expansion',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(api.createItem).toHaveBeenCalledWith({
        title: 'Self-service environments',
        description: '',
        phase: 2,
        status: 'in-progress',
        targetQuarter: '2027-Q2',
        recommendations: ['phase:phase2'],
        initiatives: [],
      }),
    );
    expect(
      await screen.findByText('Item “Self-service environments” saved.'),
    ).toBeInTheDocument();
  });
});

describe('answerFromForm', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  it.each([
    [
      {
        decision: 'planned' as const,
        phase: '0',
        targetQuarter: ' 2026-Q4 ',
        reason: '',
      },
      {
        answer: {
          decision: 'planned',
          phase: 0,
          targetQuarter: '2026-Q4',
          reason: '',
        },
      },
    ],
    [
      {
        decision: 'planned' as const,
        phase: '1',
        targetQuarter: '2026-Q3',
        reason: '',
      },
      {
        problem: 'targetQuarter: must be 2026-Q4 or later, not a past quarter',
      },
    ],
    [
      {
        decision: 'declined' as const,
        phase: '1',
        targetQuarter: '',
        reason: '',
      },
      { problem: 'reason: must not be blank' },
    ],
    [
      {
        decision: 'done' as const,
        phase: '1',
        targetQuarter: '',
        reason: 'Shipped',
      },
      { answer: { decision: 'done', reason: 'Shipped' } },
    ],
  ])('%p', (form, expected) => {
    expect(quarterOf(now)).toBe('2026-Q4');
    expect(answerFromForm(form, now)).toEqual(expected);
  });
});
