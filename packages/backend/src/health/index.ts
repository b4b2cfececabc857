export { rootHealthServiceFactory } from './rootHealthServiceFactory';
