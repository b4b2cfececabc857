import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { EnvironmentDeployment } from '@internal/plugin-deployments-common';
import { Knex } from 'knex';
import {
  ActionOutcome,
  ActionRecord,
  DeploymentStore,
} from './DeploymentStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-deployments-backend',
  'migrations',
);

type ActionRow = {
  id: string;
  entity_ref: string;
  repository: string | null;
  action: ActionRecord['action'];
  environment: string;
  from_environment: string | null;
  ref: string | null;
  sha: string | null;
  actor: string;
  requested_at: Date | string;
  result: ActionRecord['result'];
  reason: string | null;
  run_id: string | number | null;
  run_url: string | null;
  run_status: string | null;
  run_conclusion: string | null;
  run_started_at: Date | string | null;
  run_updated_at: Date | string | null;
};

const iso = (d: Date | string) => new Date(d).toISOString();

/** The fields of a row that are set, as optional properties. */
function present<T extends Record<string, unknown>>(fields: T) {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== null && v !== undefined),
  ) as { [K in keyof T]?: Exclude<T[K], null> };
}

function toRecord(row: ActionRow): ActionRecord {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    action: row.action,
    environment: row.environment,
    actor: row.actor,
    requestedAt: iso(row.requested_at),
    result: row.result,
    ...present({
      repository: row.repository,
      fromEnvironment: row.from_environment,
      ref: row.ref,
      sha: row.sha,
      reason: row.reason,
    }),
    ...(row.run_id !== null && row.run_url !== null
      ? {
          run: {
            id: Number(row.run_id),
            url: row.run_url,
            ...present({
              status: row.run_status,
              conclusion: row.run_conclusion,
              startedAt: row.run_started_at && iso(row.run_started_at),
              updatedAt: row.run_updated_at && iso(row.run_updated_at),
            }),
          },
        }
      : {}),
  };
}

function outcomeColumns(outcome: ActionOutcome) {
  const { run } = outcome;
  const columns: Partial<ActionRow> = {
    ...(outcome.result ? { result: outcome.result } : {}),
    ...(outcome.reason !== undefined ? { reason: outcome.reason } : {}),
    ...(outcome.sha !== undefined ? { sha: outcome.sha } : {}),
  };
  if (run) {
    Object.assign(columns, {
      run_id: run.id,
      run_url: run.url,
      run_status: run.status ?? null,
      run_conclusion: run.conclusion ?? null,
      run_started_at: run.startedAt ?? null,
      run_updated_at: run.updatedAt ?? null,
    });
  }
  return columns;
}

/** The deployments plugin's only SQL: the audit and the deployment history. */
export class DatabaseDeploymentStore implements DeploymentStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseDeploymentStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseDeploymentStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async addAction(action: ActionRecord): Promise<void> {
    await this.db<ActionRow>('deployments_actions').insert({
      id: action.id,
      entity_ref: action.entityRef,
      repository: action.repository ?? null,
      action: action.action,
      environment: action.environment,
      from_environment: action.fromEnvironment ?? null,
      ref: action.ref ?? null,
      sha: action.sha ?? null,
      actor: action.actor,
      requested_at: action.requestedAt,
      result: action.result,
      reason: action.reason ?? null,
      ...outcomeColumns({ run: action.run }),
    });
  }

  async updateAction(id: string, outcome: ActionOutcome): Promise<void> {
    const columns = outcomeColumns(outcome);
    if (Object.keys(columns).length === 0) return;
    await this.db<ActionRow>('deployments_actions')
      .where({ id })
      .update(columns);
  }

  async getAction(id: string): Promise<ActionRecord | undefined> {
    const row = await this.db<ActionRow>('deployments_actions')
      .where({ id })
      .first();
    return row ? toRecord(row) : undefined;
  }

  async actionByRun(
    repository: string,
    runId: number,
  ): Promise<ActionRecord | undefined> {
    const row = await this.db<ActionRow>('deployments_actions')
      .where({ repository, run_id: runId })
      .first();
    return row ? toRecord(row) : undefined;
  }

  async listActions(entityRef: string, limit: number): Promise<ActionRecord[]> {
    const rows = await this.db<ActionRow>('deployments_actions')
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'requested_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(toRecord);
  }

  async recordDeployment(
    repository: string,
    deployment: EnvironmentDeployment,
  ): Promise<void> {
    await this.db('deployments_history')
      .insert({
        deployment_id: deployment.deploymentId,
        repository,
        environment: deployment.environment,
        sha: deployment.sha,
        ref: deployment.ref ?? null,
        succeeded_at: deployment.succeededAt,
      })
      .onConflict('deployment_id')
      .ignore();
  }

  async recentDeployments(
    repository: string,
  ): Promise<EnvironmentDeployment[]> {
    // Per environment, the latest deployment of each commit; of those, the two latest.
    const { rows } = await this.db.raw<{
      rows: Array<{
        deployment_id: string | number;
        environment: string;
        sha: string;
        ref: string | null;
        succeeded_at: Date | string;
      }>;
    }>(
      `WITH latest_per_commit AS (
         SELECT DISTINCT ON (environment, sha)
                deployment_id, environment, sha, ref, succeeded_at
           FROM deployments_history
          WHERE repository = ?
          ORDER BY environment, sha, succeeded_at DESC, deployment_id DESC
       ), ranked AS (
         SELECT *, row_number() OVER (
                  PARTITION BY environment
                  ORDER BY succeeded_at DESC, deployment_id DESC) AS n
           FROM latest_per_commit
       )
       SELECT deployment_id, environment, sha, ref, succeeded_at
         FROM ranked WHERE n <= 2
        ORDER BY environment, n`,
      [repository],
    );
    return rows.map(row => ({
      deploymentId: Number(row.deployment_id),
      environment: row.environment,
      sha: row.sha,
      succeededAt: iso(row.succeeded_at),
      ...(row.ref ? { ref: row.ref } : {}),
    }));
  }
}
