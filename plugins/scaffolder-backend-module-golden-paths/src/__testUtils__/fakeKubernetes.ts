import http from 'node:http';
import { AddressInfo } from 'node:net';
import { parse } from 'yaml';

/**
 * A stand-in Kubernetes API server on 127.0.0.1 that answers the calls server-side apply
 * makes: API discovery (GET /api/v1, GET /apis/<group>/<version>), GET of one object, and
 * PATCH with `application/apply-patch+yaml` on namespaced and cluster-scoped objects. It stores
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
};

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
              verbs: ['get', 'patch'],
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
