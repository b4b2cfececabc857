import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
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
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new PortalPermissionPolicy(readPortalPolicyOptions(config)),
        );
      },
    });
  },
});
