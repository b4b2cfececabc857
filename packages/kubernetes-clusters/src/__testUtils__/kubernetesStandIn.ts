import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A stand-in Kubernetes API server on 127.0.0.1 for what `readComponentDeployments` asks: the list of
 * apps/v1 Deployments in a namespace (`GET /apis/apps/v1/namespaces/<ns>/deployments`) with
 * an equality `labelSelector`, answered as a DeploymentList; 401 without the bearer token,
 * 403 (a Status naming the service account, as the API server words it) for forbidden
 * namespaces. (The golden paths' server-side-apply stand-in, which answers far more, stays in
 * that module.)
 */
export type KubernetesStandIn = {
  url: string;
  requests: string[];
  close(): Promise<void>;
};

const REASONS: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
};

function status(res: http.ServerResponse, code: number, message: string) {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: REASONS[code] ?? 'NotFound',
      code,
    }),
  );
}

function selected(labels: Record<string, string>, selector: string | null) {
  if (!selector) return true;
  return selector.split(',').every(term => {
    const [key, value] = term.split('=');
    return labels[key] === value;
  });
}

export async function startKubernetesStandIn(options: {
  token: string;
  /** apps/v1 Deployment objects, each with metadata.namespace. */
  deployments: any[];
  forbiddenNamespaces?: string[];
}): Promise<KubernetesStandIn> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      status(res, 401, 'Unauthorized');
      return;
    }
    const match = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments$/.exec(
      url.pathname,
    );
    if (req.method !== 'GET' || !match) {
      status(res, 404, 'the server could not find the requested resource');
      return;
    }
    const namespace = decodeURIComponent(match[1]);
    if (options.forbiddenNamespaces?.includes(namespace)) {
      status(
        res,
        403,
        `deployments.apps is forbidden: User "system:serviceaccount:portal:portal" cannot list resource "deployments" in API group "apps" in the namespace "${namespace}"`,
      );
      return;
    }
    const selector = url.searchParams.get('labelSelector');
    const items = options.deployments.filter(
      d =>
        d.metadata.namespace === namespace &&
        selected(d.metadata.labels ?? {}, selector),
    );
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: 'DeploymentList',
        apiVersion: 'apps/v1',
        metadata: { resourceVersion: '1' },
        items,
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
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
  /** How many connections are still open. */
  openConnections(): Promise<number>;
  close(): Promise<void>;
}> {
  const server = http.createServer(() => {});
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    openConnections: () =>
      new Promise<number>((resolve, reject) =>
        server.getConnections((error, count) =>
          error ? reject(error) : resolve(count),
        ),
      ),
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An apps/v1 Deployment as the golden paths' manifests make it, after a rollout. */
export function deploymentObject(d: {
  name: string;
  namespace: string;
  kubernetesId?: string;
  image: string;
  version?: string;
  replicas: number;
  ready: number;
  updated?: number;
  generation?: number;
  observedGeneration?: number;
  progressDeadlineExceeded?: boolean;
}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: d.name,
      namespace: d.namespace,
      uid: `uid-${d.namespace}-${d.name}`,
      generation: d.generation ?? 2,
      labels: {
        'app.kubernetes.io/name': d.name,
        'backstage.io/kubernetes-id': d.kubernetesId ?? d.name,
        ...(d.version ? { 'app.kubernetes.io/version': d.version } : {}),
      },
    },
    spec: {
      replicas: d.replicas,
      selector: { matchLabels: { 'app.kubernetes.io/name': d.name } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': d.name } },
        spec: { containers: [{ name: d.name, image: d.image }] },
      },
    },
    status: {
      observedGeneration: d.observedGeneration ?? d.generation ?? 2,
      replicas: d.replicas,
      updatedReplicas: d.updated ?? d.replicas,
      readyReplicas: d.ready,
      availableReplicas: d.ready,
      conditions: [
        d.progressDeadlineExceeded
          ? {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
            }
          : {
              type: 'Progressing',
              status: 'True',
              reason: 'NewReplicaSetAvailable',
            },
      ],
    },
  };
}

/** Loads @kubernetes/client-node through Node's own require (Jest cannot import ES modules). */
export function loadClientForTests() {
  const { createRequire } = process.getBuiltinModule(
    'node:module',
  ) as typeof import('node:module');
  return createRequire(__filename)(
    '@kubernetes/client-node',
  ) as typeof import('@kubernetes/client-node');
}
