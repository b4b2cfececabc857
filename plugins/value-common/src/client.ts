import { ResponseError } from '@backstage/errors';
import { Baseline, QuarterReport, ScopeBaseline } from './api';
import { AdoptBaselineRequest } from './requests';
import {
  DefaultApiClient,
  TypedResponse,
} from './schema/openapi/generated/DefaultApiClient';

/** The value backend (`/api/value`) as the page and other backends call it. */
export interface ValueApi {
  getBaseline(scope: string): Promise<ScopeBaseline>;
  adoptBaseline(request: AdoptBaselineRequest): Promise<Baseline>;
  getReport(scope: string, quarter: number): Promise<QuarterReport>;
}

/**
 * {@link ValueApi} over the client generated from the backend's contract: a response that is
 * not 2xx is thrown as a ResponseError (the backend's error body, status and message).
 */
export class ValueClient implements ValueApi {
  private readonly api: DefaultApiClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.api = new DefaultApiClient(options);
  }

  private async json<T>(response: Promise<TypedResponse<T>>): Promise<T> {
    const answered = await response;
    if (!answered.ok) {
      throw await ResponseError.fromResponse(answered as Response);
    }
    return answered.json();
  }

  getBaseline(scope: string): Promise<ScopeBaseline> {
    return this.json(
      this.api.getBaseline({ query: { scope } }),
    ) as Promise<ScopeBaseline>;
  }

  adoptBaseline(request: AdoptBaselineRequest): Promise<Baseline> {
    return this.json(
      this.api.adoptBaseline({ body: request }),
    ) as Promise<Baseline>;
  }

  getReport(scope: string, quarter: number): Promise<QuarterReport> {
    return this.json(
      this.api.getReport({ query: { scope, quarter } }),
    ) as Promise<QuarterReport>;
  }
}
