import http from 'node:http';
import { AddressInfo } from 'node:net';
import { deploymentObject } from '@internal/kubernetes-clusters/testUtils';

/**
 * A stand-in Kubernetes API server for what the costs read across all namespaces: the lists of
 * Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods, PersistentVolumeClaims and
 * ResourceQuotas, answered as the API
 * server does (`<Kind>List`), 401 without the bearer token. The Deployments are those of
 * `@internal/kubernetes-clusters/testUtils` (`deploymentObject`), with resource requests.
 */
export type ClusterStandIn = {
  url: string;
  requests: string[];
  close(): Promise<void>;
};

const LISTS: Record<
  string,
  { kind: string; apiVersion: string; key: keyof ClusterObjects }
> = {
  '/apis/apps/v1/deployments': {
    kind: 'DeploymentList',
    apiVersion: 'apps/v1',
    key: 'deployments',
  },
  '/apis/apps/v1/statefulsets': {
    kind: 'StatefulSetList',
    apiVersion: 'apps/v1',
    key: 'statefulSets',
  },
  '/apis/apps/v1/daemonsets': {
    kind: 'DaemonSetList',
    apiVersion: 'apps/v1',
    key: 'daemonSets',
  },
  '/apis/batch/v1/jobs': {
    kind: 'JobList',
    apiVersion: 'batch/v1',
    key: 'jobs',
  },
  '/apis/batch/v1/cronjobs': {
    kind: 'CronJobList',
    apiVersion: 'batch/v1',
    key: 'cronJobs',
  },
  '/api/v1/pods': {
    kind: 'PodList',
    apiVersion: 'v1',
    key: 'pods',
  },
  '/api/v1/persistentvolumeclaims': {
    kind: 'PersistentVolumeClaimList',
    apiVersion: 'v1',
    key: 'persistentVolumeClaims',
  },
  '/api/v1/resourcequotas': {
    kind: 'ResourceQuotaList',
    apiVersion: 'v1',
    key: 'resourceQuotas',
  },
};

export type ClusterObjects = {
  deployments?: any[];
  statefulSets?: any[];
  daemonSets?: any[];
  jobs?: any[];
  cronJobs?: any[];
  pods?: any[];
  persistentVolumeClaims?: any[];
  resourceQuotas?: any[];
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
      reason: code === 401 ? 'Unauthorized' : 'NotFound',
      code,
    }),
  );
}

export async function startClusterStandIn(options: {
  token: string;
  objects: ClusterObjects;
}): Promise<ClusterStandIn> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}`);
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      status(res, 401, 'Unauthorized');
      return;
    }
    const list = LISTS[url.pathname];
    if (req.method !== 'GET' || !list) {
      status(res, 404, 'the server could not find the requested resource');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: list.kind,
        apiVersion: list.apiVersion,
        metadata: { resourceVersion: '1' },
        items: options.objects[list.key] ?? [],
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

type Requests = { cpu?: string; memory?: string };

/** A Deployment of the golden paths' shape whose one container requests `requests`. */
export function pricedDeployment(d: {
  name: string;
  namespace: string;
  kubernetesId?: string | null;
  replicas: number;
  requests: Requests;
}) {
  const object = deploymentObject({
    name: d.name,
    namespace: d.namespace,
    kubernetesId: d.kubernetesId ?? undefined,
    image: `ghcr.io/acme-retail/${d.name}:1.0.0`,
    replicas: d.replicas,
    ready: d.replicas,
  });
  if (d.kubernetesId === null) {
    delete (object.metadata.labels as Record<string, string>)[
      'backstage.io/kubernetes-id'
    ];
  }
  (object.spec.template.spec.containers[0] as any).resources = {
    requests: d.requests,
  };
  return object;
}

/** A StatefulSet with one container and one volume claim template. */
export function pricedStatefulSet(s: {
  name: string;
  namespace: string;
  kubernetesId: string;
  replicas: number;
  requests: Requests;
  claimTemplate: string;
}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: s.name,
      namespace: s.namespace,
      labels: { 'backstage.io/kubernetes-id': s.kubernetesId },
    },
    spec: {
      replicas: s.replicas,
      serviceName: s.name,
      selector: { matchLabels: { 'app.kubernetes.io/name': s.name } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': s.name } },
        spec: {
          containers: [
            {
              name: s.name,
              image: `postgres:16`,
              resources: { requests: s.requests },
            },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: s.claimTemplate },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: '10Gi' } },
          },
        },
      ],
    },
  };
}

/** A bound PersistentVolumeClaim of `capacity`, labelled when `kubernetesId` is given. */
export function claim(c: {
  name: string;
  namespace: string;
  capacity: string;
  kubernetesId?: string;
}) {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: c.name,
      namespace: c.namespace,
      ...(c.kubernetesId
        ? { labels: { 'backstage.io/kubernetes-id': c.kubernetesId } }
        : {}),
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: c.capacity } },
    },
    status: { phase: 'Bound', capacity: { storage: c.capacity } },
  };
}

/** A ResourceQuota as the API server reports it, with its usage. */
export function resourceQuota(q: {
  name: string;
  namespace: string;
  hard: Record<string, string>;
  used: Record<string, string>;
}) {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: q.name, namespace: q.namespace },
    spec: { hard: q.hard },
    status: { hard: q.hard, used: q.used },
  };
}

const labels = (kubernetesId?: string) =>
  kubernetesId
    ? { labels: { 'backstage.io/kubernetes-id': kubernetesId } }
    : {};

/** A DaemonSet with one container, placed on `scheduled` nodes (and `misscheduled` more). */
export function pricedDaemonSet(d: {
  name: string;
  namespace: string;
  kubernetesId?: string;
  requests: Requests;
  desired: number;
  scheduled: number;
  misscheduled?: number;
}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: d.name,
      namespace: d.namespace,
      ...labels(d.kubernetesId),
    },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': d.name } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': d.name } },
        spec: {
          containers: [
            {
              name: d.name,
              image: `ghcr.io/acme-retail/${d.name}:1.0.0`,
              resources: { requests: d.requests },
            },
          ],
        },
      },
    },
    status: {
      desiredNumberScheduled: d.desired,
      currentNumberScheduled: d.scheduled,
      numberMisscheduled: d.misscheduled ?? 0,
      numberReady: d.scheduled,
    },
  };
}

/** A Job, made by the CronJob `cronJob` when given (as the CronJob controller names and owns it). */
export function job(j: {
  name: string;
  namespace: string;
  kubernetesId?: string;
  cronJob?: string;
}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: j.name,
      namespace: j.namespace,
      ...labels(j.kubernetesId),
      ...(j.cronJob
        ? {
            ownerReferences: [
              {
                apiVersion: 'batch/v1',
                kind: 'CronJob',
                name: j.cronJob,
                uid: `uid-${j.cronJob}`,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      template: {
        spec: { restartPolicy: 'Never', containers: [{ name: j.name }] },
      },
    },
  };
}

/** A CronJob labelled on itself only (its Jobs and Pods carry no label). */
export function cronJob(c: {
  name: string;
  namespace: string;
  kubernetesId?: string;
}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name: c.name,
      namespace: c.namespace,
      ...labels(c.kubernetesId),
    },
    spec: {
      schedule: '0 * * * *',
      jobTemplate: {
        spec: {
          template: {
            spec: { restartPolicy: 'Never', containers: [{ name: c.name }] },
          },
        },
      },
    },
  };
}

function podPhase(p: { startTime?: string; finishedAt?: string }) {
  if (!p.startTime) return 'Pending';
  return p.finishedAt ? 'Succeeded' : 'Running';
}

/**
 * A Pod with one container requesting `requests`, controlled by `owner` when given (else bare),
 * started at `startTime` and, when `finishedAt` is given, Succeeded then.
 */
export function pod(p: {
  name: string;
  namespace: string;
  kubernetesId?: string;
  owner?: { kind: string; name: string };
  requests: Requests;
  startTime?: string;
  finishedAt?: string;
}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      ...labels(p.kubernetesId),
      ...(p.owner
        ? {
            ownerReferences: [
              {
                apiVersion: p.owner.kind === 'Job' ? 'batch/v1' : 'apps/v1',
                kind: p.owner.kind,
                name: p.owner.name,
                uid: `uid-${p.owner.name}`,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      containers: [
        {
          name: p.name,
          image: 'ghcr.io/acme-retail/task:1.0.0',
          resources: { requests: p.requests },
        },
      ],
    },
    status: {
      phase: podPhase(p),
      ...(p.startTime ? { startTime: p.startTime } : {}),
      ...(p.startTime
        ? {
            containerStatuses: [
              {
                name: p.name,
                ready: !p.finishedAt,
                restartCount: 0,
                image: 'ghcr.io/acme-retail/task:1.0.0',
                imageID: '',
                state: p.finishedAt
                  ? {
                      terminated: {
                        exitCode: 0,
                        reason: 'Completed',
                        startedAt: p.startTime,
                        finishedAt: p.finishedAt,
                      },
                    }
                  : { running: { startedAt: p.startTime } },
              },
            ],
          }
        : {}),
    },
  };
}
