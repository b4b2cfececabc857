import { ConflictError, InputError } from '@backstage/errors';
import {
  ClusterTarget,
  KubernetesClientLoader,
  kubeConfigFor,
  loadKubernetesClient,
  withTimeout,
} from '@internal/kubernetes-clusters';
import { describeObject, KubeObject, MANAGED_BY } from './environment';
import { describeClusterError } from './kubeApply';
import { databaseResourceName, DNS_1123_LABEL } from './names';

export const CNPG_GROUP = 'postgresql.cnpg.io';
export const CNPG_VERSION = 'v1';
export const CNPG_PLURAL = 'clusters';

/** CloudNativePG's admission webhook refuses longer Cluster names (its Services append -rw). */
export const MAX_CNPG_CLUSTER_NAME = 50;

/** The defaults of one environment for the Clusters the portal creates. */
export type CnpgClusterDefaults = {
  instances: number;
  storage: { size: string; storageClass?: string };
  backup?: {
    /** Object store URL, e.g. s3://acme-db-backups/dev; the namespace is appended per Cluster. */
    destinationPath: string;
    /** Secret in each service namespace with ACCESS_KEY_ID and ACCESS_SECRET_KEY. */
    credentialsSecret: string;
    endpointURL?: string;
    /** CloudNativePG's retention, e.g. 30d, 4w, 3m. */
    retentionPolicy: string;
  };
};

export type CnpgTarget = {
  service: string;
  namespace: string;
  /** Name of the database and of its owner, `<service>-<environment>`. */
  database: string;
};

/** Why `name` cannot name a CloudNativePG Cluster, or undefined when it can. */
export function cnpgClusterNameProblem(name: string): string | undefined {
  if (name.length > MAX_CNPG_CLUSTER_NAME) {
    return `must be at most ${MAX_CNPG_CLUSTER_NAME} characters for a CloudNativePG Cluster, got ${name.length}`;
  }
  if (!/^[a-z]/.test(name) || !DNS_1123_LABEL.test(name)) {
    return 'must be a DNS-1035 label (start with a letter) for a CloudNativePG Cluster';
  }
  return undefined;
}

/**
 * The Cluster of a service in one environment: named `<service>-db` in the service's namespace,
 * bootstrapped with the database and its owner `<service>-<environment>`, whose password the
 * operator takes from the Secret `<service>-db` the portal writes first (the same Secret the
 * Deployment reads `url` from).
 */
export function cnpgCluster(
  target: CnpgTarget,
  defaults: CnpgClusterDefaults,
): KubeObject {
  const name = databaseResourceName(target.service);
  const { backup } = defaults;
  return {
    apiVersion: `${CNPG_GROUP}/${CNPG_VERSION}`,
    kind: 'Cluster',
    metadata: {
      name,
      namespace: target.namespace,
      labels: {
        'app.kubernetes.io/managed-by': MANAGED_BY,
        'backstage.io/kubernetes-id': target.service,
      },
    },
    spec: {
      instances: defaults.instances,
      storage: {
        size: defaults.storage.size,
        ...(defaults.storage.storageClass
          ? { storageClass: defaults.storage.storageClass }
          : {}),
      },
      bootstrap: {
        initdb: {
          database: target.database,
          owner: target.database,
          secret: { name },
        },
      },
      ...(backup
        ? {
            backup: {
              retentionPolicy: backup.retentionPolicy,
              barmanObjectStore: {
                // One folder per namespace: a service's dev and staging Clusters share a name.
                destinationPath: `${backup.destinationPath.replace(
                  /\/+$/,
                  '',
                )}/${target.namespace}`,
                ...(backup.endpointURL
                  ? { endpointURL: backup.endpointURL }
                  : {}),
                s3Credentials: {
                  accessKeyId: {
                    name: backup.credentialsSecret,
                    key: 'ACCESS_KEY_ID',
                  },
                  secretAccessKey: {
                    name: backup.credentialsSecret,
                    key: 'ACCESS_SECRET_KEY',
                  },
                },
              },
            },
          }
        : {}),
    },
  };
}

/** The spec fields of `wanted` that `existing` holds differently (the operator adds defaults). */
export function specDifferences(
  wanted: Record<string, unknown>,
  existing: Record<string, unknown> | undefined,
  prefix = 'spec',
): string[] {
  return Object.entries(wanted).flatMap(([key, value]) => {
    const path = `${prefix}.${key}`;
    const other = existing?.[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return specDifferences(
        value as Record<string, unknown>,
        other && typeof other === 'object'
          ? (other as Record<string, unknown>)
          : undefined,
        path,
      );
    }
    return JSON.stringify(value) === JSON.stringify(other) ? [] : [path];
  });
}

function isOurs(existing: KubeObject, service: string): boolean {
  const labels = existing.metadata?.labels ?? {};
  return (
    labels['app.kubernetes.io/managed-by'] === MANAGED_BY &&
    labels['backstage.io/kubernetes-id'] === service
  );
}

/** Reads, creates and deletes the Clusters of one Kubernetes cluster (CustomObjectsApi). */
export class CnpgClusters {
  private constructor(
    private readonly cluster: ClusterTarget,
    private readonly api: import('@kubernetes/client-node').CustomObjectsApi,
    private readonly timeoutMs: number,
  ) {}

  static async connect(options: {
    cluster: ClusterTarget;
    loadClient?: KubernetesClientLoader;
    timeoutMs?: number;
  }): Promise<CnpgClusters> {
    const k8s = await (options.loadClient ?? loadKubernetesClient)();
    const kc = kubeConfigFor(k8s, options.cluster);
    return new CnpgClusters(
      options.cluster,
      kc.makeApiClient(k8s.CustomObjectsApi),
      options.timeoutMs ?? 15_000,
    );
  }

  /** The Cluster, or undefined when there is none. */
  async read(wanted: KubeObject): Promise<KubeObject | undefined> {
    try {
      return (await withTimeout(
        this.api.getNamespacedCustomObject({
          group: CNPG_GROUP,
          version: CNPG_VERSION,
          plural: CNPG_PLURAL,
          namespace: wanted.metadata.namespace!,
          name: wanted.metadata.name,
        }),
        this.timeoutMs,
      )) as KubeObject;
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) return undefined;
      throw describeClusterError(this.cluster, wanted, error);
    }
  }

  /**
   * The existing Cluster of this name, checked to be the portal's for `service`: a Cluster
   * without the portal's labels for this service is someone else's and is never touched.
   */
  async readOwn(
    wanted: KubeObject,
    service: string,
  ): Promise<KubeObject | undefined> {
    const existing = await this.read(wanted);
    if (existing && !isOurs(existing, service)) {
      throw new ConflictError(
        `${describeObject(wanted)} already exists on cluster "${
          this.cluster.name
        }" and was not created by the portal for ${service}; the portal does not take over a database it did not create`,
      );
    }
    return existing;
  }

  async create(wanted: KubeObject, dryRun: boolean): Promise<void> {
    try {
      await withTimeout(
        this.api.createNamespacedCustomObject({
          group: CNPG_GROUP,
          version: CNPG_VERSION,
          plural: CNPG_PLURAL,
          namespace: wanted.metadata.namespace!,
          body: wanted,
          dryRun: dryRun ? 'All' : undefined,
          fieldManager: 'acme-golden-paths',
        }),
        this.timeoutMs,
      );
    } catch (error) {
      throw describeClusterError(this.cluster, wanted, error);
    }
  }

  /** Deletes the Cluster; true when there was one to delete. */
  async delete(wanted: KubeObject, dryRun: boolean): Promise<boolean> {
    try {
      await withTimeout(
        this.api.deleteNamespacedCustomObject({
          group: CNPG_GROUP,
          version: CNPG_VERSION,
          plural: CNPG_PLURAL,
          namespace: wanted.metadata.namespace!,
          name: wanted.metadata.name,
          dryRun: dryRun ? 'All' : undefined,
        }),
        this.timeoutMs,
      );
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) return false;
      throw describeClusterError(this.cluster, wanted, error);
    }
  }
}

/** Checks a service's Cluster name before anything is sent. */
export function checkCnpgClusterName(service: string): void {
  const problem = cnpgClusterNameProblem(databaseResourceName(service));
  if (problem) {
    throw new InputError(
      `name: the Cluster "${databaseResourceName(service)}" ${problem}`,
    );
  }
}
