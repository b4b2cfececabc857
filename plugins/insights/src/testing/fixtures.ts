import { AdoptionSummary, DoraSummary } from '@internal/plugin-insights-common';
import { InsightsApi } from '../api';
import { cohortComparison } from './cohortFixtures';

/** A quarter of delivery figures for the page and card tests. */
export const doraSummary: DoraSummary = {
  scope: { repositories: 6 },
  window: {
    from: '2026-10-01T00:00:00.000Z',
    to: '2026-12-31T23:59:59.999Z',
    days: 92,
    weeks: 13,
    months: 3,
  },
  deploymentFrequency: {
    deployments: 52,
    deploymentsPerWeek: 4,
    medianDeployDaysPerWeek: 3,
    medianDeployDaysPerMonth: 12,
    category: 'high',
  },
  leadTimeForChanges: {
    changes: 80,
    medianHours: 20.5,
    p90Hours: 70,
    category: 'high',
  },
  changeFailureRate: {
    deployments: 52,
    failedDeployments: 4,
    rate: 4 / 52,
    category: 'elite',
  },
  timeToRestore: { incidents: 3, medianHours: 0.5, category: 'elite' },
  weekly: [],
};

/** The same quarter with no deployment, change or incident: every figure is empty. */
export const emptyDoraSummary: DoraSummary = {
  ...doraSummary,
  scope: { repositories: 0 },
  deploymentFrequency: {
    deployments: 0,
    deploymentsPerWeek: 0,
    medianDeployDaysPerWeek: null,
    medianDeployDaysPerMonth: null,
    category: null,
  },
  leadTimeForChanges: {
    changes: 0,
    medianHours: null,
    p90Hours: null,
    category: null,
  },
  changeFailureRate: {
    deployments: 0,
    failedDeployments: 0,
    rate: null,
    category: null,
  },
  timeToRestore: { incidents: 0, medianHours: null, category: null },
};

export const adoptionSummary: AdoptionSummary = {
  window: { from: doraSummary.window.from, to: doraSummary.window.to },
  kpis: [
    {
      id: 'teamAdoption',
      label: 'Team adoption',
      value: 0.6,
      unit: 'fraction',
      target: '≥ 80%',
      met: false,
      definition:
        'Teams owning at least one component on the platform ÷ teams owning components.',
      numerator: 3,
      denominator: 5,
    },
  ],
  goldenPathUsage: [],
  components: [],
};

/** An insights API whose every call answers from the fixtures unless a test overrides it. */
export function mockInsightsApi(
  overrides: Partial<InsightsApi> = {},
): jest.Mocked<InsightsApi> {
  const never = () => new Promise<never>(() => {});
  return {
    getDora: jest.fn(async () => doraSummary),
    getAdoption: jest.fn(async () => adoptionSummary),
    getDefinitions: jest.fn(never),
    getSurveyResults: jest.fn(async (quarter: string) => ({
      quarter,
      threshold: 5,
      disclosed: false,
      withheld: 'quarterOpen' as const,
      answers: null,
      promoters: null,
      passives: null,
      detractors: null,
      nps: null,
      averageSatisfaction: null,
      infrastructureShareAnswers: null,
      averageInfrastructureSharePct: null,
    })),
    getSurveyTrend: jest.fn(async () => ({ threshold: 5, quarters: [] })),
    getSurveyComments: jest.fn(async () => ({ threshold: 5, quarters: [] })),
    getMySurveyAnswer: jest.fn(async () => ({
      quarter: '2026-Q4',
      answer: null,
    })),
    answerSurvey: jest.fn(never),
    getBackfillStatus: jest.fn(async () => ({ running: false, lastRun: null })),
    getCohorts: jest.fn(async () => cohortComparison),
    ...overrides,
  } as jest.Mocked<InsightsApi>;
}
