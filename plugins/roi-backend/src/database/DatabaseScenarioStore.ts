import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { ScenarioCursor } from '@internal/plugin-roi-common';
import { ScenarioQuery } from '../permissions/rules';
import {
  ScenarioRecord,
  ScenarioStore,
  ScenarioVersionRecord,
} from './ScenarioStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-roi-backend',
  'migrations',
);

type ScenarioRow = {
  id: string;
  name: string;
  description: string;
  inputs: ScenarioRecord['inputs'] | string;
  owner_ref: string;
  shared_with_groups: string[];
  share_token: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  updated_by: string;
};

type VersionRow = {
  scenario_id: string;
  version: number;
  name: string;
  description: string;
  inputs: ScenarioRecord['inputs'] | string;
  changed_by: string;
  changed_at: Date | string;
  changes: ScenarioVersionRecord['changes'] | string;
};

const iso = (d: Date | string) => new Date(d).toISOString();
const json = <T>(v: T | string): T =>
  typeof v === 'string' ? (JSON.parse(v) as T) : v;

function toRecord(row: ScenarioRow): ScenarioRecord {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    inputs: json(row.inputs),
    ownerRef: row.owner_ref,
    sharedWithGroups: row.shared_with_groups ?? [],
    shareToken: row.share_token,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by,
  };
}

function toRow(record: ScenarioRecord) {
  return {
    id: record.id,
    name: record.name,
    description: record.description,
    inputs: JSON.stringify(record.inputs),
    owner_ref: record.ownerRef,
    shared_with_groups: record.sharedWithGroups,
    share_token: record.shareToken,
    version: record.version,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    updated_by: record.updatedBy,
  };
}

function toVersionRow(v: ScenarioVersionRecord) {
  return {
    scenario_id: v.scenarioId,
    version: v.version,
    name: v.name,
    description: v.description,
    inputs: JSON.stringify(v.inputs),
    changed_by: v.changedBy,
    changed_at: v.changedAt,
    changes: JSON.stringify(v.changes),
  };
}

/** Applies a permission filter (owner, shared with groups, and/or/not) to a query. */
function applyFilter(
  qb: Knex.QueryBuilder,
  criteria: PermissionCriteria<ScenarioQuery>,
): void {
  if (isAndCriteria(criteria)) {
    qb.where(b => {
      for (const c of criteria.allOf) {
        b.andWhere(inner => applyFilter(inner, c));
      }
    });
  } else if (isOrCriteria(criteria)) {
    qb.where(b => {
      for (const c of criteria.anyOf) {
        b.orWhere(inner => applyFilter(inner, c));
      }
    });
  } else if (isNotCriteria(criteria)) {
    qb.whereNot(b => applyFilter(b, criteria.not));
  } else if (criteria.values.length === 0) {
    qb.whereRaw('false');
  } else if (criteria.column === 'owner_ref') {
    // refs are stored normalised (see normalizeEntityRef) and the rules normalise theirs
    qb.whereIn('owner_ref', criteria.values);
  } else {
    qb.whereRaw('shared_with_groups && ?::text[]', [criteria.values]);
  }
}

/** The `roi_scenarios` and `roi_scenario_versions` tables in PostgreSQL. */
export class DatabaseScenarioStore implements ScenarioStore {
  /** Connects to the plugin's database and brings its schema up to date (unless told to skip). */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseScenarioStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseScenarioStore(client);
  }

  constructor(private readonly db: Knex) {}

  /**
   * Scenarios matching the filter (all of them for `undefined`), latest first then by id; from
   * a cursor, the keyset after it or, for `prev`, before it read nearest first (the index on
   * `updated_at` serves both directions).
   */
  async list(options: {
    filter?: PermissionCriteria<ScenarioQuery>;
    limit: number;
    cursor?: ScenarioCursor;
  }): Promise<ScenarioRecord[]> {
    const { cursor } = options;
    const backwards = cursor?.direction === 'prev';
    const query = this.db<ScenarioRow>('roi_scenarios')
      .select('*')
      .orderBy([
        { column: 'updated_at', order: backwards ? 'asc' : 'desc' },
        { column: 'id', order: backwards ? 'desc' : 'asc' },
      ])
      .limit(options.limit);
    if (cursor) {
      // after: (updated_at, -id) below the cursor's; before: above it
      query.where(b =>
        b
          .where('updated_at', backwards ? '>' : '<', cursor.updatedAt)
          .orWhere(same =>
            same
              .where('updated_at', cursor.updatedAt)
              .andWhere('id', backwards ? '<' : '>', cursor.id),
          ),
      );
    }
    if (options.filter) {
      applyFilter(query, options.filter);
    }
    return (await query).map(toRecord);
  }

  async get(id: string): Promise<ScenarioRecord | undefined> {
    const row = await this.db<ScenarioRow>('roi_scenarios')
      .where({ id })
      .first();
    return row ? toRecord(row) : undefined;
  }

  async getByToken(token: string): Promise<ScenarioRecord | undefined> {
    const row = await this.db<ScenarioRow>('roi_scenarios')
      .where({ share_token: token })
      .first();
    return row ? toRecord(row) : undefined;
  }

  /** Inserts a scenario and its first version, in one transaction. */
  async insert(
    record: ScenarioRecord,
    version: ScenarioVersionRecord,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('roi_scenarios').insert(toRow(record));
      await tx('roi_scenario_versions').insert(toVersionRow(version));
    });
  }

  /**
   * Replaces a scenario if it is still at `expectedVersion` and records the new version, in
   * one transaction; a ConflictError when someone saved in between.
   */
  async update(
    record: ScenarioRecord,
    expectedVersion: number,
    version: ScenarioVersionRecord,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const { id, ...rest } = toRow(record);
      const changed = await tx('roi_scenarios')
        .where({ id, version: expectedVersion })
        .update({
          name: rest.name,
          description: rest.description,
          inputs: rest.inputs,
          shared_with_groups: rest.shared_with_groups,
          share_token: rest.share_token,
          version: rest.version,
          updated_at: rest.updated_at,
          updated_by: rest.updated_by,
        });
      if (changed === 0) {
        const exists = await tx('roi_scenarios').where({ id }).first();
        if (!exists) {
          throw new NotFoundError(`scenario ${id} not found`);
        }
        throw new ConflictError(
          `version: the scenario was saved as version ${exists.version} in the meantime; reload it before saving`,
        );
      }
      await tx('roi_scenario_versions').insert(toVersionRow(version));
    });
  }

  async delete(id: string): Promise<void> {
    await this.db('roi_scenarios').where({ id }).delete();
  }

  async versions(id: string): Promise<ScenarioVersionRecord[]> {
    const rows = await this.db<VersionRow>('roi_scenario_versions')
      .where({ scenario_id: id })
      .orderBy('version', 'desc');
    return rows.map(row => ({
      scenarioId: row.scenario_id,
      version: row.version,
      name: row.name,
      description: row.description,
      inputs: json(row.inputs),
      changedBy: row.changed_by,
      changedAt: iso(row.changed_at),
      changes: json(row.changes),
    }));
  }
}
