export {
  BODY_LIMIT_BYTES,
  createPortalOpenApiRouter,
} from './createPortalOpenApiRouter';
export { routesOfRouter, routesOfSpec } from './routes';
