import { EnvironmentDeployment } from '@internal/plugin-deployments-common';

export type ActionResult = 'pending' | 'dispatched' | 'refused' | 'failed';

/** A workflow run as the audit keeps it. */
export type RunRecord = {
  id: number;
  url: string;
  status?: string;
  conclusion?: string;
  startedAt?: string;
  updatedAt?: string;
};

/** One audited request. */
export type ActionRecord = {
  id: string;
  entityRef: string;
  repository?: string;
  action: 'deploy' | 'promote' | 'rollback';
  environment: string;
  fromEnvironment?: string;
  ref?: string;
  sha?: string;
  actor: string;
  requestedAt: string;
  result: ActionResult;
  reason?: string;
  run?: RunRecord;
};

/** What becomes known of a request after it was recorded. */
export type ActionOutcome = {
  result?: ActionResult;
  reason?: string;
  sha?: string;
  run?: RunRecord;
};

export interface DeploymentStore {
  /** Records a request (its first state). */
  addAction(action: ActionRecord): Promise<void>;
  /** Records its outcome or its run's progress; the fields left out keep their values. */
  updateAction(id: string, outcome: ActionOutcome): Promise<void>;
  getAction(id: string): Promise<ActionRecord | undefined>;
  /** The request that started a workflow run, if the portal started it. */
  actionByRun(
    repository: string,
    runId: number,
  ): Promise<ActionRecord | undefined>;
  /** The latest requests of a component, newest first. */
  listActions(entityRef: string, limit: number): Promise<ActionRecord[]>;

  /** Records a successful deployment; a second success of the same deployment changes nothing. */
  recordDeployment(
    repository: string,
    deployment: EnvironmentDeployment,
  ): Promise<void>;
  /**
   * Of each environment of a repository, the latest successful deployment of each of its two
   * most recently deployed commits: what runs, and what a rollback goes back to.
   */
  recentDeployments(repository: string): Promise<EnvironmentDeployment[]>;
}
