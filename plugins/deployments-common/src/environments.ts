/** An environment a component is deployed to, in promotion order. */
export type DeploymentEnvironment = {
  name: string;
  /** Production environments are guarded by their own permission. */
  production: boolean;
};

/** The environments when `deployments.environments` is not configured. */
export const DEFAULT_ENVIRONMENTS: DeploymentEnvironment[] = [
  { name: 'dev', production: false },
  { name: 'staging', production: false },
  { name: 'production', production: true },
];

/**
 * Where a promotion out of `from` goes: the next environment in the configured order, or
 * `undefined` when `from` is the last one or not configured.
 */
export function nextEnvironment(
  environments: DeploymentEnvironment[],
  from: string,
): DeploymentEnvironment | undefined {
  const index = environments.findIndex(e => e.name === from);
  return index < 0 ? undefined : environments[index + 1];
}
