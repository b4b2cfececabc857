import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { namespaceFor } from './names';
import { printable } from './parameters';

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

/**
 * The kinds a golden path's manifests may hold, with their API version: exactly what the
 * templates generate (`k8s/base`). Nothing cluster-scoped, no Secrets, no RBAC, no Jobs: a
 * repository cannot use the portal's service account to run anything else.
 */
export const APPLICABLE_KINDS: ReadonlyMap<string, string> = new Map([
  ['ServiceAccount', 'v1'],
  ['Service', 'v1'],
  ['Deployment', 'apps/v1'],
  ['HorizontalPodAutoscaler', 'autoscaling/v2'],
  ['PodDisruptionBudget', 'policy/v1'],
]);

/** Who manages the namespaces the portal creates (label `app.kubernetes.io/managed-by`). */
export const MANAGED_BY = 'acme-developer-portal';

/** Pod Security Admission: the `restricted` profile, enforced, audited and warned. */
export const POD_SECURITY_LABELS: Record<string, string> = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
};

/**
 * Reads the manifests of `dir` (every .yaml/.yml except kustomization.yaml) and refuses any
 * object that is not of an applicable kind and API version or not named after the service.
 */
export async function readManifests(
  dir: string,
  name: string,
): Promise<KubeObject[]> {
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
      const apiVersion = APPLICABLE_KINDS.get(object.kind);
      if (apiVersion === undefined) {
        throw new InputError(
          `${file}: ${printable(
            object.kind,
          )} cannot be applied by a golden path (allowed: ${[
            ...APPLICABLE_KINDS.keys(),
          ].join(', ')})`,
        );
      }
      if (object.apiVersion !== apiVersion) {
        throw new InputError(
          `${file}: ${
            object.kind
          } must have apiVersion ${apiVersion}, not ${printable(
            object.apiVersion,
          )}`,
        );
      }
      if (object.metadata.name !== name) {
        throw new InputError(
          `${file}: ${object.kind} ${printable(
            object.metadata.name,
          )} is not named after the service; a golden path applies only objects named "${name}"`,
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
 * Everything one environment needs, in apply order: the namespace (labelled with the owner,
 * system, the portal as its manager and Pod Security `restricted`), its ResourceQuota and
 * LimitRange, then the service's manifests in that namespace (and no other).
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
    ...POD_SECURITY_LABELS,
    'app.kubernetes.io/part-of': systemRef?.name ?? name,
    'app.kubernetes.io/managed-by': MANAGED_BY,
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
  const namespaced = (object: KubeObject): KubeObject => {
    const own = object.metadata.namespace;
    if (own !== undefined && own !== namespace) {
      throw new InputError(
        `${describeObject(object)} is for namespace ${printable(
          own,
        )}; a golden path applies objects only into ${namespace}`,
      );
    }
    return {
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
    };
  };
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
