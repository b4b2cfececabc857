import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  GithubEntityProvider,
  GithubOrgEntityProvider,
} from '@backstage/plugin-catalog-backend-module-github';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { readGithubDiscoveryConfig } from './config';

/**
 * GitHub discovery for the catalog, on only when `serviceOverview.github.organizations`
 * (`GITHUB_ORG`) is set: Backstage's GitHub entity provider (repositories holding a
 * catalog file) and org provider (teams as Groups, members as Users) per organisation,
 * both subscribed to the events service's GitHub topics for refreshes within seconds.
 */
export const catalogModuleServiceOverviewGithub = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'service-overview-github',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({ catalog, config, logger, scheduler, events }) {
        const github = readGithubDiscoveryConfig(config);
        if (!github) {
          logger.info('GitHub discovery is off (GITHUB_ORG is not set)');
          return;
        }
        const providerConfig = new ConfigReader({
          integrations: config.getOptional('integrations') ?? {},
          catalog: {
            providers: {
              github: Object.fromEntries(
                github.organizations.map(organization => [
                  organization,
                  {
                    organization,
                    host: github.host,
                    catalogPath: github.catalogPath,
                    validateLocationsExist: true,
                  },
                ]),
              ),
            },
          },
        });
        catalog.addEntityProvider(
          GithubEntityProvider.fromConfig(providerConfig, {
            logger,
            events,
            schedule: scheduler.createScheduledTaskRunner(github.schedule),
          }),
        );
        for (const organization of github.organizations) {
          catalog.addEntityProvider(
            GithubOrgEntityProvider.fromConfig(providerConfig, {
              id: organization,
              orgUrl: `https://${github.host}/${organization}`,
              logger,
              events,
              schedule: scheduler.createScheduledTaskRunner(github.schedule),
            }),
          );
        }
        logger.info(
          `GitHub discovery on for ${github.organizations.join(', ')}`,
        );
      },
    });
  },
});
