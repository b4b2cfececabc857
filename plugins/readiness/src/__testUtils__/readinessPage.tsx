import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  AssessmentHistory,
  AssessmentSummary,
} from '@internal/plugin-readiness-common';
import { ReadinessApi, readinessApiRef } from '../api';
import { ReadinessPage } from '../components/ReadinessPage';

/** The group the page tests assess: the catalog below knows it as "Payments Team". */
export const GROUP = 'group:default/payments-team';

/** The group's history as the backend answers it: due for an assessment when it has none. */
export function historyOf(assessments: AssessmentSummary[]): AssessmentHistory {
  return {
    groupRef: GROUP,
    assessments,
    lastAssessedAt: assessments.at(-1)?.assessedAt ?? null,
    daysSinceLast: assessments.length ? 31 : null,
    stale: assessments.length === 0,
  };
}

/**
 * The readiness page with a fake API (only the methods a test needs) and a catalog holding the
 * payments team; by default the team is chosen, as `?group=` in the address.
 */
export async function renderReadinessPage(
  api: Partial<ReadinessApi>,
  path = `/readiness?group=${encodeURIComponent(GROUP)}`,
): Promise<void> {
  await renderInTestApp(<ReadinessPage />, {
    apis: [
      [readinessApiRef, api as ReadinessApi],
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
    initialRouteEntries: [path],
  });
}
