import { ResponseError } from '@backstage/errors';
import {
  CheckInfo,
  EntityScorecard,
  GithubRequestTotal,
  ScorecardSummary,
  TeamScorecard,
  WaiverRequest,
} from './api';
import {
  Initiative,
  InitiativeDetail,
  InitiativeInput,
  InitiativeOverview,
} from './initiatives';
import { Waiver } from './types';
import {
  DefaultApiClient,
  TypedResponse,
} from './schema/openapi/generated/DefaultApiClient';

/** The scorecards backend (`/api/scorecards`) as the frontend and other backends use it. */
export interface ScorecardsApi {
  listChecks(): Promise<{ levels: string[]; checks: CheckInfo[] }>;
  getEntityScorecard(entityRef: string): Promise<EntityScorecard>;
  getSummary(ownerRef?: string): Promise<ScorecardSummary>;
  getTeam(ownerRef: string): Promise<TeamScorecard>;
  /** The GitHub requests per repository per day over the last `days` days. */
  listGithubRequests(days?: number): Promise<GithubRequestTotal[]>;
  listWaivers(filter?: {
    entityRef?: string;
    status?: Waiver['status'];
  }): Promise<Waiver[]>;
  requestWaiver(request: WaiverRequest): Promise<Waiver>;
  decideWaiver(
    id: string,
    decision: 'grant' | 'reject',
    comment?: string,
  ): Promise<Waiver>;
  refresh(): Promise<void>;
  listInitiatives(): Promise<InitiativeOverview[]>;
  getInitiative(id: string): Promise<InitiativeDetail>;
  createInitiative(input: InitiativeInput): Promise<Initiative>;
  updateInitiative(id: string, input: InitiativeInput): Promise<Initiative>;
}

/**
 * {@link ScorecardsApi} over the client generated from the backend's contract: a response that
 * is not 2xx is thrown as a ResponseError (the backend's error body, status and message).
 */
export class ScorecardsClient implements ScorecardsApi {
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

  listChecks() {
    return this.json(this.api.listChecks({}));
  }

  getEntityScorecard(entityRef: string): Promise<EntityScorecard> {
    return this.json(
      this.api.getEntityScorecard({ query: { entityRef } }),
    ) as Promise<EntityScorecard>;
  }

  getSummary(ownerRef?: string): Promise<ScorecardSummary> {
    return this.json(
      this.api.getSummary({ query: ownerRef ? { owner: ownerRef } : {} }),
    );
  }

  getTeam(ownerRef: string): Promise<TeamScorecard> {
    return this.json(this.api.getTeam({ query: { owner: ownerRef } }));
  }

  async listGithubRequests(days = 7): Promise<GithubRequestTotal[]> {
    return (await this.json(this.api.listGithubRequests({ query: { days } })))
      .items;
  }

  async listWaivers(
    filter: { entityRef?: string; status?: Waiver['status'] } = {},
  ): Promise<Waiver[]> {
    const query = {
      ...(filter.entityRef ? { entityRef: filter.entityRef } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    };
    return (await this.json(this.api.listWaivers({ query }))).items as Waiver[];
  }

  requestWaiver(request: WaiverRequest): Promise<Waiver> {
    return this.json(
      this.api.requestWaiver({ body: request }),
    ) as Promise<Waiver>;
  }

  decideWaiver(
    id: string,
    decision: 'grant' | 'reject',
    comment?: string,
  ): Promise<Waiver> {
    return this.json(
      this.api.decideWaiver({
        path: { id },
        body: { decision, ...(comment ? { comment } : {}) },
      }),
    ) as Promise<Waiver>;
  }

  async refresh(): Promise<void> {
    await this.ok(await this.api.refresh({}));
  }

  async listInitiatives(): Promise<InitiativeOverview[]> {
    return (await this.json(this.api.listInitiatives({})))
      .items as InitiativeOverview[];
  }

  getInitiative(id: string): Promise<InitiativeDetail> {
    return this.json(
      this.api.getInitiative({ path: { id } }),
    ) as Promise<InitiativeDetail>;
  }

  createInitiative(input: InitiativeInput): Promise<Initiative> {
    return this.json(
      this.api.createInitiative({ body: input }),
    ) as Promise<Initiative>;
  }

  updateInitiative(id: string, input: InitiativeInput): Promise<Initiative> {
    return this.json(
      this.api.updateInitiative({ path: { id }, body: input }),
    ) as Promise<Initiative>;
  }
}
