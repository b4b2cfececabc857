/**
 * The costs plugin for other backend plugins: `costsServiceRef` and its types.
 *
 * @packageDocumentation
 */
import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { createCostsClient, CostsService } from './CostsService';

export type { CostsRequestOptions, CostsService } from './CostsService';
export { createCostsClient } from './CostsService';
export type { PeriodCost, PeriodQuery } from '@internal/plugin-costs-common';

/**
 * The costs of a scope over a period, read over HTTP from the costs backend by default.
 *
 * @public
 */
export const costsServiceRef = createServiceRef<CostsService>({
  id: 'costs.service',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) => createCostsClient({ discovery, auth }),
    }),
});
