import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  ClusterState,
  ClusterWorkload,
  rolloutState,
  runningVersionOf,
} from '@internal/plugin-deployments-common';
import {
  KubernetesClientLoader,
  readComponentDeployments,
} from '@internal/kubernetes-clusters';
import { EnvironmentCluster, environmentClusters } from './clusters';

export { KUBERNETES_ID_ANNOTATION } from '@internal/kubernetes-clusters';
export const VERSION_LABEL = 'app.kubernetes.io/version';

/** The component as the cluster knows it. */
export type ClusterComponent = {
  /** The catalog name: the namespace is `<name>-<environment>`. */
  name: string;
  /** Its `backstage.io/kubernetes-id` (the catalog name when not annotated). */
  kubernetesId: string;
};

/** What runs for a component in an environment's namespace, read from its cluster. */
export interface ClusterVersions {
  read(environment: string, component: ClusterComponent): Promise<ClusterState>;
}

export type ClusterVersionsOptions = {
  config: Config;
  logger: LoggerService;
  loadClient?: KubernetesClientLoader;
};

/**
 * Reads, for each environment, the component's Deployments (label
 * `backstage.io/kubernetes-id=<id>`) in its namespace `<name>-<environment>` on the
 * environment's cluster, through @kubernetes/client-node's AppsV1Api. Never throws: a cluster
 * that is not configured, silent, or refuses the portal is a state of the answer.
 */
export function createClusterVersions(
  options: ClusterVersionsOptions,
): ClusterVersions {
  const { config, logger, loadClient } = options;
  const environments =
    config.getOptionalConfigArray('deployments.environments')?.map(e => ({
      name: e.getString('name'),
      cluster: e.getOptionalString('cluster'),
    })) ?? [];
  const clusters = environmentClusters(config, environments);
  const fallback: EnvironmentCluster = environmentClusters(config, [
    { name: '' },
  ]).get('')!;
  const timeoutMs =
    config.getOptionalNumber('deployments.clusterTimeoutMs') ?? 5000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new Error(
      'deployments.clusterTimeoutMs: must be a positive whole number of milliseconds',
    );
  }

  return {
    async read(environment, component) {
      const where = clusters.get(environment) ?? fallback;
      if ('unavailable' in where) {
        return { status: 'notConfigured', message: where.unavailable };
      }
      const cluster = where.target;
      const namespace = `${component.name}-${environment}`;
      const base = { cluster: cluster.name, namespace };
      const read = await readComponentDeployments({
        cluster,
        namespace,
        kubernetesId: component.kubernetesId,
        timeoutMs,
        logger,
        loadClient,
      });
      if (read.status !== 'found') return { ...base, ...read };
      const workloads: ClusterWorkload[] = read.deployments.map(d => {
        const image = d.spec?.template?.spec?.containers?.[0]?.image;
        const version = runningVersionOf(
          d.metadata?.labels?.[VERSION_LABEL],
          image,
        );
        const progressing = d.status?.conditions?.find(
          c => c.type === 'Progressing',
        );
        const desiredReplicas = d.spec?.replicas ?? 1;
        return {
          name: d.metadata?.name ?? '',
          ...(image ? { image } : {}),
          ...(version ? { version } : {}),
          desiredReplicas,
          readyReplicas: d.status?.readyReplicas ?? 0,
          rollout: rolloutState({
            generation: d.metadata?.generation,
            observedGeneration: d.status?.observedGeneration,
            desiredReplicas,
            replicas: d.status?.replicas,
            updatedReplicas: d.status?.updatedReplicas,
            readyReplicas: d.status?.readyReplicas,
            availableReplicas: d.status?.availableReplicas,
            progressing: progressing && {
              status: progressing.status,
              reason: progressing.reason,
            },
          }),
        };
      });
      return { ...base, status: 'running', workloads };
    },
  };
}
