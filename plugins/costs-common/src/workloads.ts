import { HOURS_PER_DAY, ResourceRequests } from './pricing';

/** An owner reference of an object, as the API server returns it (only what is read). */
export type OwnerReference = {
  kind?: string;
  name?: string;
  controller?: boolean;
};

/**
 * How a Pod's requests are priced, so that nothing is counted twice:
 * - `bare`: no controller owns it; it is priced from its own requests.
 * - `job`: a Job controls it (a CronJob's runs included); it is priced, under its Job, from
 *   its own requests, because only the Pods say how many ran and for how long.
 * - `controller`: another controller owns it (a ReplicaSet of a Deployment, a StatefulSet, a
 *   DaemonSet, an operator's resource); the Pod is not priced, its controller's template ×
 *   replicas is (or, for kinds not priced, nothing is).
 *
 * The controller is the owner reference with `controller: true`; a Pod with owner references
 * none of which is its controller (only garbage-collection owners) is bare.
 */
export type PodPricing =
  | { by: 'bare' }
  | { by: 'job'; job: string }
  | { by: 'controller' };

export function podPricing(
  ownerReferences: OwnerReference[] | undefined,
): PodPricing {
  const controller = (ownerReferences ?? []).find(o => o.controller === true);
  if (!controller) return { by: 'bare' };
  if (controller.kind === 'Job' && controller.name) {
    return { by: 'job', job: controller.name };
  }
  return { by: 'controller' };
}

/** A DaemonSet's status, as the API server reports it (only what is read). */
export type DaemonSetStatus = {
  currentNumberScheduled?: number;
  numberMisscheduled?: number;
  desiredNumberScheduled?: number;
};

/**
 * How many pods of a DaemonSet hold a reservation: the nodes running one of its pods, whether
 * they should (`currentNumberScheduled`) or no longer should (`numberMisscheduled`, a pod left on
 * a node whose labels changed, still reserving there). `desiredNumberScheduled` is not used: it
 * counts nodes that should run a pod even where none could be placed, and a pod that is not
 * placed reserves nothing.
 */
export function daemonSetPods(status: DaemonSetStatus | undefined): number {
  return (
    Math.max(0, status?.currentNumberScheduled ?? 0) +
    Math.max(0, status?.numberMisscheduled ?? 0)
  );
}

/** A Pod's life, as the API server reports it (only what is read). */
export type PodTimes = {
  /** `status.phase`. */
  phase?: string;
  /** `status.startTime`: when a node's kubelet took the pod, its reservation made. */
  startTime?: string;
  /** `state.terminated.finishedAt` of each of its containers (init containers included). */
  finishedAt?: string[];
};

const MS_PER_HOUR = 3_600_000;

/**
 * The hours of the UTC day `day` (`YYYY-MM-DD`) a Pod held its reservation: from its start to
 * the end of its last container if it has finished (phase Succeeded or Failed), else to the end
 * of the day (a Pod running when the day is collected is counted for the rest of the day, as a
 * Deployment's replicas are counted for the whole day), clipped to the day. A Pod not yet on a
 * node (no start time), or finished without a finishing time, counts no hours.
 */
export function podHoursInDay(pod: PodTimes, day: string): number {
  const dayStart = Date.parse(`${day}T00:00:00Z`);
  const dayEnd = dayStart + HOURS_PER_DAY * MS_PER_HOUR;
  const start = pod.startTime ? Date.parse(pod.startTime) : NaN;
  if (Number.isNaN(start) || Number.isNaN(dayStart)) return 0;
  let end = dayEnd;
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') {
    const finishes = (pod.finishedAt ?? [])
      .map(t => Date.parse(t))
      .filter(t => !Number.isNaN(t));
    if (finishes.length === 0) return 0;
    end = Math.max(...finishes);
  }
  const from = Math.max(start, dayStart);
  const to = Math.min(end, dayEnd);
  return to > from ? (to - from) / MS_PER_HOUR : 0;
}

/**
 * A Pod's requests spread over the day: what it reserves × hours / 24, so that a day's price of
 * the result (`priceDay`) is the price of those hours. Twelve hours of 1 core are half a core
 * for the day.
 */
export function requestsOverDay(
  requests: ResourceRequests,
  hours: number,
): ResourceRequests {
  const share = hours / HOURS_PER_DAY;
  return {
    cpuCores: requests.cpuCores * share,
    memoryBytes: requests.memoryBytes * share,
    storageBytes: requests.storageBytes * share,
  };
}

/** The sum of requests. */
export function addRequests(
  a: ResourceRequests,
  b: ResourceRequests,
): ResourceRequests {
  return {
    cpuCores: a.cpuCores + b.cpuCores,
    memoryBytes: a.memoryBytes + b.memoryBytes,
    storageBytes: a.storageBytes + b.storageBytes,
  };
}
