import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { namespaceFor } from './names';

/** A Kubernetes object as applied with server-side apply. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
};

/** Resource budget of one environment's namespace. */
export type EnvironmentQuota = {
  requestsCpu: string;
  requestsMemory: string;
  limitsCpu: string;
  limitsMemory: string;
  pods: number;
};

/** Default quotas: room for the golden path's HPA maximum at its resource limits, plus headroom. */
export const DEFAULT_QUOTAS: Record<string, EnvironmentQuota> = {
  dev: {
    requestsCpu: '1',
    requestsMemory: '2Gi',
    limitsCpu: '2',
    limitsMemory: '4Gi',
    pods: 10,
  },
  staging: {
    requestsCpu: '2',
    requestsMemory: '4Gi',
    limitsCpu: '4',
    limitsMemory: '8Gi',
    pods: 20,
  },
  production: {
    requestsCpu: '4',
    requestsMemory: '8Gi',
    limitsCpu: '8',
    limitsMemory: '16Gi',
    pods: 40,
  },
};

/** Workload kinds a golden path may apply into its namespaces; nothing cluster-wide. */
export const APPLICABLE_KINDS = new Set([
  'ServiceAccount',
  'ConfigMap',
  'Deployment',
  'StatefulSet',
  'Service',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Ingress',
  'NetworkPolicy',
  'Job',
  'CronJob',
]);

/** Reads the manifests of `dir` (every .yaml/.yml except kustomization.yaml). */
export async function readManifests(dir: string): Promise<KubeObject[]> {
  let files: string[];
  try {
    files = (await fs.promises.readdir(dir)).filter(
      f => /\.ya?ml$/.test(f) && !/^kustomization\.ya?ml$/.test(f),
    );
  } catch {
    throw new InputError(
      `manifestsPath: ${dir} is not a folder in the workspace`,
    );
  }
  const objects: KubeObject[] = [];
  for (const file of files.sort()) {
    const text = await fs.promises.readFile(path.join(dir, file), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length) {
        throw new InputError(`${file}: ${doc.errors[0].message}`);
      }
      const object = doc.toJS() as KubeObject | null;
      if (!object) continue;
      if (!object.apiVersion || !object.kind || !object.metadata?.name) {
        throw new InputError(
          `${file}: every manifest needs apiVersion, kind and metadata.name`,
        );
      }
      if (!APPLICABLE_KINDS.has(object.kind)) {
        throw new InputError(
          `${file}: ${
            object.kind
          } cannot be applied by a golden path (allowed: ${[
            ...APPLICABLE_KINDS,
          ].join(', ')})`,
        );
      }
      objects.push(object);
    }
  }
  return objects;
}

export type EnvironmentPlanInput = {
  name: string;
  owner: string;
  system?: string;
  environment: string;
  manifests: KubeObject[];
  quota?: EnvironmentQuota;
};

/**
 * Everything one environment needs, in apply order: the namespace (labelled with the owner and
 * system), its ResourceQuota and LimitRange, then the service's manifests in that namespace.
 */
export function planEnvironment(input: EnvironmentPlanInput): KubeObject[] {
  const { name, owner, system, environment } = input;
  const namespace = namespaceFor(name, environment);
  const quota =
    input.quota ?? DEFAULT_QUOTAS[environment] ?? DEFAULT_QUOTAS.dev;
  const ownerRef = parseEntityRef(owner, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  const systemRef = system
    ? parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: 'default',
      })
    : undefined;
  const labels: Record<string, string> = {
    'app.kubernetes.io/part-of': systemRef?.name ?? name,
    'app.kubernetes.io/managed-by': 'acme-developer-portal',
    'backstage.io/kubernetes-id': name,
    'acme.example/owner': ownerRef.name,
    'acme.example/environment': environment,
    ...(systemRef ? { 'acme.example/system': systemRef.name } : {}),
  };
  const annotations: Record<string, string> = {
    'acme.example/owner':
      `${ownerRef.kind}:${ownerRef.namespace}/${ownerRef.name}`.toLowerCase(),
    ...(systemRef
      ? {
          'acme.example/system':
            `system:${systemRef.namespace}/${systemRef.name}`.toLowerCase(),
        }
      : {}),
  };
  const namespaced = (object: KubeObject): KubeObject => ({
    ...object,
    metadata: {
      ...object.metadata,
      namespace,
      labels: {
        ...object.metadata.labels,
        'backstage.io/kubernetes-id': name,
        'acme.example/environment': environment,
      },
    },
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels, annotations },
    },
    namespaced({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'golden-path-quota' },
      spec: {
        hard: {
          'requests.cpu': quota.requestsCpu,
          'requests.memory': quota.requestsMemory,
          'limits.cpu': quota.limitsCpu,
          'limits.memory': quota.limitsMemory,
          pods: String(quota.pods),
        },
      },
    }),
    namespaced({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'golden-path-limits' },
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: { cpu: '100m', memory: '128Mi' },
            default: { cpu: '500m', memory: '512Mi' },
            max: { cpu: '2', memory: '2Gi' },
          },
        ],
      },
    }),
    ...input.manifests.map(namespaced),
  ];
}

export function describeObject(object: KubeObject): string {
  const ns = object.metadata.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.kind} ${ns}${object.metadata.name}`;
}
