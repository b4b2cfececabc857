import { ResponseError } from '@backstage/errors';
import {
  DefaultApiClient,
  TypedResponse,
} from './schema/openapi/generated/DefaultApiClient';
import type { components } from './schema/openapi/generated/types';

type Schemas = components['schemas'];

export type CostSource = Schemas['Source'];
export type CostConnection = Schemas['Connection'];
export type CostCoverage = Schemas['Coverage'];
export type ResourceCost = Schemas['ResourceCost'];
export type DailyCost = Schemas['DailyCost'];
export type TeamCost = Schemas['TeamCost'];
export type ServiceCost = Schemas['ServiceCost'];
export type WorkloadCost = Schemas['WorkloadCost'];
export type NamespaceIdle = Schemas['NamespaceIdle'];
export type CostOverview = Schemas['Overview'];
export type TeamCosts = Schemas['TeamCosts'];
export type EntityCosts = Schemas['EntityCosts'];
export type PeriodCost = Schemas['PeriodCost'];
export type CostCollection = Schemas['Collection'];

/** A window of days, `[from, to)`, `YYYY-MM-DD`. */
export type CostWindowQuery = { from: string; to: string };

/** A quarter (`2026-Q3`) or a window of days, of a team or (no teamRef) the organisation. */
export type PeriodQuery =
  | { quarter: string; teamRef?: string }
  | { from: string; to: string; teamRef?: string };

/** What another backend passes to call on behalf of a user. */
export type CostRequestOptions = { token?: string };

/** The costs backend (`/api/costs`), as the pages and other backends call it. */
export interface CostsApi {
  getOverview(
    window: CostWindowQuery,
    options?: CostRequestOptions,
  ): Promise<CostOverview>;
  getTeamCosts(
    teamRef: string,
    window: CostWindowQuery,
    options?: CostRequestOptions,
  ): Promise<TeamCosts>;
  getEntityCosts(
    entityRef: string,
    window: CostWindowQuery,
    options?: CostRequestOptions,
  ): Promise<EntityCosts>;
  /**
   * The organisation's cost over a quarter or a window of days, or a team's when `teamRef` is
   * given.
   */
  getPeriodCost(
    query: PeriodQuery,
    options?: CostRequestOptions,
  ): Promise<PeriodCost>;
  collect(options?: CostRequestOptions): Promise<CostCollection>;
}

/**
 * {@link CostsApi} over the client generated from the backend's contract: an answer that is
 * not 2xx is thrown as a ResponseError (the backend's error body, its status and message).
 */
export class CostsClient implements CostsApi {
  private readonly api: DefaultApiClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.api = new DefaultApiClient(options);
  }

  private async json<T>(response: Promise<TypedResponse<T>>): Promise<T> {
    const answer = await response;
    if (!answer.ok) {
      throw await ResponseError.fromResponse(answer as Response);
    }
    return answer.json();
  }

  getOverview(window: CostWindowQuery, options?: CostRequestOptions) {
    return this.json(this.api.getOverview({ query: window }, options));
  }

  getTeamCosts(
    teamRef: string,
    window: CostWindowQuery,
    options?: CostRequestOptions,
  ) {
    return this.json(
      this.api.getTeamCosts({ query: { teamRef, ...window } }, options),
    );
  }

  getEntityCosts(
    entityRef: string,
    window: CostWindowQuery,
    options?: CostRequestOptions,
  ) {
    return this.json(
      this.api.getEntityCosts({ query: { entityRef, ...window } }, options),
    );
  }

  getPeriodCost(query: PeriodQuery, options?: CostRequestOptions) {
    const { teamRef } = query;
    const period =
      'quarter' in query
        ? { quarter: query.quarter }
        : { from: query.from, to: query.to };
    return this.json(
      this.api.getPeriodCost(
        { query: { ...period, ...(teamRef ? { teamRef } : {}) } },
        options,
      ),
    );
  }

  collect(options?: CostRequestOptions) {
    return this.json(this.api.collectCosts({}, options));
  }
}
