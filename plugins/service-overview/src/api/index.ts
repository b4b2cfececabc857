import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ServiceOverviewApi } from '@internal/plugin-service-overview-common';

export type {
  ServiceOverviewApi,
  ServicesRequest,
} from '@internal/plugin-service-overview-common';

/**
 * The service overview: the backend through the client generated from its contract, and the
 * services page's catalog reads (service-overview-common ServiceOverviewClient).
 */
export const serviceOverviewApiRef = createApiRef<ServiceOverviewApi>({
  id: 'plugin.service-overview.api',
});
