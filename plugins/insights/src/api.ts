import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AdoptionSummary,
  BackfillStatus,
  DoraSummary,
  DoraThresholds,
  SurveyAnswerInput,
  SurveyResult,
} from '@internal/plugin-insights-common';

export type InsightsScope = {
  entityRef?: string;
  group?: string;
  from: string;
  to: string;
};

export type InsightsDefinitions = {
  thresholds: DoraThresholds;
  productionEnvironmentPattern: string;
  incidentLabelPattern: string;
  seedTargets: Record<string, string>;
};

export type MySurveyAnswer = {
  quarter: string;
  /** Scores only: comments are stored without their author and cannot be read back. */
  answer:
    | null
    | (Omit<SurveyAnswerInput, 'comment'> & {
        quarter: string;
        answeredAt: string;
      });
};

export interface InsightsApi {
  getDora(scope: InsightsScope): Promise<DoraSummary>;
  getAdoption(scope: InsightsScope): Promise<AdoptionSummary>;
  getDefinitions(): Promise<InsightsDefinitions>;
  getSurveyResults(quarter: string, group?: string): Promise<SurveyResult>;
  getMySurveyAnswer(quarter?: string): Promise<MySurveyAnswer>;
  answerSurvey(answer: SurveyAnswerInput): Promise<unknown>;
  getBackfillStatus(): Promise<BackfillStatus>;
}

export const insightsApiRef = createApiRef<InsightsApi>({
  id: 'plugin.insights.api',
});

export class InsightsClient implements InsightsApi {
  constructor(
    private readonly discovery: DiscoveryApi,
    private readonly fetchApi: FetchApi,
  ) {}

  private async call<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.discovery.getBaseUrl('insights');
    const res = await this.fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }

  private query(params: Record<string, string | undefined>) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    return q.toString();
  }

  getDora(scope: InsightsScope) {
    return this.call<DoraSummary>(`/dora?${this.query(scope)}`);
  }
  getAdoption(scope: InsightsScope) {
    return this.call<AdoptionSummary>(`/adoption?${this.query(scope)}`);
  }
  getDefinitions() {
    return this.call<InsightsDefinitions>('/definitions');
  }
  getSurveyResults(quarter: string, group?: string) {
    return this.call<SurveyResult>(
      `/survey/results?${this.query({ quarter, group })}`,
    );
  }
  getMySurveyAnswer(quarter?: string) {
    return this.call<MySurveyAnswer>(`/survey/mine?${this.query({ quarter })}`);
  }
  answerSurvey(answer: SurveyAnswerInput) {
    return this.call('/survey', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(answer),
    });
  }
  getBackfillStatus() {
    return this.call<BackfillStatus>('/backfill/status');
  }
}
