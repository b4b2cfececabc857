import {
  coreServices,
  createBackendFeatureLoader,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import {
  createAddDatabaseAction,
  createAddEnvironmentAction,
  createAddMonitoringAction,
} from './actions/changeExisting';
import { createDatabaseAction } from './actions/database';
import { createDropDatabaseAction } from './actions/databaseDrop';
import { createFetchExistingAction } from './actions/fetchExisting';
import { createKubernetesEnvironmentAction } from './actions/kubernetesEnvironment';
import { createPublishLocalAction } from './actions/publishLocal';
import { createPublishLocalBranchAction } from './actions/publishLocalBranch';
import { createRegisterLocalAction } from './actions/registerLocal';
import { createValidateNameAction } from './actions/validateName';
import { LocalGitEntityProvider } from './catalog/LocalGitEntityProvider';
import { LocalGitHost } from './lib/LocalGitHost';
import { findRepoRoot, localGitPaths } from './lib/paths';
import { configuredSecrets, withRedactedOutput } from './lib/redact';

/**
 * The golden paths' backend: the scaffolder actions (name check, local git host, catalog
 * registration, Kubernetes environments) and the catalog provider of the local git host.
 * Both share one LocalGitHost; its data lives in `<repo root>/.data` unless
 * `goldenPaths.dataDir` says otherwise.
 */
export const goldenPathsFeatures = createBackendFeatureLoader({
  deps: {
    config: coreServices.rootConfig,
    rootLogger: coreServices.rootLogger,
  },
  *loader({ config, rootLogger }) {
    const dataDir =
      config.getOptionalString('goldenPaths.dataDir') ??
      path.join(findRepoRoot(), '.data');
    const host = new LocalGitHost(localGitPaths(dataDir));
    const provider = new LocalGitEntityProvider(
      host,
      rootLogger.child({ plugin: 'catalog', module: 'golden-paths-local-git' }),
    );

    yield createBackendModule({
      pluginId: 'scaffolder',
      moduleId: 'golden-paths',
      register(reg) {
        reg.registerInit({
          deps: {
            scaffolder: scaffolderActionsExtensionPoint,
            catalog: catalogServiceRef,
            userInfo: coreServices.userInfo,
            permissions: coreServices.permissions,
          },
          async init({ scaffolder, catalog, userInfo, permissions }) {
            const secrets = configuredSecrets(config);
            scaffolder.addActions(
              ...[
                createValidateNameAction({ catalog, config, userInfo }),
                createPublishLocalAction({ host }),
                createRegisterLocalAction({ host, provider, catalog }),
                createKubernetesEnvironmentAction({ config }),
                createDatabaseAction({ config }),
                createDropDatabaseAction({ config, permissions }),
                createFetchExistingAction({
                  catalog,
                  config,
                  userInfo,
                  host,
                  logger: rootLogger.child({
                    plugin: 'scaffolder',
                    module: 'golden-paths',
                  }),
                }),
                createAddDatabaseAction(),
                createAddMonitoringAction(),
                createAddEnvironmentAction(),
                createPublishLocalBranchAction({ host }),
              ].map(action => withRedactedOutput(action, secrets)),
            );
          },
        });
      },
    });

    yield createBackendModule({
      pluginId: 'catalog',
      moduleId: 'golden-paths-local-git',
      register(reg) {
        reg.registerInit({
          deps: {
            catalog: catalogProcessingExtensionPoint,
            scheduler: coreServices.scheduler,
          },
          async init({ catalog, scheduler }) {
            catalog.addEntityProvider(provider);
            // Repositories removed from the local git host leave the catalog within a minute.
            await scheduler.scheduleTask({
              id: 'golden-paths-local-git-refresh',
              frequency: { seconds: 30 },
              timeout: { seconds: 30 },
              initialDelay: { seconds: 30 },
              scope: 'local',
              fn: async () => {
                if (provider.isConnected()) await provider.refresh();
              },
            });
          },
        });
      },
    });
  },
});
