import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  FactValue,
  GoldenPathCounts,
  Waiver,
} from '@internal/plugin-scorecards-common';
import { Knex } from 'knex';
import {
  CheckPassRate,
  EntityEvaluation,
  EntityRecord,
  FactRecord,
  GithubRequestCount,
  HoldingBackCount,
  LevelCount,
  QuarterLevelCount,
  LevelTrendPoint,
  ResultRecord,
  ScorecardStore,
  TeamGoldenPathCounts,
  ScoredEntityRecord,
  WaiverAuditRecord,
} from './ScorecardStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-scorecards-backend',
  'migrations',
);

/** Rows per statement: one jsonb parameter each, well under PostgreSQL's limits. */
const CHUNK = 2000;

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function day(value: Date | string): string {
  return typeof value === 'string'
    ? value.slice(0, 10)
    : value.toISOString().slice(0, 10);
}

function chunks<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK)
    result.push(items.slice(i, i + CHUNK));
  return result;
}

type WaiverRow = {
  id: string;
  entity_ref: string;
  check_id: string;
  reason: string;
  expires_at: Date;
  status: Waiver['status'];
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
};

function toWaiver(row: WaiverRow): Waiver {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    reason: row.reason,
    expiresAt: iso(row.expires_at)!,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at)!,
    decidedBy: row.decided_by,
    decidedAt: iso(row.decided_at),
  };
}

function toEntity(row: any): EntityRecord {
  return {
    entityRef: row.entity_ref,
    title: row.title,
    kind: row.kind,
    type: row.type,
    lifecycle: row.lifecycle,
    tags: row.tags ?? [],
    ownerRef: row.owner_ref,
    repository: row.repository ?? null,
  };
}

/** A jsonb value as the API gives it: a boolean, a finite number, or null. */
function factValue(value: unknown): FactValue {
  return typeof value === 'boolean' || typeof value === 'number' ? value : null;
}

/** Serialises the writers of the kept counts (one evaluation at a time rewrites them). */
const COUNTS_LOCK = `select pg_advisory_xact_lock(hashtext('scorecard_counts'))`;

/** Recounts one day's services per level and owner from its level history. */
async function recountDay(tx: Knex.Transaction, onDay: string) {
  await tx('scorecard_level_daily').where({ day: onDay }).delete();
  await tx.raw(
    `insert into scorecard_level_daily (day, owner_ref, level, entities)
     select day, owner_ref, level, count(*)::int from scorecard_level_history
      where day = ?::date
      group by day, owner_ref, level`,
    [onDay],
  );
  await tx('scorecard_level_daily_totals').where({ day: onDay }).delete();
  await tx.raw(
    `insert into scorecard_level_daily_totals (day, level, entities)
     select day, level, sum(entities)::int from scorecard_level_daily
      where day = ?::date
      group by day, level`,
    [onDay],
  );
}

/**
 * Recounts each check's applicable and passing results of these owners (`''` stands for no
 * owner), or of every owner when `owners` is undefined.
 */
async function recountChecks(tx: Knex.Transaction, owners?: string[]) {
  const filter = owners
    ? `where coalesce(e.owner_ref, '') = any(?::text[])`
    : '';
  const bindings = owners ? [owners] : [];
  if (owners) {
    await tx.raw(
      `delete from scorecard_check_counts where coalesce(owner_ref, '') = any(?::text[])`,
      [owners],
    );
  } else {
    await tx('scorecard_check_counts').delete();
  }
  await tx.raw(
    `insert into scorecard_check_counts (owner_ref, check_id, applicable, passing)
     select e.owner_ref, r.check_id, count(*)::int,
            (count(*) filter (where r.status in ('pass', 'waived')))::int
       from scorecard_results r
       join scorecard_entities e on e.entity_ref = r.entity_ref
       ${filter}
      group by e.owner_ref, r.check_id`,
    bindings,
  );
}

/** Recounts every owner's golden-path counts from the latest facts. */
async function recountGoldenPaths(tx: Knex.Transaction) {
  await tx('scorecard_golden_path_counts').delete();
  await tx.raw(
    `insert into scorecard_golden_path_counts
       (owner_ref, services, from_golden_path, on_latest_version)
     select e.owner_ref, count(*)::int,
            (count(*) filter (where made.value = 'true'::jsonb))::int,
            (count(*) filter (where made.value = 'true'::jsonb
                                and behind.value = '0'::jsonb))::int
       from scorecard_entities e
       join scorecard_facts made
         on made.entity_ref = e.entity_ref
        and made.fact_id = 'goldenPath.createdFromTemplate'
        and jsonb_typeof(made.value) = 'boolean'
       left join scorecard_facts behind
         on behind.entity_ref = e.entity_ref
        and behind.fact_id = 'goldenPath.versionsBehind'
      where lower(e.kind) = 'component' and lower(e.type) = 'service'
      group by e.owner_ref`,
  );
}

export class DatabaseScorecardStore implements ScorecardStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseScorecardStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseScorecardStore(client);
  }

  constructor(private readonly db: Knex) {}

  async replaceEntities(entities: EntityRecord[], seenAt: Date): Promise<void> {
    await this.db.transaction(async tx => {
      await tx.raw(COUNTS_LOCK);
      for (const chunk of chunks(entities)) {
        await tx('scorecard_entities')
          .insert(
            chunk.map(e => ({
              entity_ref: e.entityRef,
              title: e.title,
              kind: e.kind,
              type: e.type,
              lifecycle: e.lifecycle,
              tags: JSON.stringify(e.tags),
              owner_ref: e.ownerRef,
              repository: e.repository,
              seen_at: seenAt,
            })),
          )
          .onConflict('entity_ref')
          .merge([
            'title',
            'kind',
            'type',
            'lifecycle',
            'tags',
            'owner_ref',
            'seen_at',
          ]);
      }
      const gone = tx('scorecard_entities')
        .where('seen_at', '<', seenAt)
        .select('entity_ref');
      await tx('scorecard_results')
        .whereIn('entity_ref', gone.clone())
        .delete();
      await tx('scorecard_facts').whereIn('entity_ref', gone.clone()).delete();
      await tx('scorecard_entities').where('seen_at', '<', seenAt).delete();
      // owners may have changed and entities gone: every owner's counts again
      await recountChecks(tx);
      await recountGoldenPaths(tx);
    });
  }

  async listEntities(): Promise<EntityRecord[]> {
    const rows = await this.db('scorecard_entities').orderBy('entity_ref');
    return rows.map(toEntity);
  }

  async getEntity(entityRef: string): Promise<ScoredEntityRecord | undefined> {
    const row = await this.db('scorecard_entities')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) return undefined;
    return {
      ...toEntity(row),
      level: row.level,
      evaluatedAt: iso(row.evaluated_at),
    };
  }

  async writeFacts(facts: FactRecord[]): Promise<void> {
    const goldenPath = facts.some(f => f.factId.startsWith('goldenPath.'));
    await this.db.transaction(async tx => {
      if (goldenPath) await tx.raw(COUNTS_LOCK);
      for (const chunk of chunks(facts)) {
        const rows = JSON.stringify(
          chunk.map(f => ({
            entity_ref: f.entityRef,
            fact_id: f.factId,
            value: f.value,
            collected_at: f.collectedAt,
          })),
        );
        const incoming = `jsonb_to_recordset(?::jsonb) as i(entity_ref text, fact_id text, value jsonb, collected_at timestamptz)`;
        await tx.raw(
          `insert into scorecard_fact_history (entity_ref, fact_id, value, collected_at)
           select i.entity_ref, i.fact_id, i.value, i.collected_at from ${incoming}
           left join scorecard_facts f on f.entity_ref = i.entity_ref and f.fact_id = i.fact_id
           where f.entity_ref is null or f.value is distinct from i.value`,
          [rows],
        );
        await tx.raw(
          `insert into scorecard_facts (entity_ref, fact_id, value, collected_at)
           select i.entity_ref, i.fact_id, i.value, i.collected_at from ${incoming}
           on conflict (entity_ref, fact_id)
           do update set value = excluded.value, collected_at = excluded.collected_at`,
          [rows],
        );
      }
      // the golden-path adoption follows the facts it counts
      if (goldenPath) await recountGoldenPaths(tx);
    });
  }

  async listFacts(entityRef?: string): Promise<FactRecord[]> {
    const query = this.db('scorecard_facts').orderBy(['entity_ref', 'fact_id']);
    if (entityRef) query.where({ entity_ref: entityRef });
    const rows = await query;
    return rows.map(row => ({
      entityRef: row.entity_ref,
      factId: row.fact_id,
      value: factValue(row.value),
      collectedAt: iso(row.collected_at)!,
    }));
  }

  async factHistory(entityRef: string, limit: number): Promise<FactRecord[]> {
    const rows = await this.db('scorecard_fact_history')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'collected_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(row => ({
      entityRef: row.entity_ref,
      factId: row.fact_id,
      value: factValue(row.value),
      collectedAt: iso(row.collected_at)!,
    }));
  }

  async saveEvaluations(
    evaluations: EntityEvaluation[],
    evaluatedAt: Date,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx.raw(COUNTS_LOCK);
      for (const chunk of chunks(evaluations)) {
        const refs = chunk.map(e => e.entityRef);
        const results = JSON.stringify(
          chunk.flatMap(e =>
            e.results.map(r => ({
              entity_ref: r.entityRef,
              check_id: r.checkId,
              level: r.level,
              status: r.status,
              value: r.value,
              message: r.message,
            })),
          ),
        );
        const incoming = `jsonb_to_recordset(?::jsonb) as i(entity_ref text, check_id text, level text, status text, value jsonb, message text)`;
        await tx.raw(
          `insert into scorecard_result_history (entity_ref, check_id, status, message, evaluated_at)
           select i.entity_ref, i.check_id, i.status, i.message, ? from ${incoming}
           left join scorecard_results r on r.entity_ref = i.entity_ref and r.check_id = i.check_id
           where r.entity_ref is null or r.status <> i.status`,
          [evaluatedAt, results],
        );
        await tx('scorecard_results').whereIn('entity_ref', refs).delete();
        await tx.raw(
          `insert into scorecard_results (entity_ref, check_id, level, status, value, message, evaluated_at)
           select i.entity_ref, i.check_id, i.level, i.status, i.value, i.message, ? from ${incoming}`,
          [evaluatedAt, results],
        );
        const levels = JSON.stringify(
          chunk.map(e => ({
            entity_ref: e.entityRef,
            owner_ref: e.ownerRef,
            level: e.level,
          })),
        );
        await tx.raw(
          `update scorecard_entities e set level = i.level, evaluated_at = ?
           from jsonb_to_recordset(?::jsonb) as i(entity_ref text, owner_ref text, level text)
           where e.entity_ref = i.entity_ref`,
          [evaluatedAt, levels],
        );
        await tx.raw(
          `insert into scorecard_level_history (day, entity_ref, owner_ref, level)
           select ?::date, i.entity_ref, i.owner_ref, i.level
           from jsonb_to_recordset(?::jsonb) as i(entity_ref text, owner_ref text, level text)
           on conflict (day, entity_ref)
           do update set owner_ref = excluded.owner_ref, level = excluded.level`,
          [day(evaluatedAt), levels],
        );
      }
      if (evaluations.length > 0) {
        await recountDay(tx, day(evaluatedAt));
        await recountChecks(tx, [
          ...new Set(evaluations.map(e => e.ownerRef ?? '')),
        ]);
      }
    });
  }

  async listResults(
    entityRef: string,
  ): Promise<(ResultRecord & { evaluatedAt: string })[]> {
    const rows = await this.db('scorecard_results')
      .where({ entity_ref: entityRef })
      .orderBy('check_id');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      checkId: row.check_id,
      level: row.level,
      status: row.status,
      value: factValue(row.value),
      message: row.message,
      evaluatedAt: iso(row.evaluated_at)!,
    }));
  }

  async entityLevelHistory(entityRef: string, fromDay: string) {
    const rows = await this.db('scorecard_level_history')
      .where({ entity_ref: entityRef })
      .andWhere('day', '>=', fromDay)
      .orderBy('day')
      .select('day', 'level');
    return rows.map(row => ({ day: day(row.day), level: row.level }));
  }

  async levelDistribution(ownerRef?: string): Promise<LevelCount[]> {
    const query = this.db('scorecard_entities')
      .whereNotNull('evaluated_at')
      .groupBy('owner_ref', 'level')
      .orderBy(['owner_ref', 'level'])
      .select('owner_ref', 'level', this.db.raw('count(*)::int as entities'));
    if (ownerRef) query.where({ owner_ref: ownerRef });
    const rows = await query;
    return rows.map((row: any) => ({
      ownerRef: row.owner_ref,
      level: row.level,
      entities: Number(row.entities),
    }));
  }

  async checkPassRates(ownerRef?: string): Promise<CheckPassRate[]> {
    const rows = await this.db.raw(
      `select check_id, sum(applicable)::int as applicable, sum(passing)::int as passing
         from scorecard_check_counts
        where (?::text is null or owner_ref = ?::text)
        group by check_id
       having sum(applicable) > 0
        order by sum(passing)::float / sum(applicable), check_id`,
      [ownerRef ?? null, ownerRef ?? null],
    );
    return rows.rows.map((row: any) => ({
      checkId: row.check_id,
      applicable: Number(row.applicable),
      passing: Number(row.passing),
    }));
  }

  async goldenPathCounts(ownerRef?: string): Promise<GoldenPathCounts> {
    const rows = await this.db.raw(
      `select coalesce(sum(services), 0)::int as services,
              coalesce(sum(from_golden_path), 0)::int as from_golden_path,
              coalesce(sum(on_latest_version), 0)::int as on_latest_version
         from scorecard_golden_path_counts
        where (?::text is null or owner_ref = ?::text)`,
      [ownerRef ?? null, ownerRef ?? null],
    );
    const row = rows.rows[0];
    return {
      services: Number(row.services),
      fromGoldenPath: Number(row.from_golden_path),
      onLatestVersion: Number(row.on_latest_version),
    };
  }

  async goldenPathCountsByTeam(
    ownerRef?: string,
  ): Promise<TeamGoldenPathCounts[]> {
    const rows = await this.db.raw(
      `select owner_ref, services, from_golden_path, on_latest_version
         from scorecard_golden_path_counts
        where (?::text is null or owner_ref = ?::text)
        order by owner_ref nulls last`,
      [ownerRef ?? null, ownerRef ?? null],
    );
    return rows.rows.map((row: any) => ({
      ownerRef: row.owner_ref,
      services: Number(row.services),
      fromGoldenPath: Number(row.from_golden_path),
      onLatestVersion: Number(row.on_latest_version),
    }));
  }

  async levelTrend(
    fromDay: string,
    ownerRef?: string,
  ): Promise<LevelTrendPoint[]> {
    // the organisation reads the totals (a row per level per day), a team its own counts
    const query = ownerRef
      ? this.db('scorecard_level_daily')
          .where({ owner_ref: ownerRef })
          .select('day', 'level', 'entities')
      : this.db('scorecard_level_daily_totals').select(
          'day',
          'level',
          'entities',
        );
    const rows = await query
      .where('day', '>=', fromDay)
      .orderBy(['day', 'level']);
    return rows.map((row: any) => ({
      day: day(row.day),
      level: row.level,
      entities: Number(row.entities),
    }));
  }

  async teamServices(ownerRef: string): Promise<ScoredEntityRecord[]> {
    const rows = await this.db('scorecard_entities')
      .where({ owner_ref: ownerRef })
      .whereNotNull('evaluated_at')
      .orderBy('entity_ref');
    return rows.map(row => ({
      ...toEntity(row),
      level: row.level,
      evaluatedAt: iso(row.evaluated_at),
    }));
  }

  async checksHoldingBack(
    ownerRef: string,
    levels: readonly string[],
  ): Promise<HoldingBackCount[]> {
    // An entity's next level is the lowest level with a result that does not count; the
    // checks failing (or unknown) at that level are what holds it back (levelOf in -common).
    const rows = await this.db.raw(
      `with lv as (
         select level, ord from unnest(?::text[]) with ordinality as l(level, ord)
       ), failing as (
         select r.entity_ref, r.check_id, lv.ord
           from scorecard_results r
           join scorecard_entities e on e.entity_ref = r.entity_ref
           join lv on lv.level = r.level
          where e.owner_ref = ? and e.evaluated_at is not null
            and r.status not in ('pass', 'waived')
       ), next_level as (
         select entity_ref, min(ord) as ord from failing group by entity_ref
       )
       select f.check_id, count(*)::int as entities
         from failing f
         join next_level n on n.entity_ref = f.entity_ref and n.ord = f.ord
        group by f.check_id
        order by count(*) desc, f.check_id`,
      [levels as string[], ownerRef],
    );
    return rows.rows.map((row: any) => ({
      checkId: row.check_id,
      entities: Number(row.entities),
    }));
  }

  async quarterlyLevels(
    ownerRef: string,
    fromDay: string,
  ): Promise<QuarterLevelCount[]> {
    // each quarter's last day with a count: where the team stood at the quarter's end (or now)
    const rows = await this.db.raw(
      `with last_days as (
         select date_trunc('quarter', day)::date as quarter, max(day) as day
           from scorecard_level_daily
          where owner_ref = ? and day >= ?::date
          group by 1
       )
       select q.quarter, q.day, d.level, d.entities
         from last_days q
         join scorecard_level_daily d on d.day = q.day and d.owner_ref = ?
        order by q.quarter, d.level`,
      [ownerRef, fromDay, ownerRef],
    );
    return rows.rows.map((row: any) => ({
      quarterStart: day(row.quarter),
      day: day(row.day),
      level: row.level,
      entities: Number(row.entities),
    }));
  }

  async entitiesOfRepository(repository: string): Promise<EntityRecord[]> {
    const rows = await this.db('scorecard_entities')
      .whereRaw('lower(repository) = ?', [
        repository.toLocaleLowerCase('en-US'),
      ])
      .orderBy('entity_ref');
    return rows.map(toEntity);
  }

  async addGithubRequests(
    repository: string,
    requests: number,
    at: Date,
  ): Promise<void> {
    await this.db.raw(
      `insert into scorecard_github_requests (day, repository, requests, collections)
       values (?::date, ?, ?, 1)
       on conflict (day, repository) do update
         set requests = scorecard_github_requests.requests + excluded.requests,
             collections = scorecard_github_requests.collections + 1`,
      [day(at), repository.toLocaleLowerCase('en-US'), requests],
    );
  }

  async githubRequests(
    fromDay: string,
    limit: number,
  ): Promise<GithubRequestCount[]> {
    const rows = await this.db('scorecard_github_requests')
      .where('day', '>=', fromDay)
      .orderBy([
        { column: 'day', order: 'desc' },
        { column: 'requests', order: 'desc' },
        { column: 'repository', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(row => ({
      day: day(row.day),
      repository: row.repository,
      requests: Number(row.requests),
      collections: Number(row.collections),
    }));
  }

  async insertWaiver(waiver: Waiver): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('scorecard_waivers').insert({
        id: waiver.id,
        entity_ref: waiver.entityRef,
        check_id: waiver.checkId,
        reason: waiver.reason,
        expires_at: waiver.expiresAt,
        status: waiver.status,
        requested_by: waiver.requestedBy,
        requested_at: waiver.requestedAt,
      });
      await tx('scorecard_waiver_audit').insert({
        waiver_id: waiver.id,
        action: 'requested',
        actor: waiver.requestedBy,
        at: waiver.requestedAt,
        detail: waiver.reason,
      });
    });
  }

  async decideWaiver(options: {
    id: string;
    status: 'granted' | 'rejected';
    actor: string;
    at: Date;
    detail?: string;
  }): Promise<Waiver | undefined> {
    return this.db.transaction(async tx => {
      const [row] = await tx('scorecard_waivers')
        .where({ id: options.id, status: 'requested' })
        .update({
          status: options.status,
          decided_by: options.actor,
          decided_at: options.at,
        })
        .returning('*');
      if (!row) return undefined;
      await tx('scorecard_waiver_audit').insert({
        waiver_id: options.id,
        action: options.status,
        actor: options.actor,
        at: options.at,
        detail: options.detail ?? null,
      });
      return toWaiver(row);
    });
  }

  async getWaiver(id: string): Promise<Waiver | undefined> {
    const row = await this.db('scorecard_waivers').where({ id }).first();
    return row ? toWaiver(row) : undefined;
  }

  async listWaivers(filter: {
    entityRef?: string;
    status?: Waiver['status'];
    limit: number;
  }): Promise<Waiver[]> {
    const query = this.db('scorecard_waivers')
      .orderBy([
        { column: 'requested_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(filter.limit);
    if (filter.entityRef) query.where({ entity_ref: filter.entityRef });
    if (filter.status) query.where({ status: filter.status });
    return (await query).map(toWaiver);
  }

  async waiverAudit(waiverId: string): Promise<WaiverAuditRecord[]> {
    const rows = await this.db('scorecard_waiver_audit')
      .where({ waiver_id: waiverId })
      .orderBy('id');
    return rows.map(row => ({
      waiverId: row.waiver_id,
      action: row.action,
      actor: row.actor,
      at: iso(row.at)!,
      detail: row.detail,
    }));
  }
}
