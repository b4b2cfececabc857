import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { createGithubOctokitProvider } from '@internal/github-octokit';
import { deploymentsPermissions } from '@internal/plugin-deployments-common';
import { readDeploymentsConfig } from './config';
import { DatabaseDeploymentStore } from './database/DatabaseDeploymentStore';
import { createRouter } from './service/router';
import { createClusterVersions } from './services/Clusters/createClusterVersions';
import { createDeploymentGithub } from './services/Deployments/DeploymentGithub';
import { createDeploymentService } from './services/Deployments/createDeploymentService';
import { subscribeDeploymentEvents } from './services/Deployments/subscribeDeploymentEvents';

/**
 * Deployments: a component's environments and what runs in each, deploy / promote / roll back
 * by dispatching the service's own deploy workflow, the audit of every request, and the
 * component's recent CI runs.
 *
 * @public
 */
export const deploymentsPlugin = createBackendPlugin({
  pluginId: 'deployments',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        events: eventsServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init(deps) {
        const { config, logger } = deps;
        const settings = readDeploymentsConfig(config);
        const store = await DatabaseDeploymentStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addPermissions(deploymentsPermissions);
        const octokit = createGithubOctokitProvider({
          config,
          logger,
          userAgent: 'acme-portal-deployments',
        });
        const deployments = createDeploymentService({
          catalog: deps.catalog,
          permissions: deps.permissions,
          store,
          github: createDeploymentGithub({
            host: settings.githubHost,
            octokitFor: url => octokit.forUrl(url).octokit,
          }),
          config: settings,
          logger,
          clusterVersions: createClusterVersions({ config, logger }),
        });
        await subscribeDeploymentEvents({ events: deps.events, store, logger });
        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, deployments }),
        );
      },
    });
  },
});
