/**
 * Deployments backend: deploy, promote and roll back a component through its own deploy
 * workflow, audited, permission-checked per environment.
 *
 * @packageDocumentation
 */
export { deploymentsPlugin as default } from './plugin';
export { deploymentsPlugin } from './plugin';
export { readDeploymentsConfig, readProductionApprovers } from './config';
