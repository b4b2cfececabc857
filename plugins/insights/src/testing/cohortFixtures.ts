import {
  CohortComparison,
  CohortFigures,
  compareCohorts,
  COMPARISON_RULE,
} from '@internal/plugin-insights-common';

const figures = (over: Partial<CohortFigures>): CohortFigures => ({
  services: 12,
  servicesWithDeployments: 10,
  days: 365,
  weeks: 52,
  deployments: 1040,
  deploymentsPerServicePerWeek: 2,
  changes: 2600,
  medianLeadTimeHours: 30,
  failedDeployments: 104,
  changeFailureRate: 0.1,
  incidentsRestored: 90,
  medianTimeToRestoreHours: 5,
  ...over,
});

const window = { from: '2025-10-01', to: '2026-10-01' };

/** Off-road: 2 deploys per service-week, 30 h lead, 10 %, 5 h; the golden path does better. */
const offRoad = { ...figures({}), ...window };
const goldenPath = {
  ...figures({
    services: 8,
    servicesWithDeployments: 8,
    deploymentsPerServicePerWeek: 3,
    medianLeadTimeHours: 12,
    changeFailureRate: 0.04,
    medianTimeToRestoreHours: 4.8,
  }),
  ...window,
};
/** One team, adopted on 1 April 2026 by its first golden-path service; too few services. */
const before = {
  ...figures({ services: 3, servicesWithDeployments: 3, weeks: 25 }),
  from: '2025-10-01T00:00:00.000Z',
  to: '2026-04-01T00:00:00.000Z',
};
const after = {
  ...figures({
    services: 3,
    servicesWithDeployments: 3,
    weeks: 26,
    medianLeadTimeHours: 20,
  }),
  from: '2026-04-01T00:00:00.000Z',
  to: '2026-10-01T00:00:00.000Z',
};

export const cohortComparison: CohortComparison = {
  scope: {},
  window,
  rule: COMPARISON_RULE,
  goldenPath,
  offRoad,
  goldenPathAgainstOffRoad: compareCohorts(offRoad, goldenPath),
  teams: [
    {
      team: 'group:default/storefront-team',
      services: 3,
      goldenPathServices: 1,
      adoptedAt: '2026-04-01T00:00:00.000Z',
      adoptionSource: 'first-golden-path-service',
      before,
      after,
      comparison: compareCohorts(before, after),
    },
    {
      team: 'group:default/legacy-team',
      services: 2,
      goldenPathServices: 0,
      adoptedAt: null,
      adoptionSource: null,
      before: null,
      after: null,
      comparison: null,
    },
  ],
  adoption: {
    teams: 1,
    before,
    after,
    comparison: compareCohorts(before, after),
  },
};
