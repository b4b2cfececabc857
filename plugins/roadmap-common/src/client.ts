import { ResponseError } from '@backstage/errors';
import { RoadmapProgress } from './progress';
import {
  ProposalAnswer,
  ProposalInput,
  ProposalStatus,
  RoadmapItem,
  RoadmapItemInput,
  RoadmapProposal,
} from './types';
import {
  DefaultApiClient,
  TypedResponse,
} from './schema/openapi/generated/DefaultApiClient';

/** The answer of `GET /api/roadmap/items`. */
export type Roadmap = { items: RoadmapItem[]; progress: RoadmapProgress };

/** The roadmap backend (`/api/roadmap`) as the frontend uses it. */
export interface RoadmapApi {
  getRoadmap(): Promise<Roadmap>;
  createItem(input: RoadmapItemInput): Promise<RoadmapItem>;
  updateItem(id: string, input: RoadmapItemInput): Promise<RoadmapItem>;
  listProposals(status?: ProposalStatus): Promise<RoadmapProposal[]>;
  propose(input: ProposalInput): Promise<RoadmapProposal>;
  vote(id: string): Promise<RoadmapProposal>;
  withdrawVote(id: string): Promise<RoadmapProposal>;
  answer(id: string, answer: ProposalAnswer): Promise<RoadmapProposal>;
}

/**
 * {@link RoadmapApi} over the client generated from the backend's contract: a response that is
 * not 2xx is thrown as a ResponseError (the backend's error body, status and message).
 */
export class RoadmapClient implements RoadmapApi {
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

  getRoadmap(): Promise<Roadmap> {
    return this.json(this.api.listItems({})) as Promise<Roadmap>;
  }

  createItem(input: RoadmapItemInput): Promise<RoadmapItem> {
    return this.json(
      this.api.createItem({ body: input }),
    ) as Promise<RoadmapItem>;
  }

  updateItem(id: string, input: RoadmapItemInput): Promise<RoadmapItem> {
    return this.json(
      this.api.updateItem({ path: { id }, body: input }),
    ) as Promise<RoadmapItem>;
  }

  async listProposals(status?: ProposalStatus): Promise<RoadmapProposal[]> {
    const query = status ? { status } : {};
    return (await this.json(this.api.listProposals({ query })))
      .items as RoadmapProposal[];
  }

  propose(input: ProposalInput): Promise<RoadmapProposal> {
    return this.json(
      this.api.createProposal({ body: input }),
    ) as Promise<RoadmapProposal>;
  }

  vote(id: string): Promise<RoadmapProposal> {
    return this.json(
      this.api.vote({ path: { id } }),
    ) as Promise<RoadmapProposal>;
  }

  withdrawVote(id: string): Promise<RoadmapProposal> {
    return this.json(
      this.api.withdrawVote({ path: { id } }),
    ) as Promise<RoadmapProposal>;
  }

  answer(id: string, answer: ProposalAnswer): Promise<RoadmapProposal> {
    return this.json(
      this.api.answerProposal({ path: { id }, body: answer }),
    ) as Promise<RoadmapProposal>;
  }
}
