import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Dispatch the deploy workflow of a component to an environment that is not production
 * (deploy, promote into it, roll it back). A resource permission on the component: the
 * portal's policy lets the members of the owning team, and platform admins, do it.
 */
export const deploymentsDispatchPermission = createPermission({
  name: 'deployments.dispatch',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * The same for a production environment: the portal's policy lets the members of the owning
 * team and of the configured approver groups (`deployments.productionApprovers`) do it.
 */
export const deploymentsDispatchProductionPermission = createPermission({
  name: 'deployments.dispatch.production',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

export const deploymentsPermissions = [
  deploymentsDispatchPermission,
  deploymentsDispatchProductionPermission,
];

/** The permission that guards a dispatch to an environment. */
export function dispatchPermissionFor(environment: { production: boolean }) {
  return environment.production
    ? deploymentsDispatchProductionPermission
    : deploymentsDispatchPermission;
}
