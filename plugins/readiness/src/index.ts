/**
 * Platform readiness and maturity assessment: the page, its API client and a home-page widget
 * for leaders.
 *
 * @packageDocumentation
 */
export { readinessPlugin as default } from './plugin';
export { readinessApiRef } from './api';
export type { ReadinessApi } from './api';
