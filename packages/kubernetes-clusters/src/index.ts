/**
 * The Kubernetes clusters the portal reads and writes with its own service account: the cluster
 * list from `kubernetes.clusterLocatorMethods`, a client configuration for each, the loader of
 * @kubernetes/client-node, a timeout, and a component's Deployments in a namespace.
 *
 * @packageDocumentation
 */
export { readClusters } from './clusters';
export type { ClusterReading, ClusterTarget } from './clusters';
export { kubeConfigFor, loadKubernetesClient } from './kubernetesClient';
export type {
  KubernetesClientLoader,
  KubernetesClientModule,
} from './kubernetesClient';
export { NoResponseError, withTimeout } from './timeout';
export {
  KUBERNETES_ID_ANNOTATION,
  readComponentDeployments,
} from './componentDeployments';
export type { ComponentDeployments, Deployment } from './componentDeployments';
