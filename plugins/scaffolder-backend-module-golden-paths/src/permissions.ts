import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Dropping a service's database (`acme:database:drop`), checked against the service's
 * component: the portal's policy allows its owners and platform admins.
 */
export const databaseDropPermission = createPermission({
  name: 'golden-paths.database.drop',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});
