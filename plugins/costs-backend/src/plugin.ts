import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readClusters } from '@internal/kubernetes-clusters';
import { costsPermissions } from '@internal/plugin-costs-common';
import { readCostsConfig } from './config';
import { DatabaseCostStore } from './database/DatabaseCostStore';
import { createRouter } from './service/router';
import { readCatalogAttribution } from './services/Collector/catalogAttribution';
import { createCostCollector } from './services/Collector/createCostCollector';
import { createCostService } from './services/Costs/createCostService';

/** The scheduler's id of the collection. */
export const COSTS_TASK_ID = 'costs-collect';

/**
 * Costs: the workloads of the portal's Kubernetes clusters priced per day (requests at the unit
 * prices, or a cluster's OpenCost allocation), attributed to services and teams, kept as
 * history; the idle share of each namespace's quota.
 *
 * @public
 */
export const costsPlugin = createBackendPlugin({
  pluginId: 'costs',
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
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init(deps) {
        const { config, logger } = deps;
        const settings = readCostsConfig(config);
        const { clusters } = readClusters(config);
        for (const name of settings.opencost.keys()) {
          if (!clusters.some(cluster => cluster.name === name)) {
            throw new Error(
              `costs.opencost: cluster "${name}" is not a cluster of kubernetes.clusterLocatorMethods the portal reads with its own service account`,
            );
          }
        }
        const store = await DatabaseCostStore.create({
          database: deps.database,
        });
        deps.permissionsRegistry.addPermissions(costsPermissions);
        const collector = createCostCollector({
          clusters,
          prices: settings.prices,
          currency: settings.currency,
          opencost: settings.opencost,
          timeoutMs: settings.timeoutMs,
          store,
          attribution: () =>
            readCatalogAttribution({ catalog: deps.catalog, auth: deps.auth }),
          logger,
        });
        if (clusters.length > 0) {
          await deps.scheduler.scheduleTask({
            id: COSTS_TASK_ID,
            scope: 'global',
            ...settings.schedule,
            fn: async signal => {
              await collector.collect(signal as AbortSignal | undefined);
            },
          });
        } else {
          logger.info(
            'No Kubernetes cluster the portal reads with its own service account: no costs are collected',
          );
        }
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            costs: createCostService({
              store,
              collector,
              currency: settings.currency,
              permissions: deps.permissions,
            }),
          }),
        );
      },
    });
  },
});
