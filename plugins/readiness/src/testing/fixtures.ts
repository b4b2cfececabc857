import { AssessmentSummary } from '@internal/plugin-readiness-common';

/** A saved "Start planning" assessment of the payments team, for page and card tests. */
export function assessmentSummary(
  overrides: Partial<AssessmentSummary> = {},
): AssessmentSummary {
  return {
    id: 'r1',
    groupRef: 'group:default/payments-team',
    groupTitle: 'Payments Team',
    scope: 'team',
    assessedAt: '2026-11-02T09:30:00.000Z',
    verdict: 'plan',
    trajectory: null,
    colours: {
      teamSize: 'yellow',
      deploymentFriction: 'yellow',
      infrastructureComplexity: 'yellow',
      developerComplaints: 'yellow',
      shadowIt: 'red',
      onboardingTime: 'red',
      contextSwitching: 'green',
    },
    aspectScores: null,
    author: 'user:default/elena.rossi',
    note: null,
    counts: { green: 1, yellow: 4, red: 2 },
    measured: [],
    maturityOverall: null,
    ...overrides,
  };
}
