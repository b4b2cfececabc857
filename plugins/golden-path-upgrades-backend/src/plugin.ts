import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { readSchedulerServiceTaskScheduleDefinitionFromConfig } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { createGithubOctokitProvider } from '@internal/github-octokit';
import { goldenPathUpgradesPermissions } from '@internal/plugin-golden-path-upgrades-common';
import {
  findRepoRoot,
  goldenPathTemplatesRepository,
} from '@internal/plugin-golden-path-upgrades-node';
import path from 'node:path';
import { DatabaseUpgradeStore } from './database/DatabaseUpgradeStore';
import { TemplateSource } from './lib/templateSource';
import { createRouter } from './service/router';
import {
  adoptionsByRef,
  createGoldenPathsService,
  goldenPathEntities,
} from './services/GoldenPathsService';
import { GithubUpgradeHost, LocalGitUpgradeHost } from './services/hosts';
import { createUpgradeService } from './services/UpgradeService';
import { sendDeprecationNotices } from './services/deprecationNotices';

/**
 * Golden path upgrades: prepares, on a schedule and on request, the upgrade of every service
 * behind its golden path, and answers the golden paths page and the entity page.
 */
export const goldenPathUpgradesPlugin = createBackendPlugin({
  pluginId: 'golden-path-upgrades',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
      },
      async init(deps) {
        const { auth, catalog, config, logger, scheduler } = deps;
        deps.permissionsRegistry.addPermissions(goldenPathUpgradesPermissions);
        const store = await DatabaseUpgradeStore.create({
          database: deps.database,
        });
        const root = findRepoRoot();
        const source = new TemplateSource(
          goldenPathTemplatesRepository(config),
        );
        const dataDir =
          config.getOptionalString('goldenPaths.dataDir') ??
          path.join(root, '.data');
        const integrations = ScmIntegrations.fromConfig(config);
        const upgrades = createUpgradeService({
          store,
          source,
          logger,
          hosts: {
            local: new LocalGitUpgradeHost(path.resolve(dataDir, 'git')),
            github: new GithubUpgradeHost(
              createGithubOctokitProvider({
                config,
                logger,
                userAgent: 'acme-portal-golden-path-upgrades',
              }),
              DefaultGithubCredentialsProvider.fromIntegrations(integrations),
            ),
          },
        });
        const goldenPaths = createGoldenPathsService({
          catalog,
          permissions: deps.permissions,
          userInfo: deps.userInfo,
          store,
          source,
          upgrades,
        });

        const concurrency = Math.max(
          1,
          config.getOptionalNumber('goldenPathUpgrades.concurrency') ?? 8,
        );
        const scheduleConfig = config.getOptionalConfig(
          'goldenPathUpgrades.schedule',
        );
        await scheduler.scheduleTask({
          id: 'golden-path-upgrades-prepare',
          scope: 'global',
          ...(scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : {
                frequency: { hours: 1 },
                timeout: { minutes: 30 },
                initialDelay: { minutes: 2 },
              }),
          fn: async abortSignal => {
            const credentials = await auth.getOwnServiceCredentials();
            // Adopted services are offered new versions like any other, whether or not
            // their catalog entity carries the template annotations.
            const adoptions = await adoptionsByRef(store);
            const entities = await goldenPathEntities(catalog, credentials, [
              ...adoptions.keys(),
            ]);
            await sendDeprecationNotices({
              entities,
              adoptions,
              versionsOf: template => source.versions(template),
              store,
              notifications: deps.notifications,
              today: new Date().toISOString().slice(0, 10),
            });
            await upgrades.prepareMany(
              entities.map(entity => ({
                entityRef: `component:${
                  entity.metadata.namespace ?? 'default'
                }/${entity.metadata.name}`,
                annotations: entity.metadata.annotations,
              })),
              {
                concurrency,
                signal: abortSignal,
                onError: (target, error) =>
                  logger.warn('Golden path upgrade could not be prepared', {
                    entityRef: target.entityRef,
                    error: String(error),
                  }),
              },
            );
          },
        });

        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, goldenPaths }),
        );
      },
    });
  },
});
