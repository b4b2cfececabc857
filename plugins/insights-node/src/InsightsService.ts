import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  AdoptionSummary,
  CohortComparison,
  DoraSummary,
  DoraWindows,
  DoraWindowsQuery,
  InsightsClient,
  SurveyResult,
  SurveyTrend,
} from '@internal/plugin-insights-common';

/**
 * What the metrics are asked for: one component (`entityRef`), one group (`group`), or the
 * whole organisation (neither), over `[from, to)` (ISO 8601).
 *
 * @public
 */
export type InsightsQuery = {
  entityRef?: string;
  group?: string;
  from: string;
  to: string;
};

/**
 * The survey's results asked for: one closed quarter (e.g. `2025-Q3`), of one group or of the
 * organisation (no group).
 *
 * @public
 */
export type SurveyResultsQuery = { quarter: string; group?: string };

/** @public */
export type InsightsRequestOptions = {
  /** Whom the insights plugin answers for: its permissions apply to them. */
  credentials: BackstageCredentials;
  /** Abort the request after this long; none by default. */
  timeoutMs?: number;
};

/**
 * The insights plugin as other backend plugins read it. A refused request throws a
 * `ResponseError` (its `statusCode` and the insights error kept); an unreachable plugin throws
 * the network error.
 *
 * @public
 */
export interface InsightsService {
  /** `GET /api/insights/dora`: the four DORA metrics and their weekly series. */
  getDora(
    query: InsightsQuery,
    options: InsightsRequestOptions,
  ): Promise<DoraSummary>;
  /**
   * `GET /api/insights/dora/windows`: a few windows' changes and median lead time (or, for
   * `incidentWindows`, none) and incidents restored and median time to restore, in one read,
   * each as the same figure of `getDora` over that window.
   */
  getDoraWindows(
    query: DoraWindowsQuery,
    options: InsightsRequestOptions,
  ): Promise<DoraWindows>;
  /** `GET /api/insights/adoption`: the adoption KPIs and golden path usage. */
  getAdoption(
    query: Omit<InsightsQuery, 'entityRef'>,
    options: InsightsRequestOptions,
  ): Promise<AdoptionSummary>;
  /**
   * `GET /api/insights/cohorts`: delivery metrics of golden-path services against off-road
   * ones, and of each team before against after it adopted the platform (pooled in
   * `adoption`), with the services and weeks behind each figure and a verdict only where the
   * samples allow one.
   */
  getCohorts(
    query: Omit<InsightsQuery, 'entityRef'>,
    options: InsightsRequestOptions,
  ): Promise<CohortComparison>;
  /**
   * `GET /api/insights/survey/results`: a quarter's survey results of a scope, among them the
   * average share of time on infrastructure and tooling (`averageInfrastructureSharePct`),
   * null where withheld to keep answers anonymous.
   */
  getSurveyResults(
    query: SurveyResultsQuery,
    options: InsightsRequestOptions,
  ): Promise<SurveyResult>;
  /** `GET /api/insights/survey/trend`: the last closed quarters' results, oldest first. */
  getSurveyTrend(
    query: { group?: string; quarters?: number },
    options: InsightsRequestOptions,
  ): Promise<SurveyTrend>;
}

/**
 * The default client: the insights client of `-common` (generated from the backend's contract),
 * which finds the insights backend through discovery, called with a plugin-to-plugin token issued
 * on behalf of the caller.
 *
 * @public
 */
export function createInsightsClient(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): InsightsService {
  const { discovery, auth } = options;

  /** A client whose requests end after `timeoutMs`, and the token to call with. */
  async function client(request: InsightsRequestOptions) {
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: request.credentials,
      targetPluginId: 'insights',
    });
    const { timeoutMs } = request;
    const insights = new InsightsClient({
      discoveryApi: discovery,
      fetchApi: {
        fetch: (input, init) =>
          fetch(
            input,
            timeoutMs !== undefined
              ? { ...init, signal: AbortSignal.timeout(timeoutMs) }
              : init,
          ),
      },
    });
    return { insights, token };
  }

  return {
    getDora: async (query, request) => {
      const { insights, token } = await client(request);
      return insights.getDora(query, { token });
    },
    getDoraWindows: async (query, request) => {
      const { insights, token } = await client(request);
      return insights.getDoraWindows(query, { token });
    },
    getAdoption: async (query, request) => {
      const { insights, token } = await client(request);
      return insights.getAdoption(query, { token });
    },
    getCohorts: async (query, request) => {
      const { insights, token } = await client(request);
      return insights.getCohorts(query, { token });
    },
    getSurveyResults: async (query, request) => {
      const { insights, token } = await client(request);
      return insights.getSurveyResults(query.quarter, query.group, { token });
    },
    getSurveyTrend: async (query, request) => {
      const { insights, token } = await client(request);
      return insights.getSurveyTrend(query, { token });
    },
  };
}
