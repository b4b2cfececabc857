import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

type Resources = { cpu: string; memory: string };

type WorkloadSpec = {
  replicas?: number;
  requests?: Resources;
  limits?: Resources;
  crashLooping?: number;
  pending?: number;
};

type ClusterFixture = {
  cluster: string;
  catalog: string;
  defaults: { replicas: number; requests: Resources; limits: Resources };
  workloads?: Record<string, WorkloadSpec>;
};

/** A workload of the cluster, as the fixture and the catalog make it. */
export type DemoWorkload = {
  kubernetesId: string;
  /** The owning team's entity ref (`group:default/<team>`) and the system's, from the catalog. */
  owner: string;
  system?: string;
  namespace: string;
  image: string;
  replicas: number;
  requests: Resources;
  limits: Resources;
  crashLooping: number;
  pending: number;
};

/** The demo cluster's fixture (in this package's fixtures/). */
export const DEMO_CLUSTER_FIXTURE = join(
  dirname(require.resolve('@internal/kubernetes-stand-in/package.json')),
  'fixtures',
  'demo-cluster.yaml',
);

type Entity = {
  kind?: string;
  metadata?: { name?: string; annotations?: Record<string, string> };
  spec?: { owner?: string; system?: string };
};

/** A catalog reference as a full entity ref, in the default namespace. */
const fullRef = (kind: string, ref: string) => {
  const [k, rest] = ref.includes(':') ? ref.split(':', 2) : [kind, ref];
  return `${k}:${rest.includes('/') ? rest : `default/${rest}`}`.toLowerCase();
};

/** The workloads: one per catalog component with a `backstage.io/kubernetes-id`. */
export function loadDemoWorkloads(fixtureFile: string = DEMO_CLUSTER_FIXTURE) {
  const fixture = parse(readFileSync(fixtureFile, 'utf8')) as ClusterFixture;
  const folder = resolve(dirname(fixtureFile), fixture.catalog);
  const workloads: DemoWorkload[] = [];
  for (const dir of readdirSync(folder, { withFileTypes: true })) {
    const file = join(folder, dir.name, 'catalog-info.yaml');
    if (!dir.isDirectory() || !existsSync(file)) continue;
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const entity = doc.toJS() as Entity;
      const id = entity?.metadata?.annotations?.['backstage.io/kubernetes-id'];
      if (entity?.kind !== 'Component' || !id) continue;
      const spec = fixture.workloads?.[id] ?? {};
      workloads.push({
        kubernetesId: id,
        owner: fullRef('group', String(entity.spec?.owner)),
        ...(entity.spec?.system
          ? { system: fullRef('system', entity.spec.system) }
          : {}),
        // The namespace the golden paths create for an environment: <name>-<environment>.
        namespace: `${id}-production`,
        image: `ghcr.io/acme-retail/${id}:1.${id.length}.0`,
        replicas: spec.replicas ?? fixture.defaults.replicas,
        requests: spec.requests ?? fixture.defaults.requests,
        limits: spec.limits ?? fixture.defaults.limits,
        crashLooping: spec.crashLooping ?? 0,
        pending: spec.pending ?? 0,
      });
    }
  }
  workloads.sort((a, b) => a.kubernetesId.localeCompare(b.kubernetesId));
  return { cluster: fixture.cluster, workloads };
}

const hash = (text: string) =>
  createHash('sha1').update(text).digest('hex').slice(0, 10);

/**
 * The API objects of the workloads, as a cluster running them answers: per workload a
 * Deployment, its ReplicaSet, its Pods (ready, crash-looping with restarts and
 * CrashLoopBackOff, or Pending as Unschedulable) and a Service, all labelled with
 * `backstage.io/kubernetes-id`. Times are relative to `now`.
 */
export function workloadObjects(workloads: DemoWorkload[], now: Date) {
  const started = new Date(now.getTime() - 3 * 86_400_000).toISOString();
  const recent = new Date(now.getTime() - 5 * 60_000).toISOString();
  const objects: any[] = [];
  for (const w of workloads) {
    const name = w.kubernetesId;
    const labels = {
      'app.kubernetes.io/name': name,
      'backstage.io/kubernetes-id': name,
    };
    const template = hash(`${name}/${w.image}`);
    const ready = w.replicas - w.crashLooping - w.pending;
    const container = {
      name,
      image: w.image,
      ports: [{ containerPort: 8080, protocol: 'TCP' }],
      resources: { requests: w.requests, limits: w.limits },
    };
    const meta = (kind: string, objectName: string, extra: object = {}) => ({
      name: objectName,
      namespace: w.namespace,
      uid: `${hash(`${kind}/${w.namespace}/${objectName}`)}-demo`,
      resourceVersion: '1',
      creationTimestamp: started,
      labels,
      ...extra,
    });
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        ...meta('Deployment', name),
        generation: 1,
        annotations: { 'deployment.kubernetes.io/revision': '1' },
      },
      spec: {
        replicas: w.replicas,
        selector: { matchLabels: { 'app.kubernetes.io/name': name } },
        template: { metadata: { labels }, spec: { containers: [container] } },
      },
      status: {
        observedGeneration: 1,
        replicas: w.replicas,
        updatedReplicas: w.replicas,
        readyReplicas: ready,
        availableReplicas: ready,
        ...(ready < w.replicas
          ? { unavailableReplicas: w.replicas - ready }
          : {}),
        conditions: [
          {
            type: 'Available',
            status: ready > 0 ? 'True' : 'False',
            reason:
              ready > 0
                ? 'MinimumReplicasAvailable'
                : 'MinimumReplicasUnavailable',
            lastTransitionTime: started,
            lastUpdateTime: started,
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            lastTransitionTime: started,
            lastUpdateTime: started,
          },
        ],
      },
    });
    const replicaSet = `${name}-${template.slice(0, 9)}`;
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        ...meta('ReplicaSet', replicaSet),
        labels: { ...labels, 'pod-template-hash': template.slice(0, 9) },
        // Owners by uid, as clients (the Kubernetes tab) match a Deployment's pods.
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name,
            uid: meta('Deployment', name).uid,
            controller: true,
          },
        ],
      },
      spec: { replicas: w.replicas, selector: { matchLabels: labels } },
      status: {
        replicas: w.replicas,
        readyReplicas: ready,
        availableReplicas: ready,
        fullyLabeledReplicas: w.replicas,
        observedGeneration: 1,
      },
    });
    for (let i = 0; i < w.replicas; i++) {
      const podName = `${replicaSet}-${hash(`${name}/${i}`).slice(0, 5)}`;
      const crashing = i < w.crashLooping;
      const pending = !crashing && i < w.crashLooping + w.pending;
      const podMeta = {
        ...meta('Pod', podName),
        labels: { ...labels, 'pod-template-hash': template.slice(0, 9) },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            name: replicaSet,
            uid: meta('ReplicaSet', replicaSet).uid,
            controller: true,
          },
        ],
      };
      const spec = {
        containers: [container],
        ...(pending ? {} : { nodeName: `demo-node-${(i % 3) + 1}` }),
        restartPolicy: 'Always',
      };
      let status: object;
      if (pending) {
        status = {
          phase: 'Pending',
          qosClass: 'Burstable',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: `0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.`,
              lastTransitionTime: recent,
            },
          ],
        };
      } else {
        status = {
          phase: 'Running',
          qosClass: 'Burstable',
          hostIP: `10.0.0.${(i % 3) + 1}`,
          podIP: `10.244.${(i % 3) + 1}.${
            (parseInt(hash(podName).slice(0, 2), 16) % 250) + 2
          }`,
          startTime: started,
          conditions: [
            {
              type: 'Initialized',
              status: 'True',
              lastTransitionTime: started,
            },
            {
              type: 'Ready',
              status: crashing ? 'False' : 'True',
              lastTransitionTime: crashing ? recent : started,
              ...(crashing ? { reason: 'ContainersNotReady' } : {}),
            },
            {
              type: 'ContainersReady',
              status: crashing ? 'False' : 'True',
              lastTransitionTime: crashing ? recent : started,
            },
            {
              type: 'PodScheduled',
              status: 'True',
              lastTransitionTime: started,
            },
          ],
          containerStatuses: [
            {
              name,
              image: w.image,
              imageID: `${w.image}@sha256:${createHash('sha256')
                .update(w.image)
                .digest('hex')}`,
              containerID: `containerd://${createHash('sha256')
                .update(podName)
                .digest('hex')}`,
              ready: !crashing,
              started: !crashing,
              restartCount: crashing ? 42 : 0,
              state: crashing
                ? {
                    waiting: {
                      reason: 'CrashLoopBackOff',
                      message: `back-off 5m0s restarting failed container=${name} pod=${podName}`,
                    },
                  }
                : { running: { startedAt: started } },
              ...(crashing
                ? {
                    lastState: {
                      terminated: {
                        exitCode: 1,
                        reason: 'Error',
                        startedAt: recent,
                        finishedAt: recent,
                      },
                    },
                  }
                : {}),
            },
          ],
        };
      }
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: podMeta,
        spec,
        status,
      });
    }
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('Service', name),
      spec: {
        type: 'ClusterIP',
        clusterIP: `10.96.${parseInt(hash(name).slice(0, 2), 16)}.${
          parseInt(hash(name).slice(2, 4), 16) % 250
        }`,
        selector: { 'app.kubernetes.io/name': name },
        ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      },
      status: { loadBalancer: {} },
    });
  }
  return objects;
}
