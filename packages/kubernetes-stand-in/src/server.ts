import http from 'node:http';
import { AddressInfo } from 'node:net';

/** The kinds the stand-in knows: API group/version, plural, namespaced. */
const KINDS: Array<
  [kind: string, groupVersion: string, plural: string, namespaced: boolean]
> = [
  ['Namespace', 'v1', 'namespaces', false],
  ['Pod', 'v1', 'pods', true],
  ['Service', 'v1', 'services', true],
  ['ConfigMap', 'v1', 'configmaps', true],
  ['Secret', 'v1', 'secrets', true],
  ['ServiceAccount', 'v1', 'serviceaccounts', true],
  ['LimitRange', 'v1', 'limitranges', true],
  ['ResourceQuota', 'v1', 'resourcequotas', true],
  ['PersistentVolumeClaim', 'v1', 'persistentvolumeclaims', true],
  ['PersistentVolume', 'v1', 'persistentvolumes', false],
  ['Deployment', 'apps/v1', 'deployments', true],
  ['ReplicaSet', 'apps/v1', 'replicasets', true],
  ['StatefulSet', 'apps/v1', 'statefulsets', true],
  ['DaemonSet', 'apps/v1', 'daemonsets', true],
  ['Job', 'batch/v1', 'jobs', true],
  ['CronJob', 'batch/v1', 'cronjobs', true],
  ['Ingress', 'networking.k8s.io/v1', 'ingresses', true],
  ['NetworkPolicy', 'networking.k8s.io/v1', 'networkpolicies', true],
  ['PodDisruptionBudget', 'policy/v1', 'poddisruptionbudgets', true],
  [
    'HorizontalPodAutoscaler',
    'autoscaling/v2',
    'horizontalpodautoscalers',
    true,
  ],
  ['Role', 'rbac.authorization.k8s.io/v1', 'roles', true],
  ['RoleBinding', 'rbac.authorization.k8s.io/v1', 'rolebindings', true],
];

export type KubernetesApiStandIn = {
  url: string;
  /** Every object the cluster holds; writes change it. */
  objects: any[];
  /** `METHOD path?query` of each request. */
  requests: string[];
  close(): Promise<void>;
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
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
    }),
  );
}

/** Whether labels match a selector of `key=value`, `key==value`, `key!=value` and `key` terms. */
function selected(
  labels: Record<string, string> = {},
  selector: string | null,
) {
  if (!selector) return true;
  return selector.split(',').every(term => {
    const not = term.split('!=');
    if (not.length === 2) return labels[not[0].trim()] !== not[1].trim();
    const [key, value] = term.split(/==?/);
    if (value === undefined) return key.trim() in labels;
    return labels[key.trim()] === value.trim();
  });
}

async function body(req: http.IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/**
 * A stand-in Kubernetes API server on 127.0.0.1 holding `objects`: lists across or within a
 * namespace with `labelSelector` (what Backstage's Kubernetes plugin and the portal's
 * deployments read), single objects, the resource discovery client-node asks for, and writes
 * (create, replace, server-side apply, delete) for the environment action, with `dryRun=All`
 * (validated and answered, nothing stored) and the writer's `fieldManager` recorded in
 * `metadata.managedFields`. Every request needs `Authorization: Bearer <token>` (401
 * otherwise), as with a service account token.
 */
export async function startKubernetesApiStandIn(options: {
  token: string;
  objects: any[];
  port?: number;
}): Promise<KubernetesApiStandIn> {
  const objects = options.objects;
  const requests: string[] = [];
  let resourceVersion = 100;

  const server = http.createServer((req, res) => {
    handle(req, res).catch(error =>
      status(res, 500, 'InternalError', String(error)),
    );
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (code: number, value: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (url.pathname === '/version' || url.pathname === '/healthz') {
      send(200, {
        major: '1',
        minor: '31',
        gitVersion: 'v1.31.0-demo',
        platform: 'linux/amd64',
      });
      return;
    }
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      status(res, 401, 'Unauthorized', 'Unauthorized');
      return;
    }
    if (url.pathname === '/api') {
      send(200, { kind: 'APIVersions', versions: ['v1'] });
      return;
    }
    if (url.pathname === '/apis') {
      const groups = [
        ...new Set(KINDS.map(k => k[1]).filter(g => g.includes('/'))),
      ];
      send(200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map(gv => ({
          name: gv.split('/')[0],
          versions: [{ groupVersion: gv, version: gv.split('/')[1] }],
          preferredVersion: { groupVersion: gv, version: gv.split('/')[1] },
        })),
      });
      return;
    }
    const match =
      /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))(?:\/namespaces\/([^/]+))?(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(
        url.pathname,
      );
    if (!match) {
      status(
        res,
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
      return;
    }
    const groupVersion = match[1] ?? match[2];
    let namespace: string | undefined = match[3];
    let plural: string | undefined = match[4];
    let name: string | undefined = match[5];
    if (namespace && !plural && groupVersion === 'v1') {
      // /api/v1/namespaces/<name>: the Namespace itself.
      [plural, name, namespace] = ['namespaces', namespace, undefined];
    }
    if (!plural) {
      send(200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion,
        resources: KINDS.filter(k => k[1] === groupVersion).map(
          ([kind, , p, namespaced]) => ({
            name: p,
            singularName: kind.toLowerCase(),
            namespaced,
            kind,
            verbs: [
              'create',
              'delete',
              'get',
              'list',
              'patch',
              'update',
              'watch',
            ],
          }),
        ),
      });
      return;
    }
    const known = KINDS.find(k => k[1] === groupVersion && k[2] === plural);
    if (!known) {
      status(
        res,
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
      return;
    }
    const [kind] = known;
    const inScope = (o: any) =>
      o.kind === kind &&
      o.apiVersion === groupVersion &&
      (!namespace || o.metadata?.namespace === namespace);
    const find = (n: string) =>
      objects.find(o => inScope(o) && o.metadata?.name === n);
    const dryRun = url.searchParams.get('dryRun');
    if (dryRun !== null && dryRun !== 'All') {
      status(
        res,
        400,
        'BadRequest',
        `invalid dry run value "${dryRun}": only "All" is supported`,
      );
      return;
    }

    if (req.method === 'GET' && !name) {
      send(200, {
        kind: `${kind}List`,
        apiVersion: groupVersion,
        metadata: { resourceVersion: String(resourceVersion) },
        items: objects.filter(
          o =>
            inScope(o) &&
            selected(o.metadata?.labels, url.searchParams.get('labelSelector')),
        ),
      });
      return;
    }
    if (req.method === 'GET') {
      const found = find(name!);
      if (!found) {
        status(res, 404, 'NotFound', `${plural} "${name}" not found`);
        return;
      }
      send(200, found);
      return;
    }
    if (req.method === 'DELETE') {
      const found = find(name!);
      if (!found) {
        status(res, 404, 'NotFound', `${plural} "${name}" not found`);
        return;
      }
      if (!dryRun) objects.splice(objects.indexOf(found), 1);
      send(200, found);
      return;
    }
    if (
      req.method === 'POST' ||
      req.method === 'PUT' ||
      req.method === 'PATCH'
    ) {
      const sent = await body(req);
      const objectName = name ?? sent?.metadata?.name;
      if (!objectName) {
        status(
          res,
          422,
          'Invalid',
          `${kind} is invalid: metadata.name: Required value`,
        );
        return;
      }
      const existing = find(objectName);
      if (req.method === 'POST' && existing) {
        status(
          res,
          409,
          'AlreadyExists',
          `${plural} "${objectName}" already exists`,
        );
        return;
      }
      if (req.method === 'PUT' && !existing) {
        status(res, 404, 'NotFound', `${plural} "${objectName}" not found`);
        return;
      }
      const apply =
        req.method === 'PATCH' &&
        req.headers['content-type'] === 'application/apply-patch+yaml';
      const manager = url.searchParams.get('fieldManager');
      if (apply && !manager) {
        status(
          res,
          422,
          'Invalid',
          'fieldManager: Required value: is required for apply patch',
        );
        return;
      }
      const managedFields = [
        ...(existing?.metadata?.managedFields ?? []).filter(
          (f: any) => f.manager !== manager,
        ),
        ...(manager
          ? [
              {
                manager,
                operation: apply ? 'Apply' : 'Update',
                apiVersion: groupVersion,
                time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
              },
            ]
          : []),
      ];
      if (!dryRun) resourceVersion += 1;
      const stored = {
        ...existing,
        ...sent,
        apiVersion: groupVersion,
        kind,
        metadata: {
          ...existing?.metadata,
          ...sent?.metadata,
          name: objectName,
          ...(known[3]
            ? { namespace: namespace ?? sent?.metadata?.namespace ?? 'default' }
            : {}),
          uid:
            existing?.metadata?.uid ??
            `${kind.toLowerCase()}-${resourceVersion}-demo`,
          resourceVersion: String(resourceVersion),
          creationTimestamp:
            existing?.metadata?.creationTimestamp ?? new Date().toISOString(),
          ...(managedFields.length ? { managedFields } : {}),
        },
      };
      if (!dryRun) {
        if (existing) objects.splice(objects.indexOf(existing), 1, stored);
        else objects.push(stored);
      }
      send(existing ? 200 : 201, stored);
      return;
    }
    status(res, 405, 'MethodNotAllowed', `${req.method} is not supported`);
  }

  await new Promise<void>(resolve =>
    server.listen(options.port ?? 0, '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
