import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { costsServiceRef } from '@internal/plugin-costs-node';
import { insightsServiceRef } from '@internal/plugin-insights-node';
import {
  normaliseScope,
  valueBaselineAdoptPermission,
  valuePermissions,
} from '@internal/plugin-value-common';
import { DatabaseBaselineStore } from './database/DatabaseBaselineStore';
import { valueScopeResourceRef, valueScopeRules } from './permissions/rules';
import { createRouter } from './service/router';
import { createCostsSource } from './services/Measurements/createCostsSource';
import { createMeasurementService } from './services/Measurements/createMeasurementService';
import {
  createSurveyTimeShare,
  SurveyReader,
} from './services/Measurements/createSurveyTimeShare';
import { createScenarioReader } from './services/Scenarios/createScenarioReader';
import { createValueService } from './services/Value/createValueService';

/**
 * Value delivered: saved ROI scenarios adopted as the baseline of a scope, and every quarter
 * after the start the case's expected figures beside what was measured.
 *
 * @public
 */
export const valuePlugin = createBackendPlugin({
  pluginId: 'value',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        logger: coreServices.logger,
        insights: insightsServiceRef,
        costs: costsServiceRef,
      },
      async init({
        database,
        httpRouter,
        httpAuth,
        auth,
        discovery,
        permissions,
        permissionsRegistry,
        auditor,
        logger,
        insights,
        costs,
      }) {
        permissionsRegistry.addPermissions(valuePermissions);
        permissionsRegistry.addResourceType({
          resourceRef: valueScopeResourceRef,
          permissions: [valueBaselineAdoptPermission],
          rules: Object.values(valueScopeRules),
          getResources: async refs =>
            refs.map(ref => {
              const scope = normaliseScope(ref);
              return scope ? { scope } : undefined;
            }),
        });
        const store = await DatabaseBaselineStore.create({ database });
        const service = createValueService({
          store,
          scenarios: createScenarioReader({ discovery, auth }),
          measurements: createMeasurementService({
            insights,
            timeShare: createSurveyTimeShare(insights as SurveyReader),
            costs: createCostsSource(costs),
            logger,
          }),
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            permissionsRegistry,
            auditor,
            service,
          }),
        );
        logger.info('Value delivered ready');
      },
    });
  },
});
