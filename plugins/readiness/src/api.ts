import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AssessmentComparison,
  AssessmentHistory,
  AssessmentSummary,
  EvaluateRequest,
  Evidence,
  ReadinessResult,
  SaveRequest,
  SavedAssessment,
} from '@internal/plugin-readiness-common';

export interface ReadinessApi {
  evaluate(request: EvaluateRequest): Promise<ReadinessResult>;
  evidence(groupRef: string): Promise<Evidence>;
  save(request: SaveRequest): Promise<SavedAssessment>;
  get(id: string): Promise<SavedAssessment>;
  history(groupRef: string): Promise<AssessmentHistory>;
  latest(): Promise<AssessmentSummary[]>;
  compare(a: string, b: string): Promise<AssessmentComparison>;
  /** The export file as text, with its file name. */
  exportFile(
    id: string,
    format: 'markdown' | 'csv',
  ): Promise<{ filename: string; body: string }>;
}

export const readinessApiRef = createApiRef<ReadinessApi>({
  id: 'plugin.readiness.api',
});

export class ReadinessClient implements ReadinessApi {
  constructor(
    private readonly discovery: DiscoveryApi,
    private readonly fetchApi: FetchApi,
  ) {}

  private async raw(path: string, init?: RequestInit): Promise<Response> {
    const base = await this.discovery.getBaseUrl('readiness');
    const res = await this.fetchApi.fetch(`${base}${path}`, init);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res;
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await (await this.raw(path, init)).json()) as T;
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  evaluate(request: EvaluateRequest) {
    return this.post<ReadinessResult>('/evaluate', request);
  }

  evidence(groupRef: string) {
    return this.json<Evidence>(
      `/evidence?group=${encodeURIComponent(groupRef)}`,
    );
  }

  save(request: SaveRequest) {
    return this.post<SavedAssessment>('/assessments', request);
  }

  get(id: string) {
    return this.json<SavedAssessment>(`/assessments/${encodeURIComponent(id)}`);
  }

  history(groupRef: string) {
    return this.json<AssessmentHistory>(
      `/history?group=${encodeURIComponent(groupRef)}`,
    );
  }

  async latest() {
    return (
      await this.json<{ items: AssessmentSummary[] }>('/assessments/latest')
    ).items;
  }

  compare(a: string, b: string) {
    return this.json<AssessmentComparison>(
      `/assessments/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(
        b,
      )}`,
    );
  }

  async exportFile(id: string, format: 'markdown' | 'csv') {
    const res = await this.raw(
      `/assessments/${encodeURIComponent(id)}/export?format=${format}`,
    );
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ??
      `readiness.${format === 'csv' ? 'csv' : 'md'}`;
    return { filename, body: await res.text() };
  }
}
