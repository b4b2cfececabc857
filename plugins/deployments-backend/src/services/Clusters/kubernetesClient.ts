type KubernetesClientModule = typeof import('@kubernetes/client-node');

/** Loads @kubernetes/client-node, an ES module, on first use. */
export type KubernetesClientLoader = () => Promise<KubernetesClientModule>;

export const loadKubernetesClient: KubernetesClientLoader = () =>
  import('@kubernetes/client-node');
