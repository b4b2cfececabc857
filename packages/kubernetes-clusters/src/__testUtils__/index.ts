export {
  deploymentObject,
  loadClientForTests,
  startKubernetesStandIn,
  startSilentServer,
} from './kubernetesStandIn';
export type { KubernetesStandIn } from './kubernetesStandIn';
