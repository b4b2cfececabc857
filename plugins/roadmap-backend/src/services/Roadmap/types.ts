import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ProposalStatus,
  Roadmap,
  RoadmapItem,
  RoadmapProposal,
} from '@internal/plugin-roadmap-common';

/** Who calls: the user, and the credentials to call other plugins on their behalf. */
export type Caller = {
  userRef: string;
  credentials: BackstageCredentials;
};

/** The roadmap's logic: inputs parsed with the -common schemas, writes through the store. */
export interface RoadmapService {
  getRoadmap(): Promise<Roadmap>;
  createItem(input: unknown, caller: Caller): Promise<RoadmapItem>;
  updateItem(id: string, input: unknown, caller: Caller): Promise<RoadmapItem>;
  listProposals(
    status: ProposalStatus | undefined,
    caller: Caller,
  ): Promise<RoadmapProposal[]>;
  propose(input: unknown, caller: Caller): Promise<RoadmapProposal>;
  vote(id: string, caller: Caller): Promise<RoadmapProposal>;
  withdrawVote(id: string, caller: Caller): Promise<RoadmapProposal>;
  answer(id: string, answer: unknown, caller: Caller): Promise<RoadmapProposal>;
}

/** The scorecard initiatives an item may answer, read from the scorecards backend. */
export interface InitiativeDirectory {
  /**
   * The titles of the initiatives, in the order asked; throws an InputError naming the
   * `initiatives` field for an id the scorecards do not have.
   */
  titles(
    ids: string[],
    credentials: BackstageCredentials,
  ): Promise<{ id: string; title: string }[]>;
}
