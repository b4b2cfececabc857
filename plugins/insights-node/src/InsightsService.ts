import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { AdoptionSummary, DoraSummary } from '@internal/plugin-insights-common';

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
  /** `GET /api/insights/adoption`: the adoption KPIs and golden path usage. */
  getAdoption(
    query: Omit<InsightsQuery, 'entityRef'>,
    options: InsightsRequestOptions,
  ): Promise<AdoptionSummary>;
}

/**
 * The default client: finds the insights backend through discovery and calls it with a
 * plugin-to-plugin token issued on behalf of the caller.
 *
 * @public
 */
export function createInsightsClient(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): InsightsService {
  const { discovery, auth } = options;

  async function get<T>(
    path: string,
    query: Partial<InsightsQuery>,
    request: InsightsRequestOptions,
  ): Promise<T> {
    const base = await discovery.getBaseUrl('insights');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: request.credentials,
      targetPluginId: 'insights',
    });
    // A fixed order, so the same question is always the same URL.
    const params = new URLSearchParams();
    for (const key of ['entityRef', 'group', 'from', 'to'] as const) {
      const value = query[key];
      if (value !== undefined) params.set(key, value);
    }
    const res = await fetch(`${base}${path}?${params}`, {
      headers: { Authorization: `Bearer ${token}` },
      ...(request.timeoutMs !== undefined
        ? { signal: AbortSignal.timeout(request.timeoutMs) }
        : {}),
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }

  return {
    getDora: (query, request) => get<DoraSummary>('/dora', query, request),
    getAdoption: (query, request) =>
      get<AdoptionSummary>('/adoption', query, request),
  };
}
