export {
  BODY_LIMIT_BYTES,
  createPortalOpenApiRouter,
} from './createPortalOpenApiRouter';
