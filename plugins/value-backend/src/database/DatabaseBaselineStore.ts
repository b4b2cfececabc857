import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { RoiInputs } from '@internal/plugin-roi-common';
import { BaselineEvent } from '@internal/plugin-value-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { BaselineRecord, BaselineStore, NewBaseline } from './BaselineStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-value-backend',
  'migrations',
);

type BaselineRow = {
  id: string;
  scope: string;
  scenario_id: string;
  scenario_name: string;
  scenario_version: number;
  currency: string;
  inputs: RoiInputs;
  start_date: string;
  cost_per_incident: number;
  adopted_by: string;
  adopted_at: Date;
};

type EventRow = {
  id: string;
  scope: string;
  action: BaselineEvent['action'];
  baseline_id: string;
  scenario_id: string;
  scenario_version: number;
  start_date: string;
  actor: string;
  at: Date;
};

const toRecord = (row: BaselineRow): BaselineRecord => ({
  id: row.id,
  scope: row.scope,
  scenarioId: row.scenario_id,
  scenarioName: row.scenario_name,
  scenarioVersion: row.scenario_version,
  currency: row.currency,
  inputs: row.inputs,
  startDate: row.start_date,
  costPerIncident: Number(row.cost_per_incident),
  adoptedBy: row.adopted_by,
  adoptedAt: new Date(row.adopted_at).toISOString(),
});

const toEvent = (row: EventRow): BaselineEvent => ({
  id: row.id,
  scope: row.scope,
  action: row.action,
  baselineId: row.baseline_id,
  scenarioId: row.scenario_id,
  scenarioVersion: row.scenario_version,
  startDate: row.start_date,
  actor: row.actor,
  at: new Date(row.at).toISOString(),
});

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505';

export class DatabaseBaselineStore implements BaselineStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseBaselineStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseBaselineStore(client);
  }

  constructor(private readonly db: Knex) {}

  async current(scope: string): Promise<BaselineRecord | undefined> {
    const row = await this.db<BaselineRow>('value_baselines')
      .where({ scope })
      .whereNull('replaced_at')
      .first();
    return row ? toRecord(row) : undefined;
  }

  async adopt(baseline: NewBaseline, at: Date): Promise<BaselineRecord> {
    try {
      return await this.db.transaction(async tx => {
        const replaced = await tx<BaselineRow>('value_baselines')
          .where({ scope: baseline.scope })
          .whereNull('replaced_at')
          .forUpdate()
          .first();
        if (replaced) {
          await tx('value_baselines')
            .where({ id: replaced.id })
            .update({ replaced_at: at });
        }
        const [row] = await tx<BaselineRow>('value_baselines')
          .insert({
            id: randomUUID(),
            scope: baseline.scope,
            scenario_id: baseline.scenarioId,
            scenario_name: baseline.scenarioName,
            scenario_version: baseline.scenarioVersion,
            currency: baseline.currency,
            inputs: JSON.stringify(baseline.inputs) as unknown as RoiInputs,
            start_date: baseline.startDate,
            cost_per_incident: baseline.costPerIncident,
            adopted_by: baseline.adoptedBy,
            adopted_at: at,
          })
          .returning('*');
        const event = (
          action: BaselineEvent['action'],
          of: Pick<
            BaselineRow,
            'id' | 'scenario_id' | 'scenario_version' | 'start_date'
          >,
        ) => ({
          id: randomUUID(),
          scope: baseline.scope,
          action,
          baseline_id: of.id,
          scenario_id: of.scenario_id,
          scenario_version: of.scenario_version,
          start_date: of.start_date,
          actor: baseline.adoptedBy,
          at,
        });
        await tx('value_baseline_events').insert([
          ...(replaced ? [event('replaced', replaced)] : []),
          event('adopted', row),
        ]);
        return toRecord(row);
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictError(
          `scope: ${baseline.scope} had a baseline adopted at the same moment; reload and adopt again`,
        );
      }
      throw error;
    }
  }

  async history(scope: string, limit: number): Promise<BaselineEvent[]> {
    const rows = await this.db<EventRow>('value_baseline_events')
      .where({ scope })
      .orderBy([
        { column: 'at', order: 'desc' },
        // at one instant, the adoption after the replacement it caused
        { column: 'action', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(toEvent);
  }
}
