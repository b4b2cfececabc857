import { Config } from '@backstage/config';
import {
  DEFAULT_ENVIRONMENTS,
  DeploymentEnvironment,
} from '@internal/plugin-deployments-common';

export type DeploymentsConfig = {
  environments: DeploymentEnvironment[];
  /** File name under `.github/workflows/`. */
  workflow: string;
  workflowBranch: string;
  githubHost: string;
};

const WORKFLOW_FILE = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.ya?ml$/;
const ENVIRONMENT = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/;

/** Reads `deployments`; a setting that could not be right fails the start, naming the key. */
export function readDeploymentsConfig(config: Config): DeploymentsConfig {
  const root = config.getOptionalConfig('deployments');
  const environments =
    root?.getOptionalConfigArray('environments')?.map(e => ({
      name: e.getString('name'),
      production: e.getOptionalBoolean('production') ?? false,
    })) ?? DEFAULT_ENVIRONMENTS;
  for (const { name } of environments) {
    if (!ENVIRONMENT.test(name)) {
      throw new Error(
        `deployments.environments: ${JSON.stringify(
          name,
        )} is not an environment name (letters, digits, inner . _ -)`,
      );
    }
  }
  if (new Set(environments.map(e => e.name)).size !== environments.length) {
    throw new Error('deployments.environments: a name appears twice');
  }
  const workflow = root?.getOptionalString('workflow') ?? 'deploy.yaml';
  if (!WORKFLOW_FILE.test(workflow)) {
    throw new Error(
      `deployments.workflow: ${JSON.stringify(
        workflow,
      )} is not a workflow file name such as deploy.yaml`,
    );
  }
  return {
    environments,
    workflow,
    workflowBranch: root?.getOptionalString('workflowBranch') ?? 'main',
    githubHost: root?.getOptionalString('githubHost') ?? 'github.com',
  };
}

/** `deployments.productionApprovers`, normalised; read by the portal's permission policy. */
export function readProductionApprovers(config: Config): string[] {
  return (
    config.getOptionalStringArray('deployments.productionApprovers') ?? []
  ).map(ref => ref.toLocaleLowerCase('en-US'));
}
