import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { apiError } from '@internal/plugin-portal-react/testUtils';
import {
  AssessmentHistory,
  AssessmentSummary,
} from '@internal/plugin-readiness-common';
import { ReadinessApi, readinessApiRef } from '../api';
import { assessmentSummary } from '../testing/fixtures';
import { ReadinessPage } from './ReadinessPage';

const GROUP = 'group:default/payments-team';

const saved = assessmentSummary({
  note: 'Q4 review',
  measured: ['teamSize'],
  maturityOverall: 2.25,
});

const history = (assessments: AssessmentSummary[]): AssessmentHistory => ({
  groupRef: GROUP,
  assessments,
  lastAssessedAt: assessments.at(-1)?.assessedAt ?? null,
  daysSinceLast: assessments.length ? 31 : null,
  stale: assessments.length === 0,
});

async function render(historyOf: ReadinessApi['history']) {
  const api = {
    history: jest.fn(historyOf),
    evaluate: jest.fn(() => new Promise(() => {})),
  };
  await renderInTestApp(<ReadinessPage />, {
    apis: [
      [readinessApiRef, api as unknown as ReadinessApi],
      [
        catalogApiRef,
        catalogApiMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'payments-team', title: 'Payments Team' },
              spec: { type: 'team', children: [] },
            },
          ],
        }),
      ],
    ],
    initialRouteEntries: [`/readiness?group=${encodeURIComponent(GROUP)}`],
  });
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
    const api = await render(async () => history([]));
    expect(
      await screen.findByText('No saved assessment for this group yet.'),
    ).toBeInTheDocument();
    expect(api.history).toHaveBeenCalledWith(GROUP);
  });

  it('lists the saved assessments with verdict, maturity, author and note', async () => {
    await render(async () => history([saved]));
    const table = await screen.findByTestId('readiness-history');
    expect(table).toHaveTextContent('Start planning');
    expect(table).toHaveTextContent('2.25');
    expect(table).toHaveTextContent('elena.rossi');
    expect(table).toHaveTextContent('Q4 review');
    expect(screen.getByRole('button', { name: 'CSV' })).toBeInTheDocument();
  });

  it('says the history could not be loaded, and why', async () => {
    await render(async () => {
      throw apiError(500, 'Error', 'database unavailable');
    });
    expect(await screen.findByText('database unavailable')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Could not load this');
  });

  it('tells a person without the permission that they may not see it', async () => {
    await render(async () => {
      throw apiError(
        403,
        'NotAllowedError',
        'readiness.assessment.read is required',
      );
    });
    expect(
      await screen.findByText('readiness.assessment.read is required'),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'You are not allowed to see this',
    );
    expect(screen.queryByTestId('readiness-history')).toBeNull();
  });
});
