import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { insightsServiceRef } from '@internal/plugin-insights-node';
import {
  normalizeGroupRef,
  readinessAssessmentCreatePermission,
  readinessPermissions,
} from '@internal/plugin-readiness-common';
import {
  readinessGroupResourceRef,
  readinessGroupRules,
} from './permissions/rules';
import { createReadinessActions } from './actions/createReadinessActions';
import { DatabaseAssessmentStore } from './database/DatabaseAssessmentStore';
import { createCatalogEvidence } from './services/CatalogEvidence/createCatalogEvidence';
import { createDeliveryEvidence } from './services/DeliveryEvidence/createDeliveryEvidence';
import { createScorecardEvidence } from './services/ScorecardEvidence/createScorecardEvidence';
import { createReadinessService } from './services/ReadinessService/createReadinessService';
import { createRouter } from './service/router';

/**
 * Platform readiness and maturity assessments: evaluation, saved assessments per catalog
 * Group, history, comparison and exports.
 *
 * @public
 */
export const readinessPlugin = createBackendPlugin({
  pluginId: 'readiness',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        insights: insightsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        database,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        logger,
        auth,
        discovery,
        catalog,
        insights,
        actionsRegistry,
      }) {
        permissionsRegistry.addPermissions(readinessPermissions);
        permissionsRegistry.addResourceType({
          resourceRef: readinessGroupResourceRef,
          permissions: [readinessAssessmentCreatePermission],
          rules: Object.values(readinessGroupRules),
          getResources: async refs =>
            refs.map(ref => {
              const groupRef = normalizeGroupRef(ref);
              return groupRef ? { groupRef } : undefined;
            }),
        });
        const store = await DatabaseAssessmentStore.create({ database });
        const service = createReadinessService({
          store,
          catalog,
          evidence: createCatalogEvidence({ catalog }),
          delivery: createDeliveryEvidence({ insights, auth, logger }),
          scorecards: createScorecardEvidence({ auth, discovery, logger }),
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            permissionsRegistry,
            service,
          }),
        );
        createReadinessActions({ actionsRegistry, permissions, service });
        logger.info('Readiness assessments ready');
      },
    });
  },
});
