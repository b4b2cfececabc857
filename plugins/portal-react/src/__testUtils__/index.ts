/**
 * Test helpers for the portal's frontend plugins.
 *
 * @packageDocumentation
 */
export {
  apiError,
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from './apiErrors';
export { captureDownloads } from './downloads';
export type { CapturedDownload } from './downloads';
export { DEMO_BANNER, DEMO_MODES, demoBanners, loadingApi } from './demoBanner';
