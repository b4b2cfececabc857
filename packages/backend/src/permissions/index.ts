export { portalPermissionPolicyModule as default } from './module';
