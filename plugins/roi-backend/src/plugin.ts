import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { roiPermissions } from '@internal/plugin-roi-common';
import { createRoiActions } from './actions/createRoiActions';
import { roiScenarioResourceRef, roiScenarioRules } from './permissions/rules';
import { createRouter } from './service/router';
import { DatabaseScenarioStore } from './database/DatabaseScenarioStore';
import { createScenarioService } from './services/ScenarioService/createScenarioService';

/**
 * The ROI calculator's backend: `POST /api/roi/calculate` and saved scenarios with versions
 * (PostgreSQL), checked by the permission framework (`roi.scenario.*`).
 */
export const roiPlugin = createBackendPlugin({
  pluginId: 'roi',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        database,
        httpRouter,
        httpAuth,
        logger,
        permissions,
        permissionsRegistry,
        actionsRegistry,
      }) {
        const store = await DatabaseScenarioStore.create({ database });
        permissionsRegistry.addPermissions(roiPermissions);
        permissionsRegistry.addResourceType({
          resourceRef: roiScenarioResourceRef,
          permissions: roiPermissions.filter(p => p.type === 'resource'),
          rules: Object.values(roiScenarioRules),
          getResources: async ids => {
            const uuid =
              /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
            return Promise.all(
              ids.map(id => (uuid.test(id) ? store.get(id) : undefined)),
            );
          },
        });
        const scenarios = createScenarioService({
          store,
          permissions,
          permissionsRegistry,
          logger,
        });
        httpRouter.use(await createRouter({ httpAuth, scenarios }));
        createRoiActions({ actionsRegistry, scenarios });
      },
    });
  },
});
