import {
  ClusterTarget,
  KubernetesClientLoader,
  kubeConfigFor,
  loadKubernetesClient,
  withTimeout,
} from '@internal/kubernetes-clusters';

/** The objects of a cluster the costs read, as the API server lists them (only what is read). */
export type ClusterSnapshot = {
  deployments: any[];
  statefulSets: any[];
  daemonSets: any[];
  jobs: any[];
  cronJobs: any[];
  pods: any[];
  persistentVolumeClaims: any[];
  resourceQuotas: any[];
};

/**
 * Lists, across all namespaces, the Deployments, StatefulSets and DaemonSets (whose pod
 * templates and replicas or placed pods make the requests), the Pods (those of Jobs and bare
 * ones are priced from their own requests), the Jobs and CronJobs (the Pods' owners and their
 * labels), the PersistentVolumeClaims (storage) and the ResourceQuotas of a cluster with the
 * portal's service account. With `quotasOnly` (a cluster OpenCost prices) only the
 * ResourceQuotas are listed, the other lists left empty. A list that does not answer within
 * `timeoutMs` is aborted; any failure rejects, and the collector reports the cluster as not
 * collected.
 */
export async function readClusterSnapshot(options: {
  cluster: ClusterTarget;
  timeoutMs: number;
  loadClient?: KubernetesClientLoader;
  quotasOnly?: boolean;
}): Promise<ClusterSnapshot> {
  const { cluster, timeoutMs } = options;
  const k8s = await (options.loadClient ?? loadKubernetesClient)();
  const kubeConfig = kubeConfigFor(k8s, cluster);
  const apps = kubeConfig.makeApiClient(k8s.AppsV1Api);
  const core = kubeConfig.makeApiClient(k8s.CoreV1Api);
  const batch = kubeConfig.makeApiClient(k8s.BatchV1Api);
  const signal = AbortSignal.timeout(timeoutMs);
  const withSignal = {
    middleware: [
      {
        pre: (context: any) => {
          context.setSignal(signal);
          return new k8s.Observable(Promise.resolve(context));
        },
        post: (context: any) => new k8s.Observable(Promise.resolve(context)),
      },
    ],
    middlewareMergeStrategy: 'append' as const,
  };
  const list = <T>(read: () => Promise<{ items: T[] }>) =>
    options.quotasOnly ? Promise.resolve({ items: [] as T[] }) : read();
  const [
    deployments,
    statefulSets,
    daemonSets,
    jobs,
    cronJobs,
    pods,
    claims,
    quotas,
  ] = await withTimeout(
    Promise.all([
      list(() => apps.listDeploymentForAllNamespaces({}, withSignal)),
      list(() => apps.listStatefulSetForAllNamespaces({}, withSignal)),
      list(() => apps.listDaemonSetForAllNamespaces({}, withSignal)),
      list(() => batch.listJobForAllNamespaces({}, withSignal)),
      list(() => batch.listCronJobForAllNamespaces({}, withSignal)),
      list(() => core.listPodForAllNamespaces({}, withSignal)),
      list(() =>
        core.listPersistentVolumeClaimForAllNamespaces({}, withSignal),
      ),
      core.listResourceQuotaForAllNamespaces({}, withSignal),
    ]),
    timeoutMs,
  );
  return {
    deployments: deployments.items,
    statefulSets: statefulSets.items,
    daemonSets: daemonSets.items,
    jobs: jobs.items,
    cronJobs: cronJobs.items,
    pods: pods.items,
    persistentVolumeClaims: claims.items,
    resourceQuotas: quotas.items,
  };
}
