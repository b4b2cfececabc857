import http from 'node:http';
import { AddressInfo } from 'node:net';
import { parse } from 'yaml';

/**
 * A stand-in Kubernetes API server on 127.0.0.1 that answers the calls server-side apply
 * makes: API discovery (GET /api/v1, GET /apis/<group>/<version>), GET of one object, and
 * PATCH with `application/apply-patch+yaml` on namespaced and cluster-scoped objects; and the
 * calls of typed clients (CustomObjectsApi, CoreV1Api): POST of a namespaced object (CloudNativePG
 * Clusters checked against the operator's rules, 422 naming the fields) and DELETE of one,
 * both honouring dryRun=All. It stores
 * what was applied (unless dryRun=All) with its field manager, answers 409 when another manager
 * holds the object and the apply is not forced, 403 for forbidden namespaces and 401 without
 * the token. Tests may seed `objects` (with `manager`) to stand for what others created.
 */
export type FakeKubernetes = {
  url: string;
  requests: Array<{
    method: string;
    path: string;
    query: URLSearchParams;
    contentType?: string;
  }>;
  /** Stored objects by API path. */
  objects: Map<string, any>;
  close(): Promise<void>;
};

const RESOURCES: Record<
  string,
  Array<{ name: string; kind: string; namespaced: boolean }>
> = {
  v1: [
    { name: 'namespaces', kind: 'Namespace', namespaced: false },
    { name: 'resourcequotas', kind: 'ResourceQuota', namespaced: true },
    { name: 'limitranges', kind: 'LimitRange', namespaced: true },
    { name: 'services', kind: 'Service', namespaced: true },
    { name: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
    { name: 'configmaps', kind: 'ConfigMap', namespaced: true },
    { name: 'secrets', kind: 'Secret', namespaced: true },
  ],
  'apps/v1': [
    { name: 'deployments', kind: 'Deployment', namespaced: true },
    { name: 'statefulsets', kind: 'StatefulSet', namespaced: true },
  ],
  'batch/v1': [{ name: 'jobs', kind: 'Job', namespaced: true }],
  'rbac.authorization.k8s.io/v1': [
    { name: 'clusterroles', kind: 'ClusterRole', namespaced: false },
  ],
  'autoscaling/v2': [
    {
      name: 'horizontalpodautoscalers',
      kind: 'HorizontalPodAutoscaler',
      namespaced: true,
    },
  ],
  'policy/v1': [
    {
      name: 'poddisruptionbudgets',
      kind: 'PodDisruptionBudget',
      namespaced: true,
    },
  ],
  // The CloudNativePG operator's CRD.
  'postgresql.cnpg.io/v1': [
    { name: 'clusters', kind: 'Cluster', namespaced: true },
  ],
};

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUANTITY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

/**
 * What CloudNativePG's CRD schema and admission webhook would refuse in a Cluster, as
 * `field: problem` (the subset of its rules the portal's Clusters touch).
 */
export function cnpgClusterProblems(object: any): string[] {
  const problems: string[] = [];
  const name = object?.metadata?.name;
  if (object?.apiVersion !== 'postgresql.cnpg.io/v1') {
    problems.push('apiVersion: must be postgresql.cnpg.io/v1');
  }
  if (object?.kind !== 'Cluster') problems.push('kind: must be Cluster');
  if (typeof name !== 'string' || !DNS_1035_LABEL.test(name)) {
    problems.push('metadata.name: cluster name must be a valid DNS label');
  } else if (name.length > 50) {
    problems.push(
      'metadata.name: the maximum length of a cluster name is 50 characters',
    );
  }
  const spec = object?.spec ?? {};
  const known = [
    'instances',
    'storage',
    'bootstrap',
    'backup',
    'imageName',
    'description',
  ];
  for (const key of Object.keys(spec)) {
    if (!known.includes(key)) problems.push(`spec.${key}: unknown field`);
  }
  if (!Number.isInteger(spec.instances) || spec.instances < 1) {
    problems.push('spec.instances: must be an integer of at least 1');
  }
  if (
    typeof spec.storage?.size !== 'string' ||
    !QUANTITY.test(spec.storage.size)
  ) {
    problems.push('spec.storage.size: must be a quantity');
  }
  const initdb = spec.bootstrap?.initdb;
  if (initdb) {
    for (const key of ['database', 'owner']) {
      if (typeof initdb[key] !== 'string' || initdb[key].length === 0) {
        problems.push(`spec.bootstrap.initdb.${key}: required`);
      }
    }
    if (initdb.secret && typeof initdb.secret.name !== 'string') {
      problems.push('spec.bootstrap.initdb.secret.name: required');
    }
  }
  const store = spec.backup?.barmanObjectStore;
  if (spec.backup) {
    if (typeof store?.destinationPath !== 'string') {
      problems.push('spec.backup.barmanObjectStore.destinationPath: required');
    }
    const retention = spec.backup.retentionPolicy;
    if (retention !== undefined && !/^[1-9][0-9]*[dwm]$/.test(retention)) {
      problems.push(
        'spec.backup.retentionPolicy: must match ^[1-9][0-9]*[dwm]$',
      );
    }
  }
  return problems;
}

function status(
  res: http.ServerResponse,
  code: number,
  reason: string,
  message: string,
) {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message,
      reason,
      code,
    }),
  );
}

export async function startFakeKubernetes(
  options: {
    token?: string;
    forbiddenNamespaces?: string[];
    /** Repeat the presented credentials in a 401, as some proxies in front of clusters do. */
    revealToken?: boolean;
  } = {},
): Promise<FakeKubernetes> {
  const requests: FakeKubernetes['requests'] = [];
  const objects = new Map<string, any>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      contentType: req.headers['content-type'],
    });
    if (
      options.token &&
      req.headers.authorization !== `Bearer ${options.token}`
    ) {
      status(
        res,
        401,
        'Unauthorized',
        options.revealToken
          ? `Unauthorized: invalid credentials "${req.headers.authorization}"`
          : 'Unauthorized',
      );
      return;
    }
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const parts = url.pathname.split('/').filter(Boolean);
      const groupVersion =
        parts[0] === 'api' ? parts[1] : `${parts[1]}/${parts[2]}`;
      const rest = parts.slice(parts[0] === 'api' ? 2 : 3);
      const resources = RESOURCES[groupVersion];
      if (!resources) {
        status(
          res,
          404,
          'NotFound',
          `the server could not find the requested resource`,
        );
        return;
      }
      const namespace =
        rest[0] === 'namespaces' && rest.length === 4 ? rest[1] : undefined;
      const plural = namespace ? rest[2] : rest[0];
      const name = namespace ? rest[3] : rest[1];
      if (req.method === 'GET' && rest.length === 0) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            kind: 'APIResourceList',
            groupVersion,
            resources: resources.map(r => ({
              ...r,
              singularName: '',
              verbs: ['get', 'patch', 'create', 'delete'],
            })),
          }),
        );
        return;
      }
      if (req.method === 'GET' && name) {
        const stored = objects.get(url.pathname);
        if (!stored) {
          status(res, 404, 'NotFound', `${plural} "${name}" not found`);
          return;
        }
        const { manager: _, ...object } = stored;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(object));
        return;
      }
      if (req.method === 'DELETE' && name) {
        if (!objects.has(url.pathname)) {
          status(res, 404, 'NotFound', `${plural} "${name}" not found`);
          return;
        }
        const { manager: _, ...object } = objects.get(url.pathname);
        if (url.searchParams.get('dryRun') !== 'All') {
          objects.delete(url.pathname);
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(object));
        return;
      }
      if (
        req.method === 'POST' &&
        namespace === undefined &&
        rest.length === 3
      ) {
        // Create in a namespace: /namespaces/<ns>/<plural>.
        const [, ns, collection] = rest;
        let object: any;
        try {
          object = JSON.parse(body);
        } catch {
          status(res, 400, 'BadRequest', 'the body is not JSON');
          return;
        }
        const path = `${url.pathname}/${object?.metadata?.name}`;
        const kind = resources.find(r => r.name === collection)?.kind;
        const problems = kind === 'Cluster' ? cnpgClusterProblems(object) : [];
        if (problems.length > 0) {
          status(
            res,
            422,
            'Invalid',
            `${kind}.${groupVersion.split('/')[0]} "${
              object?.metadata?.name
            }" is invalid: ${problems.join(', ')}`,
          );
          return;
        }
        if (!objects.has(`/api/v1/namespaces/${ns}`)) {
          status(res, 404, 'NotFound', `namespaces "${ns}" not found`);
          return;
        }
        if (objects.has(path)) {
          status(
            res,
            409,
            'AlreadyExists',
            `${collection} "${object.metadata.name}" already exists`,
          );
          return;
        }
        const stored = {
          ...object,
          metadata: {
            ...object.metadata,
            namespace: ns,
            uid: `uid-${object.metadata.name}`,
            resourceVersion: '1',
          },
          manager: url.searchParams.get('fieldManager') ?? 'unknown',
        };
        if (url.searchParams.get('dryRun') !== 'All') objects.set(path, stored);
        const { manager: _, ...answer } = stored;
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
        return;
      }
      if (req.method !== 'PATCH') {
        status(
          res,
          405,
          'MethodNotAllowed',
          `${req.method} is not supported here`,
        );
        return;
      }
      if (req.headers['content-type'] !== 'application/apply-patch+yaml') {
        status(
          res,
          415,
          'UnsupportedMediaType',
          'only server-side apply is supported',
        );
        return;
      }
      if (!url.searchParams.get('fieldManager')) {
        status(res, 422, 'Invalid', 'fieldManager is required for apply patch');
        return;
      }
      const forbidden = options.forbiddenNamespaces ?? [];
      const target = namespace ?? (plural === 'namespaces' ? name : undefined);
      if (target && forbidden.includes(target)) {
        status(
          res,
          403,
          'Forbidden',
          `${plural} "${name}" is forbidden: User "system:serviceaccount:portal:portal" cannot patch resource "${plural}" in API group "" ${
            namespace
              ? `in the namespace "${namespace}"`
              : 'at the cluster scope'
          }`,
        );
        return;
      }
      const object = parse(body);
      if (object?.metadata?.name !== name) {
        status(
          res,
          400,
          'BadRequest',
          'the name of the object does not match the name on the URL',
        );
        return;
      }
      if (namespace && !objects.has(`/api/v1/namespaces/${namespace}`)) {
        status(res, 404, 'NotFound', `namespaces "${namespace}" not found`);
        return;
      }
      const existing = objects.get(url.pathname);
      const manager = url.searchParams.get('fieldManager');
      if (
        existing &&
        existing.manager !== manager &&
        url.searchParams.get('force') !== 'true'
      ) {
        status(
          res,
          409,
          'Conflict',
          `Apply failed with 1 conflict: conflict with "${existing.manager}": .metadata.labels`,
        );
        return;
      }
      const existed = existing !== undefined;
      const stored = {
        ...object,
        metadata: {
          ...object.metadata,
          uid: `uid-${name}`,
          resourceVersion: '1',
        },
        manager,
      };
      if (url.searchParams.get('dryRun') !== 'All') {
        objects.set(url.pathname, stored);
      }
      res.writeHead(existed ? 200 : 201, {
        'content-type': 'application/json',
      });
      const { manager: __, ...answer } = stored;
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    objects,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A server that accepts connections and never answers. */
export async function startSilentServer(): Promise<{
  url: string;
  close(): Promise<void>;
}> {
  const server = http.createServer(() => {});
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Loads @kubernetes/client-node through Node's own require (Jest cannot import ES modules). */
export async function loadClientForTests() {
  const { createRequire } = process.getBuiltinModule(
    'node:module',
  ) as typeof import('node:module');
  return createRequire(__filename)(
    '@kubernetes/client-node',
  ) as typeof import('@kubernetes/client-node');
}
