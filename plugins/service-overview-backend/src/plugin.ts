import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { createGithubOctokitProvider } from '@internal/github-octokit';
import { insightsServiceRef } from '@internal/plugin-insights-node';
import { serviceOverviewPermissions } from '@internal/plugin-service-overview-common';
import { createServiceOverviewActions } from './actions/createServiceOverviewActions';
import { readClusterNames, readGithubDiscoveryConfig } from './config';
import { createRouter } from './service/router';
import { CoverageScanner } from './services/Coverage/CoverageScanner';
import {
  COVERAGE_TASK_ID,
  createCoverageService,
} from './services/Coverage/createCoverageService';
import { DatabaseRepositoryStore } from './database/DatabaseRepositoryStore';
import { subscribeCoverageEvents } from './services/Coverage/subscribeCoverageEvents';
import { cachedDeploymentSource } from './services/Deployments/cachedDeploymentSource';
import { createInsightsDeploymentSource } from './services/Deployments/createInsightsDeploymentSource';
import { createServiceCatalog } from './services/ServiceCatalog/createServiceCatalog';

/**
 * Service overview: the entity overview card, catalog hygiene and the coverage of the GitHub
 * organisations by the catalog. (The services page reads the catalog directly.)
 *
 * @public
 */
export const serviceOverviewPlugin = createBackendPlugin({
  pluginId: 'service-overview',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        events: eventsServiceRef,
        httpAuth: coreServices.httpAuth,
        insights: insightsServiceRef,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { catalog, config, database, logger, scheduler } = deps;
        const store = await DatabaseRepositoryStore.create({ database });
        deps.permissionsRegistry.addPermissions(serviceOverviewPermissions);

        const github = readGithubDiscoveryConfig(config);
        if (github) {
          const githubApi = createGithubOctokitProvider({
            config,
            logger,
            userAgent: 'acme-portal-service-overview',
          });
          const scanner = new CoverageScanner({
            organizations: github.organizations,
            store,
            catalog,
            auth: deps.auth,
            logger,
            octokit: async organization =>
              githubApi.forUrl(`https://${github.host}/${organization}`),
          });
          await scheduler.scheduleTask({
            id: COVERAGE_TASK_ID,
            scope: 'global',
            ...github.schedule,
            fn: async () => {
              await scanner.run();
            },
          });
          await subscribeCoverageEvents({
            events: deps.events,
            store,
            scanner,
            organizations: github.organizations,
            catalogPath: github.catalogPath,
            logger,
          });
        }

        const services = createServiceCatalog({
          catalog,
          logger,
          clusters: () => readClusterNames(config),
          deployments: cachedDeploymentSource(
            createInsightsDeploymentSource({ insights: deps.insights }),
          ),
        });
        const coverage = createCoverageService({
          store,
          organizations: github?.organizations ?? [],
          scheduler,
        });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            services,
            coverage,
          }),
        );
        createServiceOverviewActions({
          actionsRegistry: deps.actionsRegistry,
          permissions: deps.permissions,
          services,
          coverage,
        });
      },
    });
  },
});
