import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  answersAllowed,
  InitiativeLink,
  mayVote,
  PhaseStatusCount,
  ProposalAnswer,
  ProposalStatus,
  recommendationTitle,
  RoadmapItem,
  RoadmapItemStatus,
  RoadmapPhase,
  RoadmapProposal,
} from '@internal/plugin-roadmap-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { RoadmapStore, StoredItemInput } from './RoadmapStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-roadmap-backend',
  'migrations',
);

type ItemRow = {
  id: string;
  title: string;
  description: string;
  phase: number;
  status: RoadmapItemStatus;
  target_quarter: string;
  recommendations: string[];
  initiatives: InitiativeLink[];
  proposal_id: string | null;
  created_at: Date;
  updated_at: Date;
};

type ProposalRow = {
  id: string;
  title: string;
  description: string;
  proposer_ref: string;
  created_at: Date;
  status: ProposalStatus;
  decision_reason: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  votes: number | string;
  voted: boolean;
  item_id: string | null;
};

function toItem(row: ItemRow): RoadmapItem {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    phase: row.phase as RoadmapPhase,
    status: row.status,
    targetQuarter: row.target_quarter,
    // a recommendation the readiness model no longer has keeps its id as its title
    recommendations: row.recommendations.map(id => ({
      id,
      title: recommendationTitle(id) ?? id,
    })),
    initiatives: row.initiatives,
    proposalId: row.proposal_id,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function toProposal(row: ProposalRow): RoadmapProposal {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    proposerRef: row.proposer_ref,
    createdAt: new Date(row.created_at).toISOString(),
    status: row.status,
    votes: Number(row.votes),
    voted: row.voted,
    answer:
      row.status === 'open' || !row.answered_by || !row.answered_at
        ? null
        : {
            decision: row.status,
            reason: row.decision_reason ?? '',
            answeredBy: row.answered_by,
            answeredAt: new Date(row.answered_at).toISOString(),
          },
    itemId: row.item_id,
  };
}

function itemColumns(input: StoredItemInput) {
  return {
    title: input.title,
    description: input.description,
    phase: input.phase,
    status: input.status,
    target_quarter: input.targetQuarter,
    recommendations: JSON.stringify(input.recommendations),
    initiatives: JSON.stringify(input.initiatives),
  };
}

/** The roadmap's tables on the plugin's database. */
export class DatabaseRoadmapStore implements RoadmapStore {
  /** Runs the plugin's migrations unless the database service says to skip them. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRoadmapStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseRoadmapStore(client);
  }

  constructor(private readonly db: Knex) {}

  async listItems(): Promise<RoadmapItem[]> {
    const rows = await this.db<ItemRow>('roadmap_items')
      .select('*')
      .orderBy([
        { column: 'phase' },
        { column: 'target_quarter' },
        { column: 'title' },
        { column: 'id' },
      ]);
    return rows.map(toItem);
  }

  async countByPhaseAndStatus(): Promise<PhaseStatusCount[]> {
    const rows = await this.db('roadmap_items')
      .select('phase', 'status')
      .count<{ phase: number; status: RoadmapItemStatus; items: string }[]>(
        '* as items',
      )
      .groupBy('phase', 'status')
      .orderBy(['phase', 'status']);
    return rows.map(row => ({
      phase: row.phase as RoadmapPhase,
      status: row.status,
      items: Number(row.items),
    }));
  }

  private async insertItem(
    db: Knex,
    input: StoredItemInput,
    actor: string,
    now: Date,
    proposalId: string | null,
  ): Promise<RoadmapItem> {
    const [row] = await db<ItemRow>('roadmap_items')
      .insert({
        id: randomUUID(),
        ...itemColumns(input),
        proposal_id: proposalId,
        created_by: actor,
        created_at: now,
        updated_by: actor,
        updated_at: now,
      } as any)
      .returning('*');
    return toItem(row);
  }

  createItem(
    input: StoredItemInput,
    actor: string,
    now: Date,
  ): Promise<RoadmapItem> {
    return this.insertItem(this.db, input, actor, now, null);
  }

  async updateItem(
    id: string,
    input: StoredItemInput,
    actor: string,
    now: Date,
  ): Promise<RoadmapItem | undefined> {
    const [row] = await this.db<ItemRow>('roadmap_items')
      .where({ id })
      .update({
        ...itemColumns(input),
        updated_by: actor,
        updated_at: now,
      } as any)
      .returning('*');
    return row ? toItem(row) : undefined;
  }

  /** Proposals with their votes and the viewer's, counted in SQL. */
  private proposals(db: Knex, viewerRef: string) {
    return db('roadmap_proposals as p')
      .leftJoin('roadmap_votes as v', 'v.proposal_id', 'p.id')
      .leftJoin('roadmap_items as i', 'i.proposal_id', 'p.id')
      .select(
        'p.*',
        'i.id as item_id',
        db.raw('count(v.user_ref) as votes'),
        db.raw('coalesce(bool_or(v.user_ref = ?), false) as voted', [
          viewerRef,
        ]),
      )
      .groupBy('p.id', 'i.id');
  }

  async listProposals(filter: {
    status?: ProposalStatus;
    viewerRef: string;
  }): Promise<RoadmapProposal[]> {
    const query = this.proposals(this.db, filter.viewerRef)
      .orderByRaw('count(v.user_ref) desc')
      .orderBy([{ column: 'p.created_at' }, { column: 'p.id' }]);
    if (filter.status) query.where('p.status', filter.status);
    const rows: ProposalRow[] = await query;
    return rows.map(toProposal);
  }

  private async proposal(
    db: Knex,
    id: string,
    viewerRef: string,
  ): Promise<RoadmapProposal | undefined> {
    const row: ProposalRow | undefined = await this.proposals(db, viewerRef)
      .where('p.id', id)
      .first();
    return row ? toProposal(row) : undefined;
  }

  getProposal(
    id: string,
    viewerRef: string,
  ): Promise<RoadmapProposal | undefined> {
    return this.proposal(this.db, id, viewerRef);
  }

  async createProposal(input: {
    title: string;
    description: string;
    proposerRef: string;
    now: Date;
  }): Promise<RoadmapProposal> {
    const id = randomUUID();
    await this.db('roadmap_proposals').insert({
      id,
      title: input.title,
      description: input.description,
      proposer_ref: input.proposerRef,
      created_at: input.now,
      status: 'open',
    });
    return (await this.proposal(this.db, id, input.proposerRef))!;
  }

  /** The proposal's status, its row locked until the transaction ends. */
  private async lockedStatus(tx: Knex, id: string): Promise<ProposalStatus> {
    const row = await tx('roadmap_proposals')
      .where({ id })
      .forUpdate()
      .first('status');
    if (!row) throw new NotFoundError(`No proposal ${id}`);
    return row.status;
  }

  async vote(id: string, userRef: string, now: Date): Promise<RoadmapProposal> {
    return this.db.transaction(async tx => {
      const status = await this.lockedStatus(tx, id);
      if (!mayVote(status)) {
        throw new ConflictError(
          `The proposal is ${status}: it takes no more votes`,
        );
      }
      await tx('roadmap_votes')
        .insert({ proposal_id: id, user_ref: userRef, voted_at: now })
        .onConflict(['proposal_id', 'user_ref'])
        .ignore();
      return (await this.proposal(tx, id, userRef))!;
    });
  }

  async withdrawVote(id: string, userRef: string): Promise<RoadmapProposal> {
    return this.db.transaction(async tx => {
      await this.lockedStatus(tx, id);
      await tx('roadmap_votes')
        .where({ proposal_id: id, user_ref: userRef })
        .delete();
      return (await this.proposal(tx, id, userRef))!;
    });
  }

  async answerProposal(input: {
    id: string;
    answer: ProposalAnswer;
    actor: string;
    now: Date;
  }): Promise<{ proposal: RoadmapProposal; item: RoadmapItem | null }> {
    const { id, answer, actor, now } = input;
    return this.db.transaction(async tx => {
      const status = await this.lockedStatus(tx, id);
      if (!answersAllowed(status).includes(answer.decision)) {
        throw new ConflictError(
          `A ${status} proposal cannot be answered ${answer.decision}`,
        );
      }
      await tx('roadmap_proposals').where({ id }).update({
        status: answer.decision,
        decision_reason: answer.reason,
        answered_by: actor,
        answered_at: now,
      });
      let item: RoadmapItem | null = null;
      if (answer.decision === 'planned') {
        const proposal = await tx('roadmap_proposals')
          .where({ id })
          .first('title', 'description');
        item = await this.insertItem(
          tx,
          {
            title: proposal.title,
            description: proposal.description,
            phase: answer.phase,
            status: 'planned',
            targetQuarter: answer.targetQuarter,
            recommendations: [],
            initiatives: [],
          },
          actor,
          now,
          id,
        );
      } else if (answer.decision === 'done') {
        const [row] = await tx<ItemRow>('roadmap_items')
          .where({ proposal_id: id })
          .update({ status: 'done', updated_by: actor, updated_at: now } as any)
          .returning('*');
        item = row ? toItem(row) : null;
      }
      return { proposal: (await this.proposal(tx, id, actor))!, item };
    });
  }
}
