/** What the adoption KPIs read from the delivery tables that GitHub ingestion fills. */
export interface AdoptionStore {
  /** Of these repositories (`owner/name`), those with at least one recorded workflow run. */
  repositoriesWithWorkflowRuns(repositories: string[]): Promise<Set<string>>;
  /** The first successful production deployment of each of these repositories that has one. */
  firstProductionDeployments(
    repositories: string[],
  ): Promise<Map<string, Date>>;
}
