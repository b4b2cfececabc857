import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  AppliesTo,
  InitiativeNoticeKind,
} from '@internal/plugin-scorecards-common';
import { Knex } from 'knex';
import { DatabaseScorecardStore } from './DatabaseScorecardStore';
import {
  InitiativeInput,
  InitiativeProgressPoint,
  InitiativeRecord,
  InitiativeScope,
  InitiativeStore,
  ServiceBehind,
} from './InitiativeStore';

type InitiativeRow = {
  id: string;
  title: string;
  description: string;
  owner_ref: string;
  applies_to: AppliesTo;
  target_level: string;
  target_share: number;
  starts_at: Date;
  deadline: Date;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
};

function toRecord(row: InitiativeRow): InitiativeRecord {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    ownerRef: row.owner_ref,
    appliesTo: row.applies_to,
    targetLevel: row.target_level,
    targetShare: Number(row.target_share),
    startsAt: new Date(row.starts_at).toISOString(),
    deadline: new Date(row.deadline).toISOString(),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function inputColumns(input: InitiativeInput) {
  return {
    title: input.title,
    description: input.description,
    owner_ref: input.ownerRef,
    applies_to: JSON.stringify(input.appliesTo),
    target_level: input.targetLevel,
    target_share: input.targetShare,
    starts_at: new Date(input.startsAt),
    deadline: new Date(input.deadline),
  };
}

function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

function lower(values: readonly string[]): string[] {
  return values.map(value => value.toLocaleLowerCase('en-US'));
}

/**
 * The SQL condition on `scorecard_entities e` for the entities an initiative covers: the same
 * rules as `appliesTo` in scorecards-common (every named field matches without case; at least
 * one of the tags). Values are bound, never spliced.
 */
function coveredCondition(appliesTo: AppliesTo): {
  sql: string;
  bindings: string[];
} {
  const parts: string[] = ['e.evaluated_at is not null'];
  const bindings: string[] = [];
  for (const [field, column] of [
    ['kind', 'e.kind'],
    ['type', 'e.type'],
    ['lifecycle', 'e.lifecycle'],
  ] as const) {
    const allowed = appliesTo[field];
    if (allowed && allowed.length > 0) {
      parts.push(`lower(${column}) in (${placeholders(allowed)})`);
      bindings.push(...lower(allowed));
    }
  }
  if (appliesTo.tags && appliesTo.tags.length > 0) {
    parts.push(
      `exists (select 1 from jsonb_array_elements_text(e.tags) as t(tag)
                where lower(t.tag) in (${placeholders(appliesTo.tags)}))`,
    );
    bindings.push(...lower(appliesTo.tags));
  }
  return { sql: parts.join(' and '), bindings };
}

/** `<column> in (levels)`, or false when no level meets the target. */
function meetingCondition(
  column: string,
  levels: readonly string[],
): { sql: string; bindings: string[] } {
  if (levels.length === 0) return { sql: 'false', bindings: [] };
  return {
    sql: `${column} in (${placeholders(levels)})`,
    bindings: [...levels],
  };
}

export class DatabaseInitiativeStore implements InitiativeStore {
  /** Runs the plugin's migrations (shared with the scorecards' store) unless told not to. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseInitiativeStore> {
    await DatabaseScorecardStore.create(options);
    return new DatabaseInitiativeStore(await options.database.getClient());
  }

  constructor(private readonly db: Knex) {}

  async insertInitiative(record: InitiativeRecord): Promise<void> {
    await this.db('scorecard_initiatives').insert({
      id: record.id,
      ...inputColumns(record),
      created_by: record.createdBy,
      created_at: new Date(record.createdAt),
      updated_by: record.updatedBy,
      updated_at: new Date(record.updatedAt),
    });
  }

  async updateInitiative(
    id: string,
    input: InitiativeInput,
    by: { actor: string; at: Date },
  ): Promise<InitiativeRecord | undefined> {
    const [row] = await this.db('scorecard_initiatives')
      .where({ id })
      .update({
        ...inputColumns(input),
        updated_by: by.actor,
        updated_at: by.at,
      })
      .returning('*');
    return row ? toRecord(row) : undefined;
  }

  async getInitiative(id: string): Promise<InitiativeRecord | undefined> {
    const row = await this.db('scorecard_initiatives').where({ id }).first();
    return row ? toRecord(row) : undefined;
  }

  async listInitiatives(): Promise<InitiativeRecord[]> {
    const rows = await this.db('scorecard_initiatives').orderBy([
      'deadline',
      'title',
      'id',
    ]);
    return rows.map(toRecord);
  }

  async progressHistory(
    scope: InitiativeScope,
    fromDay: string,
  ): Promise<InitiativeProgressPoint[]> {
    const covered = coveredCondition(scope.appliesTo);
    const meeting = meetingCondition('h.level', scope.meetingLevels);
    // coverage reads the entity's current kind, type, lifecycle and tags (the level history
    // keeps only the level): a service that moved to production counts on the earlier days too
    const result = await this.db.raw(
      `select to_char(h.day, 'YYYY-MM-DD') as day,
              count(*)::int as covered,
              (count(*) filter (where ${meeting.sql}))::int as meeting
         from scorecard_level_history h
         join scorecard_entities e on e.entity_ref = h.entity_ref
        where h.day >= ?::date and ${covered.sql}
        group by h.day
        order by h.day`,
      [...meeting.bindings, fromDay, ...covered.bindings],
    );
    return result.rows.map((row: any) => ({
      day: row.day,
      covered: Number(row.covered),
      meeting: Number(row.meeting),
    }));
  }

  async teamStandings(
    scope: InitiativeScope,
  ): Promise<{ ownerRef: string; covered: number; meeting: number }[]> {
    const covered = coveredCondition(scope.appliesTo);
    const meeting = meetingCondition('e.level', scope.meetingLevels);
    const result = await this.db.raw(
      `select e.owner_ref,
              count(*)::int as covered,
              (count(*) filter (where ${meeting.sql}))::int as meeting
         from scorecard_entities e
        where e.owner_ref is not null and ${covered.sql}
        group by e.owner_ref
        order by e.owner_ref`,
      [...meeting.bindings, ...covered.bindings],
    );
    return result.rows.map((row: any) => ({
      ownerRef: row.owner_ref,
      covered: Number(row.covered),
      meeting: Number(row.meeting),
    }));
  }

  async servicesBehind(scope: InitiativeScope): Promise<ServiceBehind[]> {
    const covered = coveredCondition(scope.appliesTo);
    const meeting = meetingCondition('e.level', scope.meetingLevels);
    const result = await this.db.raw(
      `select e.entity_ref, e.owner_ref, e.level
         from scorecard_entities e
        where ${covered.sql} and not coalesce(${meeting.sql}, false)
        order by e.entity_ref`,
      [...covered.bindings, ...meeting.bindings],
    );
    return result.rows.map((row: any) => ({
      entityRef: row.entity_ref,
      ownerRef: row.owner_ref,
      level: row.level,
    }));
  }

  async claimNotices(
    initiativeId: string,
    kind: InitiativeNoticeKind,
    entityRefs: string[],
    at: Date,
  ): Promise<string[]> {
    if (entityRefs.length === 0) return [];
    const rows = await this.db('scorecard_initiative_notices')
      .insert(
        entityRefs.map(entityRef => ({
          initiative_id: initiativeId,
          entity_ref: entityRef,
          kind,
          sent_at: at,
        })),
      )
      .onConflict(['initiative_id', 'entity_ref', 'kind'])
      .ignore()
      .returning('entity_ref');
    return rows.map((row: { entity_ref: string }) => row.entity_ref).sort();
  }
}
