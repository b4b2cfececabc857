import { ClusterTarget } from './clusters';

export type KubernetesClientModule = typeof import('@kubernetes/client-node');

/** Loads @kubernetes/client-node, an ES module, on first use. */
export type KubernetesClientLoader = () => Promise<KubernetesClientModule>;

export const loadKubernetesClient: KubernetesClientLoader = () =>
  import('@kubernetes/client-node');

/** The client's configuration for one cluster, with the portal's service account token. */
export function kubeConfigFor(
  k8s: KubernetesClientModule,
  cluster: ClusterTarget,
) {
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        // Plain HTTP (kubectl proxy) has no certificate to verify; client-node insists.
        skipTLSVerify:
          cluster.skipTLSVerify || cluster.url.startsWith('http://'),
        caData: cluster.caData,
      },
    ],
    users: [{ name: 'portal', token: cluster.serviceAccountToken }],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: 'portal' }],
    currentContext: cluster.name,
  });
  return kc;
}
