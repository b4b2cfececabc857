import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DatabaseAdoptionStore } from './DatabaseAdoptionStore';
import { DatabaseBackfillStore } from './DatabaseBackfillStore';
import { DatabaseCohortStore } from './DatabaseCohortStore';
import { DatabaseDoraStore } from './DatabaseDoraStore';
import { DatabaseGithubStore, QueueLimits } from './DatabaseGithubStore';
import { DatabaseSurveyStore } from './DatabaseSurveyStore';
import { insightsMigrations } from './migrations';

/**
 * The plugin's stores on one client. The stores share their tables (GitHub ingestion writes
 * what DORA, adoption and the backfill read), so the plugin's migrations belong to none of
 * them: `create` runs them once, then hands every store the same migrated client.
 */
export class DatabaseInsightsStore {
  /** Connects to the plugin's database and brings its schema up to date (unless told to skip). */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    /** What the GitHub store counts as a production environment and as an incident. */
    patterns: { productionPattern: string; incidentPattern: string };
    /** Bounds of the GitHub store's queue of deliveries waiting to be written. */
    queueLimits?: Partial<QueueLimits>;
  }): Promise<DatabaseInsightsStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest(insightsMigrations);
    }
    return new DatabaseInsightsStore(
      client,
      options.patterns,
      options.queueLimits,
    );
  }

  readonly github: DatabaseGithubStore;
  readonly dora: DatabaseDoraStore;
  readonly survey: DatabaseSurveyStore;
  readonly adoption: DatabaseAdoptionStore;
  readonly backfill: DatabaseBackfillStore;
  readonly cohorts: DatabaseCohortStore;

  private constructor(
    db: Knex,
    patterns: { productionPattern: string; incidentPattern: string },
    queueLimits?: Partial<QueueLimits>,
  ) {
    this.github = new DatabaseGithubStore(db, patterns, queueLimits);
    this.dora = new DatabaseDoraStore(db);
    this.survey = new DatabaseSurveyStore(db);
    this.adoption = new DatabaseAdoptionStore(db);
    this.backfill = new DatabaseBackfillStore(db);
    this.cohorts = new DatabaseCohortStore(db);
  }
}
