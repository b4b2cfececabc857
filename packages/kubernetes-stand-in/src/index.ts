/**
 * A local stand-in for the Kubernetes API with the demo organisation's `demo` cluster, for
 * `./portal start --demo` and tests: real clients reach it through the cluster URL and a
 * service account token, as they would a cluster.
 *
 * @packageDocumentation
 */
export { startKubernetesApiStandIn } from './server';
export type { KubernetesApiStandIn } from './server';
export {
  DEMO_CLUSTER_FIXTURE,
  loadDemoWorkloads,
  workloadObjects,
} from './cluster';
export type { DemoWorkload } from './cluster';
export { serveDemoCluster } from './serve';
