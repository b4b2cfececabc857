import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of a scope (the organisation or a team) in the permission framework:
 * adopting a baseline is decided per scope.
 */
export const RESOURCE_TYPE_VALUE_SCOPE = 'value-scope';

/** Adopt a saved ROI scenario as the baseline of a scope: platform admins for the organisation, a team's members for the team. */
export const valueBaselineAdoptPermission = createPermission({
  name: 'value.baseline.adopt',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_VALUE_SCOPE,
});

/** Read baselines and the value delivered against them. */
export const valueReadPermission = createPermission({
  name: 'value.read',
  attributes: { action: 'read' },
});

export const valuePermissions = [
  valueBaselineAdoptPermission,
  valueReadPermission,
];
