import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  CatalogPlatformAdminDirectory,
  readTrustedOrigins,
} from './PlatformAdminDirectory';
import {
  PortalPermissionPolicy,
  readPortalPolicyOptions,
} from './PortalPermissionPolicy';

/** Installs the portal's permission policy in the permission backend. */
export const portalPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ policy, config, catalog, auth }) {
        policy.setPolicy(
          new PortalPermissionPolicy(
            readPortalPolicyOptions(config),
            new CatalogPlatformAdminDirectory({
              catalog,
              auth,
              trustedOrigins: readTrustedOrigins(config),
            }),
          ),
        );
      },
    });
  },
});
