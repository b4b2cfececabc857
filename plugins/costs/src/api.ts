import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CostsApi } from '@internal/plugin-costs-common';

export type { CostsApi } from '@internal/plugin-costs-common';

/** The costs backend through the client generated from its contract. */
export const costsApiRef = createApiRef<CostsApi>({
  id: 'plugin.costs.api',
});
