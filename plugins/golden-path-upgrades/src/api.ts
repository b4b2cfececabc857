import { createApiRef } from '@backstage/frontend-plugin-api';
import type { GoldenPathUpgradesApi } from '@internal/plugin-golden-path-upgrades-common';

export type { GoldenPathUpgradesApi } from '@internal/plugin-golden-path-upgrades-common';

/** The golden path upgrades backend, through the client generated from its contract. */
export const goldenPathUpgradesApiRef = createApiRef<GoldenPathUpgradesApi>({
  id: 'plugin.golden-path-upgrades.api',
});
