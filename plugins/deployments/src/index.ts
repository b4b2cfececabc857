/**
 * Deployments: the Deployments tab of component pages (environments, deploy, promote, roll
 * back, the run followed live, recent CI runs).
 *
 * @packageDocumentation
 */
import { deploymentsPlugin } from './plugin';

export { deploymentsApiRef } from './api';
export type { DeploymentsApi } from './api';
export default deploymentsPlugin;
