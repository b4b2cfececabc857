import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterTarget } from './clusters';
import {
  kubeConfigFor,
  KubernetesClientLoader,
  loadKubernetesClient,
} from './kubernetesClient';
import { NoResponseError, withTimeout } from './timeout';

export type Deployment = import('@kubernetes/client-node').V1Deployment;

export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

const DNS_1123_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_VALUE = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** The component's Deployments in a namespace, or why they could not be read. */
export type ComponentDeployments =
  | { status: 'found'; deployments: Deployment[] }
  | { status: 'notFound' | 'forbidden' | 'unreachable'; message: string };

/** The status line of the API server's answer, without its body (which may echo credentials). */
function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Lists the Deployments labelled `backstage.io/kubernetes-id=<kubernetesId>` in a namespace of a
 * cluster the portal reads with its own identity, through @kubernetes/client-node's AppsV1Api.
 * A namespace or id that Kubernetes could not hold is not sent (nothing of it can run there).
 * Never throws: none found, a refusal (401/403), a missing namespace (404), a cluster silent
 * past `timeoutMs` (its request aborted, not left holding a connection) or any other failure
 * is a state with a message that names the cluster and namespace, never the credentials.
 */
export async function readComponentDeployments(options: {
  cluster: ClusterTarget;
  namespace: string;
  kubernetesId: string;
  timeoutMs: number;
  logger: LoggerService;
  loadClient?: KubernetesClientLoader;
}): Promise<ComponentDeployments> {
  const { cluster, namespace, kubernetesId, timeoutMs, logger } = options;
  const loadClient = options.loadClient ?? loadKubernetesClient;
  if (!DNS_1123_LABEL.test(namespace)) {
    return {
      status: 'notFound',
      message: `${namespace} cannot be a Kubernetes namespace name, so nothing of the component runs there`,
    };
  }
  if (!LABEL_VALUE.test(kubernetesId)) {
    return {
      status: 'notFound',
      message: `${KUBERNETES_ID_ANNOTATION} ${JSON.stringify(
        kubernetesId,
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
          labelSelector: `${KUBERNETES_ID_ANNOTATION}=${kubernetesId}`,
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
    if (list.items.length === 0) {
      return {
        status: 'notFound',
        message: `no Deployment labelled ${KUBERNETES_ID_ANNOTATION}=${kubernetesId} in namespace ${namespace} on cluster "${cluster.name}"`,
      };
    }
    return { status: 'found', deployments: list.items };
  } catch (error) {
    const code = statusOf(error);
    if (code === 401 || code === 403) {
      return {
        status: 'forbidden',
        message: `cluster "${cluster.name}" refused to list Deployments in ${namespace} (HTTP ${code}); the portal's service account needs list on deployments there`,
      };
    }
    if (code === 404) {
      return {
        status: 'notFound',
        message: `no namespace ${namespace} on cluster "${cluster.name}"`,
      };
    }
    let reason = String((error as Error)?.message ?? error);
    if (code) reason = `HTTP ${code}`;
    else if (signal.aborted || error instanceof NoResponseError)
      reason = `no answer within ${timeoutMs} ms`;
    logger.warn('Could not read the cluster', {
      cluster: cluster.name,
      namespace,
      reason,
    });
    return {
      status: 'unreachable',
      message: `cluster "${cluster.name}" could not be read (${reason})`,
    };
  }
}
