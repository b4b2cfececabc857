import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local server speaking the Kubernetes API list endpoints the Kubernetes backend calls
 * (`/api/v1/pods`, `/apis/apps/v1/deployments`, …), with label selectors honoured.
 * Object shapes follow the Kubernetes API (v1 Pod, apps/v1 Deployment and ReplicaSet).
 */
export type StandInObject = {
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
  } & Record<string, unknown>;
} & Record<string, unknown>;

const KINDS: Record<string, { apiVersion: string; kind: string }> = {
  pods: { apiVersion: 'v1', kind: 'PodList' },
  services: { apiVersion: 'v1', kind: 'ServiceList' },
  deployments: { apiVersion: 'apps/v1', kind: 'DeploymentList' },
  replicasets: { apiVersion: 'apps/v1', kind: 'ReplicaSetList' },
};

function matches(labels: Record<string, string>, selector: string | null) {
  if (!selector) return true;
  return selector.split(',').every(term => {
    const [key, value] = term.split('=');
    return labels[key] === value;
  });
}

export async function startKubernetesStandIn(
  objects: Record<string, StandInObject[]>,
) {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    // /api/v1/<plural> or /apis/<group>/<version>/<plural>, optionally per namespace
    const match =
      /^\/apis?\/(?:[^/]+\/)?v[^/]+\/(?:namespaces\/([^/]+)\/)?([a-z]+)$/.exec(
        url.pathname,
      );
    if (!match || req.headers.authorization !== 'Bearer stand-in-token') {
      res.writeHead(match ? 401 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          code: match ? 401 : 404,
        }),
      );
      return;
    }
    const [, namespace, plural] = match;
    const selector = url.searchParams.get('labelSelector');
    const items = (objects[plural] ?? []).filter(
      o =>
        (!namespace || o.metadata.namespace === namespace) &&
        matches(o.metadata.labels, selector),
    );
    const list = KINDS[plural] ?? { apiVersion: 'v1', kind: 'List' };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ ...list, metadata: { resourceVersion: '1' }, items }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/** A v1 Pod with one container that restarted `restarts` times. */
export function pod(
  name: string,
  app: string,
  restarts: number,
  ready = true,
): StandInObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      labels: { 'backstage.io/kubernetes-id': app, app },
      creationTimestamp: '2026-11-20T10:00:00Z',
    },
    spec: {
      containers: [{ name: app, image: `registry.acme.example/${app}:1.4.0` }],
    },
    status: {
      phase: ready ? 'Running' : 'Pending',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [
        {
          name: app,
          ready,
          restartCount: restarts,
          image: `registry.acme.example/${app}:1.4.0`,
          imageID: 'sha256:0',
          started: ready,
          state: ready
            ? { running: { startedAt: '2026-11-20T10:01:00Z' } }
            : {
                waiting: {
                  reason: 'CrashLoopBackOff',
                  message: 'back-off restarting failed container',
                },
              },
        },
      ],
    },
  };
}

export function deployment(
  app: string,
  replicas: number,
  available: number,
): StandInObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: app,
      namespace: 'shop',
      uid: `uid-deploy-${app}`,
      labels: { 'backstage.io/kubernetes-id': app },
    },
    spec: {
      replicas,
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels: { app } },
        spec: { containers: [{ name: app }] },
      },
    },
    status: {
      replicas,
      availableReplicas: available,
      readyReplicas: available,
    },
  };
}
