import { ResponseError } from '@backstage/errors';
import { ReadinessResult } from './evaluate';
import { Evidence } from './evidence';
import { AssessmentComparison } from './history';
import type { EvaluateRequest, SaveRequest } from './schema';
import {
  DefaultApiClient,
  TypedResponse,
} from './schema/openapi/generated/DefaultApiClient';
import type { components } from './schema/openapi/generated/types';
import { AssessmentHistory, AssessmentSummary, SavedAssessment } from './types';

/** The readiness backend (`/api/readiness`), as the page and other backends call it. */
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

type Schemas = components['schemas'];

/**
 * {@link ReadinessApi} over the client generated from the backend's contract: a response that
 * is not 2xx is thrown as a ResponseError (the backend's error body, its status and message).
 */
export class ReadinessClient implements ReadinessApi {
  private readonly api: DefaultApiClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.api = new DefaultApiClient(options);
  }

  private async ok<T>(response: TypedResponse<T>): Promise<TypedResponse<T>> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response as Response);
    }
    return response;
  }

  private async json<T>(response: Promise<TypedResponse<T>>): Promise<T> {
    return (await this.ok(await response)).json();
  }

  // The page's request types are the zod schemas' (maturity levels already numbers); the
  // contract admits them as they are.
  evaluate(request: EvaluateRequest): Promise<ReadinessResult> {
    return this.json(
      this.api.evaluate({ body: request as Schemas['EvaluateRequest'] }),
    );
  }

  evidence(groupRef: string): Promise<Evidence> {
    return this.json(this.api.getEvidence({ query: { group: [groupRef] } }));
  }

  save(request: SaveRequest): Promise<SavedAssessment> {
    return this.json(
      this.api.saveAssessment({ body: request as Schemas['SaveRequest'] }),
    );
  }

  get(id: string): Promise<SavedAssessment> {
    return this.json(this.api.getAssessment({ path: { id } }));
  }

  history(groupRef: string): Promise<AssessmentHistory> {
    return this.json(this.api.getHistory({ query: { group: groupRef } }));
  }

  async latest(): Promise<AssessmentSummary[]> {
    return (await this.json(this.api.latestAssessments({}))).items;
  }

  compare(a: string, b: string): Promise<AssessmentComparison> {
    return this.json(this.api.compareAssessments({ query: { a, b } }));
  }

  async exportFile(
    id: string,
    format: 'markdown' | 'csv',
  ): Promise<{ filename: string; body: string }> {
    const response = await this.ok(
      await this.api.exportAssessment({ path: { id }, query: { format } }),
    );
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ??
      `readiness.${format === 'csv' ? 'csv' : 'md'}`;
    return { filename, body: await response.text() };
  }
}
