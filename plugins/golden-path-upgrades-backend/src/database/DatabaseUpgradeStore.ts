import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { compareVersions } from '@internal/plugin-golden-path-upgrades-common';
import {
  AdoptedService,
  Adoption,
  UpgradeCountsRow,
  UpgradeRecord,
  UpgradeState,
  UpgradeStore,
} from './UpgradeStore';

const TABLE = 'golden_path_upgrades';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-golden-path-upgrades-backend',
  'migrations',
);

type Row = {
  entity_ref: string;
  template: string;
  from_version: string;
  to_version: string;
  host: 'local' | 'github';
  repository: string;
  branch: string;
  commit_sha: string | null;
  pull_request_number: number | null;
  url: string | null;
  state: UpgradeState;
  conflicts: string[] | string;
  created_at: Date | string;
  updated_at: Date | string;
  closed_at: Date | string | null;
};

function iso(value: Date | string | null): string | undefined {
  return value === null ? undefined : new Date(value).toISOString();
}

function toRecord(row: Row): UpgradeRecord {
  return {
    entityRef: row.entity_ref,
    template: row.template,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    host: row.host,
    repository: row.repository,
    branch: row.branch,
    commitSha: row.commit_sha ?? undefined,
    pullRequestNumber: row.pull_request_number ?? undefined,
    url: row.url ?? undefined,
    state: row.state,
    conflicts:
      typeof row.conflicts === 'string'
        ? JSON.parse(row.conflicts)
        : row.conflicts,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    closedAt: iso(row.closed_at),
  };
}

type AdoptionRow = {
  entity_ref: string;
  template: string;
  version: string;
  values: Record<string, unknown> | string;
  method: 'inferred' | 'stated';
  lines_differing: number | null;
  adopted_by: string;
  adopted_at: Date | string;
};

function toAdoption(row: AdoptionRow): Adoption {
  return {
    entityRef: row.entity_ref,
    template: row.template,
    version: row.version,
    values:
      typeof row.values === 'string' ? JSON.parse(row.values) : row.values,
    method: row.method,
    linesDiffering: row.lines_differing ?? undefined,
    adoptedBy: row.adopted_by,
    adoptedAt: iso(row.adopted_at),
  };
}

/** The upgrades table; every write is one transaction. */
export class DatabaseUpgradeStore implements UpgradeStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseUpgradeStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: 'golden_path_upgrades_knex_migrations',
      });
    }
    return new DatabaseUpgradeStore(client);
  }

  constructor(private readonly db: Knex) {}

  async counts(): Promise<UpgradeCountsRow[]> {
    const rows: Array<{
      template: string;
      to_version: string;
      open: string | number;
      merged: string | number;
      conflicted: string | number;
    }> = await this.db(TABLE)
      .select('template', 'to_version')
      .select(
        this.db.raw(`count(*) filter (where state = 'open') as open`),
        this.db.raw(`count(*) filter (where state = 'merged') as merged`),
        this.db.raw(
          `count(*) filter (where state = 'open' and jsonb_array_length(conflicts) > 0) as conflicted`,
        ),
      )
      .groupBy('template', 'to_version')
      .orderBy(['template', 'to_version']);
    return rows.map(row => ({
      template: row.template,
      toVersion: row.to_version,
      open: Number(row.open),
      merged: Number(row.merged),
      conflicted: Number(row.conflicted),
    }));
  }

  async oldestUnmerged(): Promise<UpgradeRecord[]> {
    const rows: Row[] = await this.db<Row>(TABLE)
      .distinctOn('template')
      .where({ state: 'open' })
      .orderBy([
        { column: 'template' },
        { column: 'created_at' },
        { column: 'id' },
      ]);
    return rows.map(toRecord);
  }

  async get(entityRef: string, toVersion: string) {
    const row = await this.db<Row>(TABLE)
      .where({ entity_ref: entityRef.toLowerCase(), to_version: toVersion })
      .first();
    return row ? toRecord(row) : undefined;
  }

  async open(entityRef: string) {
    const row = await this.db<Row>(TABLE)
      .where({ entity_ref: entityRef.toLowerCase(), state: 'open' })
      .orderBy('updated_at', 'desc')
      .first();
    return row ? toRecord(row) : undefined;
  }

  async saveOpen(record: Omit<UpgradeRecord, 'state'>) {
    const entityRef = record.entityRef.toLowerCase();
    await this.db.transaction(async tx => {
      await tx(TABLE)
        .where({ entity_ref: entityRef, state: 'open' })
        .whereNot({ to_version: record.toVersion })
        .update({ state: 'superseded', updated_at: tx.fn.now() });
      await tx(TABLE)
        .insert({
          entity_ref: entityRef,
          template: record.template,
          from_version: record.fromVersion,
          to_version: record.toVersion,
          host: record.host,
          repository: record.repository,
          branch: record.branch,
          commit_sha: record.commitSha ?? null,
          pull_request_number: record.pullRequestNumber ?? null,
          url: record.url ?? null,
          state: 'open',
          conflicts: JSON.stringify(record.conflicts),
        })
        .onConflict(['entity_ref', 'to_version'])
        .merge({
          from_version: record.fromVersion,
          commit_sha: record.commitSha ?? null,
          pull_request_number: record.pullRequestNumber ?? null,
          url: record.url ?? null,
          state: 'open',
          conflicts: JSON.stringify(record.conflicts),
          updated_at: tx.fn.now(),
          closed_at: null,
        });
    });
  }

  async close(
    entityRef: string,
    toVersion: string,
    state: 'merged' | 'closed',
  ) {
    await this.db(TABLE)
      .where({ entity_ref: entityRef.toLowerCase(), to_version: toVersion })
      .update({
        state,
        updated_at: this.db.fn.now(),
        closed_at: this.db.fn.now(),
      });
  }

  async adoption(entityRef: string): Promise<Adoption | undefined> {
    const row = await this.db('golden_path_adoptions')
      .where({ entity_ref: entityRef.toLowerCase() })
      .first();
    return row ? toAdoption(row) : undefined;
  }

  async adoptions(): Promise<AdoptedService[]> {
    const [rows, merged] = await Promise.all([
      this.db('golden_path_adoptions').orderBy('entity_ref'),
      this.db<Row>(TABLE)
        .whereIn(
          'entity_ref',
          this.db('golden_path_adoptions').select('entity_ref'),
        )
        .andWhere({ state: 'merged' })
        .distinct('entity_ref', 'to_version'),
    ]);
    const newest = new Map<string, string>();
    for (const { entity_ref, to_version } of merged) {
      const known = newest.get(entity_ref);
      if (!known || compareVersions(to_version, known) > 0) {
        newest.set(entity_ref, to_version);
      }
    }
    return rows.map(row => {
      const mergedVersion = newest.get(row.entity_ref);
      return mergedVersion
        ? { ...toAdoption(row), mergedVersion }
        : toAdoption(row);
    });
  }

  async saveAdoption(adoption: Omit<Adoption, 'adoptedAt'>) {
    const row = {
      entity_ref: adoption.entityRef.toLowerCase(),
      template: adoption.template,
      version: adoption.version,
      values: JSON.stringify(adoption.values),
      method: adoption.method,
      lines_differing: adoption.linesDiffering ?? null,
      adopted_by: adoption.adoptedBy,
    };
    await this.db('golden_path_adoptions')
      .insert(row)
      .onConflict('entity_ref')
      .merge({ ...row, adopted_at: this.db.fn.now() });
  }

  async markDeprecationNotice(entityRef: string, version: string) {
    const inserted = await this.db('golden_path_deprecation_notices')
      .insert({ entity_ref: entityRef.toLowerCase(), version })
      .onConflict(['entity_ref', 'version'])
      .ignore()
      .returning('entity_ref');
    return inserted.length > 0;
  }

  async list(options: { entityRef?: string } = {}) {
    const query = this.db<Row>(TABLE).orderBy([
      { column: 'updated_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    if (options.entityRef) {
      query.where({ entity_ref: options.entityRef.toLowerCase() });
    }
    return (await query).map(toRecord);
  }
}
