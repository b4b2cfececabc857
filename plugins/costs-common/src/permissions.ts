import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Collect the day's costs from the clusters now, instead of waiting for the scheduled run:
 * the one write of the costs plugin. The portal's policy lets platform admins do it.
 */
export const costsCollectPermission = createPermission({
  name: 'costs.collect',
  attributes: { action: 'create' },
});

export const costsPermissions = [costsCollectPermission];
