import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Prepare a golden path upgrade of any service now. The owners of a service may always prepare
 * its upgrade; this permission is for everyone else (the policy gives it to platform admins).
 */
export const goldenPathUpgradesPreparePermission = createPermission({
  name: 'golden-path-upgrades.prepare',
  attributes: { action: 'update' },
});

export const goldenPathUpgradesPermissions = [
  goldenPathUpgradesPreparePermission,
];
