/**
 * The ROI calculator page: the business case for platform engineering.
 *
 * @packageDocumentation
 */
export { roiPlugin as default } from './plugin';
export { roiApiRef } from './api';
export type { RoiApi } from './api';
