import { Knex } from 'knex';
import { AdoptionStore } from './AdoptionStore';

/**
 * The adoption KPIs' reads of `insights_workflow_runs` and `insights_deployments`. Takes a
 * client the plugin's migrations have run on (see `DatabaseInsightsStore.create`).
 */
export class DatabaseAdoptionStore implements AdoptionStore {
  constructor(private readonly db: Knex) {}

  async repositoriesWithWorkflowRuns(
    repositories: string[],
  ): Promise<Set<string>> {
    if (repositories.length === 0) return new Set();
    const rows: Array<{ repository: string }> = await this.db(
      'insights_workflow_runs',
    )
      .distinct('repository')
      .whereIn('repository', repositories);
    return new Set(rows.map(r => r.repository));
  }

  async firstProductionDeployments(
    repositories: string[],
  ): Promise<Map<string, Date>> {
    if (repositories.length === 0) return new Map();
    const rows: Array<{ repository: string; first: string | Date }> =
      await this.db('insights_deployments')
        .select('repository')
        .min({ first: 'succeeded_at' })
        .where({ is_production: true })
        .whereNotNull('succeeded_at')
        .whereIn('repository', repositories)
        .groupBy('repository');
    return new Map(rows.map(r => [r.repository, new Date(r.first)]));
  }
}
