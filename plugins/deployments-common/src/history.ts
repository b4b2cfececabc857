/** A deployment of a component's repository to an environment (a GitHub deployment). */
export type EnvironmentDeployment = {
  environment: string;
  sha: string;
  /** The branch or tag GitHub recorded for the deployment, when it is not the sha. */
  ref?: string;
  /** ISO time of its first successful status. */
  succeededAt: string;
  deploymentId: number;
};

function latestFirst(a: EnvironmentDeployment, b: EnvironmentDeployment) {
  if (a.succeededAt !== b.succeededAt) {
    return a.succeededAt < b.succeededAt ? 1 : -1;
  }
  return b.deploymentId - a.deploymentId;
}

/** The successful deployments of one environment, latest first (ties: the higher id). */
function inEnvironment(
  deployments: EnvironmentDeployment[],
  environment: string,
): EnvironmentDeployment[] {
  return deployments
    .filter(d => d.environment === environment)
    .sort(latestFirst);
}

/** What runs in an environment: its latest successful deployment. */
export function runningDeployment(
  deployments: EnvironmentDeployment[],
  environment: string,
): EnvironmentDeployment | undefined {
  return inEnvironment(deployments, environment)[0];
}

/**
 * Where a rollback of an environment goes: the latest successful deployment before the
 * running one whose commit differs from it (re-deploys of the same commit are skipped, since
 * going back to them changes nothing). `undefined` when there is none.
 */
export function previousSuccessfulDeployment(
  deployments: EnvironmentDeployment[],
  environment: string,
): EnvironmentDeployment | undefined {
  const [running, ...earlier] = inEnvironment(deployments, environment);
  return running ? earlier.find(d => d.sha !== running.sha) : undefined;
}
