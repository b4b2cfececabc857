import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  ClusterTarget,
  KubernetesClientLoader,
  kubeConfigFor,
  loadKubernetesClient,
  NoResponseError,
  withTimeout,
} from '@internal/kubernetes-clusters';
import { describeObject, KubeObject, MANAGED_BY } from './environment';

export const FIELD_MANAGER = 'acme-golden-paths';

export type ApplyOptions = {
  cluster: ClusterTarget;
  objects: KubeObject[];
  /** Server-side dry run: the API server validates and admits, nothing is persisted. */
  dryRun: boolean;
  timeoutMs: number;
  loadClient?: KubernetesClientLoader;
  log?: (message: string) => void;
};

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/** An error the cluster answered with, or its silence, turned into a message for the task log. */
export function describeClusterError(
  cluster: ClusterTarget,
  object: KubeObject,
  error: unknown,
): Error {
  const what = describeObject(object);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number') {
    const body = (error as { body?: unknown }).body;
    let message = '';
    if (typeof body === 'string') {
      try {
        message = JSON.parse(body)?.message ?? body;
      } catch {
        message = body;
      }
    } else if (body && typeof body === 'object') {
      message = String((body as { message?: unknown }).message ?? '');
    }
    if (code === 409) {
      return new ConflictError(
        `Cluster "${
          cluster.name
        }" refused to apply ${what}: another field manager owns it (HTTP 409${
          message ? `: ${message}` : ''
        }). The portal does not take over objects it did not create.`,
      );
    }
    if (code === 401 || code === 403) {
      return new NotAllowedError(
        `Cluster "${cluster.name}" refused to apply ${what} (HTTP ${code}${
          message ? `: ${message}` : ''
        }). The portal's service account needs the rights to manage this namespace.`,
      );
    }
    return new Error(
      `Cluster "${cluster.name}" rejected ${what} (HTTP ${code}${
        message ? `: ${message}` : ''
      })`,
    );
  }
  const message = String((error as Error)?.message ?? error);
  const networkCode = [
    (error as { code?: unknown }).code,
    (error as { cause?: { code?: unknown } }).cause?.code,
    (error as { errno?: unknown }).errno,
  ].find(c => typeof c === 'string' && NETWORK_ERRORS.has(c));
  const match = message.match(
    /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EAI_AGAIN)\b/,
  );
  if (networkCode || match || error instanceof NoResponseError) {
    return new Error(
      `Cluster "${cluster.name}" at ${
        cluster.url
      } did not answer while applying ${what}: ${
        networkCode ?? match?.[1] ?? message
      }`,
    );
  }
  return new Error(
    `Could not apply ${what} on cluster "${cluster.name}": ${message}`,
  );
}

const OWNERSHIP_LABELS = [
  'app.kubernetes.io/managed-by',
  'backstage.io/kubernetes-id',
];
const OWNER_ANNOTATION = 'acme.example/owner';

/**
 * Refuses a namespace that exists but that the portal did not create for this service and this
 * owner: its labels `app.kubernetes.io/managed-by: acme-developer-portal` and
 * `backstage.io/kubernetes-id`, and its owner annotation, must match. Someone else's namespace,
 * and the Secrets in it, stay theirs.
 */
export function checkNamespaceOwnership(
  cluster: ClusterTarget,
  wanted: KubeObject,
  existing: KubeObject | undefined,
): void {
  if (!existing) return;
  const labels = existing.metadata?.labels ?? {};
  const annotations = existing.metadata?.annotations ?? {};
  const ours =
    labels['app.kubernetes.io/managed-by'] === MANAGED_BY &&
    OWNERSHIP_LABELS.every(
      label => labels[label] === wanted.metadata.labels?.[label],
    );
  if (!ours) {
    throw new ConflictError(
      `Namespace ${wanted.metadata.name} already exists on cluster "${cluster.name}" and was not created by the portal for this service; the portal does not take over namespaces it did not create. Choose another name, or ask the cluster's administrators about that namespace.`,
    );
  }
  const owner = wanted.metadata.annotations?.[OWNER_ANNOTATION];
  if (annotations[OWNER_ANNOTATION] !== owner) {
    throw new ConflictError(
      `Namespace ${wanted.metadata.name} on cluster "${
        cluster.name
      }" belongs to ${
        annotations[OWNER_ANNOTATION] ?? 'no owner'
      }, not ${owner}; the portal does not hand a namespace to another team.`,
    );
  }
}

/**
 * Applies `objects` in order with server-side apply (field manager `acme-golden-paths`, never
 * forced): creating what is missing and updating what the portal applied before, so a re-run is
 * a no-op; fields another manager owns are a conflict, not taken over. A namespace that exists
 * must be one the portal created for this service and owner. Stops at the first refusal, so
 * nothing after a forbidden namespace is attempted.
 */
export async function applyObjects(options: ApplyOptions): Promise<string[]> {
  const { cluster, objects, dryRun, timeoutMs, log = () => {} } = options;
  const k8s = await (options.loadClient ?? loadKubernetesClient)();
  const kc = kubeConfigFor(k8s, cluster);
  const client = k8s.KubernetesObjectApi.makeApiClient(kc);
  const applied: string[] = [];
  for (const object of objects) {
    if (object.kind === 'Namespace') {
      let existing: KubeObject | undefined;
      try {
        existing = (await withTimeout(
          client.read(object),
          timeoutMs,
        )) as KubeObject;
      } catch (error) {
        if ((error as { code?: unknown }).code !== 404) {
          throw describeClusterError(cluster, object, error);
        }
      }
      checkNamespaceOwnership(cluster, object, existing);
    }
    try {
      await withTimeout(
        client.patch(
          // The client serialises its typed models (e.g. LimitRangeItem.default is `_default`):
          // deserialise the plain manifest into them first.
          k8s.loadYaml<KubeObject>(JSON.stringify(object)),
          undefined,
          dryRun ? 'All' : undefined,
          FIELD_MANAGER,
          false,
          k8s.PatchStrategy.ServerSideApply,
        ),
        timeoutMs,
      );
    } catch (error) {
      throw describeClusterError(cluster, object, error);
    }
    const what = describeObject(object);
    applied.push(what);
    log(
      `${dryRun ? 'Dry run: would apply' : 'Applied'} ${what} on ${
        cluster.name
      }`,
    );
  }
  return applied;
}
