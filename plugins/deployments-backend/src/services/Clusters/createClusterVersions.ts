import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  ClusterState,
  ClusterWorkload,
  rolloutState,
  runningVersionOf,
} from '@internal/plugin-deployments-common';
import {
  ClusterTarget,
  EnvironmentCluster,
  environmentClusters,
} from './clusters';

import {
  KubernetesClientLoader,
  loadKubernetesClient,
} from './kubernetesClient';

type KubernetesClientModule = typeof import('@kubernetes/client-node');

export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const VERSION_LABEL = 'app.kubernetes.io/version';

const DNS_1123_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_VALUE = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function kubeConfigFor(k8s: KubernetesClientModule, cluster: ClusterTarget) {
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

/** The status line of the API server's answer, without its body (which may echo credentials). */
function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Reads, for each environment, the component's Deployments (label
 * `backstage.io/kubernetes-id=<id>`) in its namespace `<name>-<environment>` on the
 * environment's cluster, through @kubernetes/client-node's AppsV1Api. Never throws: a cluster
 * that is not configured, silent, or refuses the portal is a state of the answer.
 */
export function createClusterVersions(
  options: ClusterVersionsOptions,
): ClusterVersions {
  const { config, logger, loadClient = loadKubernetesClient } = options;
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
      if (!DNS_1123_LABEL.test(namespace)) {
        return {
          ...base,
          status: 'notFound',
          message: `${namespace} cannot be a Kubernetes namespace name, so nothing of the component runs there`,
        };
      }
      if (!LABEL_VALUE.test(component.kubernetesId)) {
        return {
          ...base,
          status: 'notFound',
          message: `${KUBERNETES_ID_ANNOTATION} ${JSON.stringify(
            component.kubernetesId,
          )} cannot be a label value`,
        };
      }
      // the signal also frees the connection of a cluster silent past the timeout
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const k8s = await loadClient();
        const apps = kubeConfigFor(k8s, cluster).makeApiClient(k8s.AppsV1Api);
        const list = await withTimeout(
          apps.listNamespacedDeployment(
            {
              namespace,
              labelSelector: `${KUBERNETES_ID_ANNOTATION}=${component.kubernetesId}`,
            },
            {
              middleware: [
                {
                  pre: context => {
                    context.setSignal(signal);
                    return new k8s.Observable(Promise.resolve(context));
                  },
                  post: context => new k8s.Observable(Promise.resolve(context)),
                },
              ],
              middlewareMergeStrategy: 'append',
            },
          ),
          timeoutMs,
        );
        const workloads: ClusterWorkload[] = list.items.map(d => {
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
        if (workloads.length === 0) {
          return {
            ...base,
            status: 'notFound',
            message: `no Deployment labelled ${KUBERNETES_ID_ANNOTATION}=${component.kubernetesId} in namespace ${namespace} on cluster "${cluster.name}"`,
          };
        }
        return { ...base, status: 'running', workloads };
      } catch (error) {
        const code = statusOf(error);
        if (code === 401 || code === 403) {
          return {
            ...base,
            status: 'forbidden',
            message: `cluster "${cluster.name}" refused to list Deployments in ${namespace} (HTTP ${code}); the portal's service account needs list on deployments there`,
          };
        }
        if (code === 404) {
          return {
            ...base,
            status: 'notFound',
            message: `no namespace ${namespace} on cluster "${cluster.name}"`,
          };
        }
        let reason = String((error as Error)?.message ?? error);
        if (code) reason = `HTTP ${code}`;
        else if (signal.aborted) reason = `no answer within ${timeoutMs} ms`;
        logger.warn('Could not read the cluster', {
          cluster: cluster.name,
          namespace,
          reason,
        });
        return {
          ...base,
          status: 'unreachable',
          message: `cluster "${cluster.name}" could not be read (${reason})`,
        };
      }
    },
  };
}
