import { KUBERNETES_ID_ANNOTATION } from '@internal/kubernetes-clusters';
import { WorkloadDay } from '../../database/CostStore';
import { Attribution } from './snapshotCosts';

/** One allocation of OpenCost's `/allocation/compute` answer (only what is read). */
export type OpenCostAllocation = {
  name: string;
  properties?: {
    cluster?: string;
    namespace?: string;
    controllerKind?: string;
    controller?: string;
    labels?: Record<string, string>;
  };
  cpuCost?: number;
  gpuCost?: number;
  ramCost?: number;
  pvCost?: number;
  totalCost?: number;
  cpuCoreRequestAverage?: number;
  ramByteRequestAverage?: number;
  pvBytes?: number;
};

/** OpenCost's answer: `{ code, data: [ { <name>: allocation } ] }`, one set per step. */
export type OpenCostAnswer = {
  code: number;
  status?: string;
  message?: string;
  data?: Array<Record<string, OpenCostAllocation> | null>;
};

/** OpenCost writes label names as Prometheus has them: `backstage.io/kubernetes-id` → `backstage_io_kubernetes_id`. */
const PROMETHEUS_LABEL = KUBERNETES_ID_ANNOTATION.replace(
  /[^A-Za-z0-9_]/g,
  '_',
);

const KINDS: Record<string, string> = {
  deployment: 'Deployment',
  statefulset: 'StatefulSet',
  daemonset: 'DaemonSet',
  job: 'Job',
  replicaset: 'ReplicaSet',
};

const finite = (n: unknown) =>
  typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : 0;

/** The URL of a day's allocation, one set accumulated over the day, by workload. */
export function allocationUrl(baseUrl: string, day: string, nextDay: string) {
  const query = new URLSearchParams({
    window: `${day}T00:00:00Z,${nextDay}T00:00:00Z`,
    aggregate: 'namespace,controllerKind,controller',
    accumulate: 'true',
    includeIdle: 'false',
  });
  return `${baseUrl}/allocation/compute?${query}`;
}

/**
 * The workloads of OpenCost's answer for a day, with their costs as OpenCost priced them: cpu
 * (with GPUs), memory and storage, and its total (which also holds network and load balancers).
 * OpenCost's `__idle__` (the unreserved part of the nodes) is not a workload and is left out;
 * `__unallocated__` (pods without a controller) stays, attributed to no one.
 */
export function openCostWorkloads(
  answer: OpenCostAnswer,
  attribution: Attribution,
): WorkloadDay[] {
  if (answer.code !== 200 || !Array.isArray(answer.data)) {
    throw new Error(
      `OpenCost answered code ${answer.code}${
        answer.message ? `: ${answer.message}` : ''
      }`,
    );
  }
  const workloads: WorkloadDay[] = [];
  for (const set of answer.data) {
    for (const [key, allocation] of Object.entries(set ?? {})) {
      if (key === '__idle__' || allocation.name === '__idle__') continue;
      const properties = allocation.properties ?? {};
      const labels = properties.labels ?? {};
      const kubernetesId =
        labels[PROMETHEUS_LABEL] ?? labels[KUBERNETES_ID_ANNOTATION];
      const owner = attribution(kubernetesId);
      const cpu = finite(allocation.cpuCost) + finite(allocation.gpuCost);
      const memory = finite(allocation.ramCost);
      const storage = finite(allocation.pvCost);
      workloads.push({
        namespace: properties.namespace ?? key.split('/')[0] ?? '',
        kind:
          KINDS[properties.controllerKind ?? ''] ??
          properties.controllerKind ??
          'Pod',
        name: properties.controller ?? allocation.name ?? key,
        ...(kubernetesId ? { kubernetesId } : {}),
        ...(owner ? { entityRef: owner.entityRef } : {}),
        ...(owner?.ownerRef ? { ownerRef: owner.ownerRef } : {}),
        cpuCores: finite(allocation.cpuCoreRequestAverage),
        memoryBytes: finite(allocation.ramByteRequestAverage),
        storageBytes: finite(allocation.pvBytes),
        cost: {
          cpu,
          memory,
          storage,
          total: Math.max(finite(allocation.totalCost), cpu + memory + storage),
        },
      });
    }
  }
  return workloads;
}

/** Asks OpenCost for a day; a refusal or a malformed answer rejects. */
export async function fetchOpenCostDay(options: {
  baseUrl: string;
  day: string;
  nextDay: string;
  timeoutMs: number;
}): Promise<OpenCostAnswer> {
  const response = await fetch(
    allocationUrl(options.baseUrl, options.day, options.nextDay),
    { signal: AbortSignal.timeout(options.timeoutMs) },
  );
  if (!response.ok) {
    throw new Error(`OpenCost answered HTTP ${response.status}`);
  }
  return (await response.json()) as OpenCostAnswer;
}
