import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  CostsClient,
  PeriodCost,
  PeriodQuery,
} from '@internal/plugin-costs-common';

/** @public */
export type CostsRequestOptions = {
  /** Whom the costs plugin answers for: a user, or the calling plugin's own credentials. */
  credentials: BackstageCredentials;
  /** Abort the request after this long; none by default. */
  timeoutMs?: number;
};

/**
 * The costs plugin as other backend plugins read it. A refused request throws a
 * `ResponseError` (its `statusCode` and the costs error kept); an unreachable plugin throws the
 * network error.
 *
 * @public
 */
export interface CostsService {
  /**
   * `GET /api/costs/period`: the infrastructure cost of the organisation, or of a team
   * (`teamRef`), over a quarter (`quarter: '2026-Q3'`) or a window of days (`from`, `to`):
   * its total (null where no day has data, never 0 for "unknown"), the currency, the days
   * covered, the sources, and whether a cluster is connected at all (`connection`).
   */
  getPeriodCost(
    query: PeriodQuery,
    options: CostsRequestOptions,
  ): Promise<PeriodCost>;
}

/**
 * The default client: the costs client of `-common` (generated from the backend's contract),
 * which finds the costs backend through discovery, called with a plugin-to-plugin token issued
 * on behalf of the caller.
 *
 * @public
 */
export function createCostsClient(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): CostsService {
  const { discovery, auth } = options;
  return {
    async getPeriodCost(query, request) {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: request.credentials,
        targetPluginId: 'costs',
      });
      const { timeoutMs } = request;
      const costs = new CostsClient({
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
      return costs.getPeriodCost(query, { token });
    },
  };
}
