/**
 * Deployments backend: deploy, promote and roll back a component through its own deploy
 * workflow, audited, permission-checked per environment.
 *
 * @packageDocumentation
 */
export { deploymentsPlugin as default } from './plugin';
export { deploymentsPlugin } from './plugin';
export { readDeploymentsConfig, readProductionApprovers } from './config';
export { readClusters } from './services/Clusters/clusters';
export type { ClusterTarget } from './services/Clusters/clusters';
export {
  KUBERNETES_ID_ANNOTATION,
  readComponentDeployments,
} from './services/Clusters/componentDeployments';
export type {
  ComponentDeployments,
  Deployment,
} from './services/Clusters/componentDeployments';
export type { KubernetesClientLoader } from './services/Clusters/kubernetesClient';
