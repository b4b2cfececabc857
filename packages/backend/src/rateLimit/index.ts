export { portalRootHttpRouterServiceFactory } from './rootHttpRouter';
