/**
 * The insights plugin for other backend plugins: `insightsServiceRef` and its types.
 *
 * @packageDocumentation
 */
import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { createInsightsClient, InsightsService } from './InsightsService';

export type {
  InsightsQuery,
  InsightsRequestOptions,
  InsightsService,
  SurveyResultsQuery,
} from './InsightsService';
export { createInsightsClient } from './InsightsService';

/**
 * The insights metrics, read over HTTP from the insights backend by default.
 *
 * @public
 */
export const insightsServiceRef = createServiceRef<InsightsService>({
  id: 'insights.service',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) =>
        createInsightsClient({ discovery, auth }),
    }),
});
