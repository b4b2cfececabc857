import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ReadinessApi } from '@internal/plugin-readiness-common';

export type { ReadinessApi } from '@internal/plugin-readiness-common';

/**
 * The readiness backend, through the client generated from its contract
 * (readiness-common ReadinessClient).
 */
export const readinessApiRef = createApiRef<ReadinessApi>({
  id: 'plugin.readiness.api',
});
