import { ResponseError } from '@backstage/errors';
import {
  DefaultApiClient,
  TypedResponse,
} from './schema/openapi/generated/DefaultApiClient';
import {
  AdoptionSummary,
  BackfillStatus,
  DoraSummary,
  DoraThresholds,
  DoraWindows,
  SurveyAnswerInput,
  SurveyComments,
  SurveyResult,
  SurveyTrend,
} from './types';
import { CohortComparison, TeamAdoptionDate } from './cohorts';

/**
 * What the metrics are asked for: one component (`entityRef`), one group (`group`), or the
 * whole organisation (neither), over `[from, to)` (ISO 8601).
 */
export type InsightsScope = {
  entityRef?: string;
  group?: string;
  from: string;
  to: string;
};

/** The answer of `GET /api/insights/definitions`. */
export type InsightsDefinitions = {
  thresholds: DoraThresholds;
  productionEnvironmentPattern: string;
  incidentLabelPattern: string;
  seedTargets: Record<string, string>;
  kpiTargets: Record<string, number>;
};

/** A person's current survey answer as the backend stores it. */
export type StoredSurveyAnswer = Omit<SurveyAnswerInput, 'comment'> & {
  quarter: string;
  answeredAt: string;
};

/** The answer of `GET /api/insights/survey/mine`. */
export type MySurveyAnswer = {
  quarter: string;
  /** Scores only: comments are stored without their author and cannot be read back. */
  answer: StoredSurveyAnswer | null;
};

/** For a call made by a backend: the token it calls with (a browser's fetch adds its own). */
export type InsightsCallOptions = { token?: string };

/** The insights backend (`/api/insights`), as the pages and other backends call it. */
export interface InsightsApi {
  getDora(
    scope: InsightsScope,
    options?: InsightsCallOptions,
  ): Promise<DoraSummary>;
  /** A few windows' lead time and time to restore, read at once (no weekly series). */
  getDoraWindows(
    query: DoraWindowsQuery,
    options?: InsightsCallOptions,
  ): Promise<DoraWindows>;
  getAdoption(
    scope: Omit<InsightsScope, 'entityRef'>,
    options?: InsightsCallOptions,
  ): Promise<AdoptionSummary>;
  getDefinitions(): Promise<InsightsDefinitions>;
  getSurveyResults(
    quarter: string,
    group?: string,
    options?: InsightsCallOptions,
  ): Promise<SurveyResult>;
  /** The last `quarters` closed quarters' results, oldest first (4 when left out). */
  getSurveyTrend(
    query: { group?: string; quarters?: number },
    options?: InsightsCallOptions,
  ): Promise<SurveyTrend>;
  /** The comments of the last closed quarters, by quarter: the platform team. */
  getSurveyComments(quarters?: number): Promise<SurveyComments>;
  getMySurveyAnswer(quarter?: string): Promise<MySurveyAnswer>;
  answerSurvey(answer: SurveyAnswerInput): Promise<StoredSurveyAnswer>;
  getBackfillStatus(): Promise<BackfillStatus>;
  /** Golden path against off-road, and each team before against after adopting the platform. */
  getCohorts(
    scope: Omit<InsightsScope, 'entityRef'>,
    options?: InsightsCallOptions,
  ): Promise<CohortComparison>;
  /** Sets the date a team adopted the platform: platform admins. */
  setTeamAdoptionDate(
    team: string,
    adoptedAt: string,
  ): Promise<TeamAdoptionDate>;
  /** Clears it, so the team's first golden-path service counts again: platform admins. */
  clearTeamAdoptionDate(team: string): Promise<TeamAdoptionDate>;
}

/**
 * The windows of `GET /dora/windows` (ISO 8601 dates or timestamps, `[from, to)`): `windows`
 * with their lead times, `incidentWindows` for their incidents alone; of one component, one
 * group, or the organisation (neither).
 */
export type DoraWindowsQuery = {
  entityRef?: string;
  group?: string;
  windows?: { from: string; to: string }[];
  incidentWindows?: { from: string; to: string }[];
};

/** A scope's query in a fixed order, so the same question is always the same URL. */
function scopeQuery(scope: Partial<InsightsScope>) {
  const query: Record<string, string> = {};
  for (const key of ['entityRef', 'group', 'from', 'to'] as const) {
    const value = scope[key];
    if (value) query[key] = value;
  }
  return query as InsightsScope;
}

/**
 * {@link InsightsApi} over the client generated from the backend's contract: a response that
 * is not 2xx is thrown as a ResponseError (the backend's error body, its status and message).
 */
export class InsightsClient implements InsightsApi {
  private readonly api: DefaultApiClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.api = new DefaultApiClient(options);
  }

  private async json<T>(response: Promise<TypedResponse<T>>): Promise<T> {
    const res = await response;
    if (!res.ok) throw await ResponseError.fromResponse(res as Response);
    return res.json();
  }

  getDora(
    scope: InsightsScope,
    options?: InsightsCallOptions,
  ): Promise<DoraSummary> {
    return this.json(
      this.api.getDoraSummary({ query: scopeQuery(scope) }, options),
    ) as Promise<DoraSummary>;
  }

  getDoraWindows(
    query: DoraWindowsQuery,
    options?: InsightsCallOptions,
  ): Promise<DoraWindows> {
    return this.json(
      this.api.getDoraWindows(
        {
          query: {
            ...(query.entityRef ? { entityRef: query.entityRef } : {}),
            ...(query.group ? { group: query.group } : {}),
            window: query.windows?.map(w => `${w.from}/${w.to}`),
            incidentWindow: query.incidentWindows?.map(
              w => `${w.from}/${w.to}`,
            ),
          },
        },
        options,
      ),
    ) as Promise<DoraWindows>;
  }

  getAdoption(
    scope: Omit<InsightsScope, 'entityRef'>,
    options?: InsightsCallOptions,
  ): Promise<AdoptionSummary> {
    return this.json(
      this.api.getAdoptionSummary({ query: scopeQuery(scope) }, options),
    ) as Promise<AdoptionSummary>;
  }

  getDefinitions(): Promise<InsightsDefinitions> {
    return this.json(
      this.api.getDefinitions({}),
    ) as Promise<InsightsDefinitions>;
  }

  getSurveyResults(
    quarter: string,
    group?: string,
    options?: InsightsCallOptions,
  ): Promise<SurveyResult> {
    return this.json(
      this.api.getSurveyResults(
        { query: group ? { quarter, group } : { quarter } },
        options,
      ),
    ) as Promise<SurveyResult>;
  }

  getSurveyTrend(
    query: { group?: string; quarters?: number },
    options?: InsightsCallOptions,
  ): Promise<SurveyTrend> {
    const q: { group?: string; quarters?: number } = {};
    if (query.group) q.group = query.group;
    if (query.quarters !== undefined) q.quarters = query.quarters;
    return this.json(
      this.api.getSurveyTrend({ query: q }, options),
    ) as Promise<SurveyTrend>;
  }

  getSurveyComments(quarters?: number): Promise<SurveyComments> {
    return this.json(
      this.api.getSurveyComments({
        query: quarters === undefined ? {} : { quarters },
      }),
    ) as Promise<SurveyComments>;
  }

  getMySurveyAnswer(quarter?: string): Promise<MySurveyAnswer> {
    return this.json(
      this.api.getMySurveyAnswer({ query: quarter ? { quarter } : {} }),
    );
  }

  answerSurvey(answer: SurveyAnswerInput): Promise<StoredSurveyAnswer> {
    return this.json(this.api.answerSurvey({ body: answer }));
  }

  getBackfillStatus(): Promise<BackfillStatus> {
    return this.json(this.api.getBackfillStatus({}));
  }

  getCohorts(
    scope: Omit<InsightsScope, 'entityRef'>,
    options?: InsightsCallOptions,
  ): Promise<CohortComparison> {
    return this.json(
      this.api.getCohortComparison({ query: scopeQuery(scope) }, options),
    ) as Promise<CohortComparison>;
  }

  setTeamAdoptionDate(
    team: string,
    adoptedAt: string,
  ): Promise<TeamAdoptionDate> {
    return this.json(
      this.api.setTeamAdoptionDate({ body: { team, adoptedAt } }),
    );
  }

  clearTeamAdoptionDate(team: string): Promise<TeamAdoptionDate> {
    return this.json(this.api.clearTeamAdoptionDate({ query: { team } }));
  }
}
