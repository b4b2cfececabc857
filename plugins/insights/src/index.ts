/**
 * Insights: platform adoption, DORA delivery metrics and developer satisfaction.
 *
 * @packageDocumentation
 */
import { insightsPlugin } from './plugin';

export { insightsApiRef } from './api';
export type { InsightsApi } from './api';
export default insightsPlugin;
