import { createApiRef } from '@backstage/frontend-plugin-api';
import type { DeploymentsApi } from '@internal/plugin-deployments-common';

export type { DeploymentsApi } from '@internal/plugin-deployments-common';

/** The deployments backend, through the client generated from its contract. */
export const deploymentsApiRef = createApiRef<DeploymentsApi>({
  id: 'plugin.deployments.api',
});
