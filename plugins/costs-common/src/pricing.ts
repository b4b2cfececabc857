import { BYTES_PER_GIB, parseQuantity } from './quantity';

/**
 * What the platform pays for a unit of each resource a workload requests: `costs.prices` in
 * the configuration.
 */
export type UnitPrices = {
  /** Per CPU core, per hour. */
  cpuCoreHour: number;
  /** Per GiB of memory, per hour. */
  memoryGiBHour: number;
  /** Per GiB of persistent storage, per month. */
  storageGiBMonth: number;
  /** ISO 4217 code, such as EUR. */
  currency: string;
};

/** What a workload (all its replicas) requests: cores and bytes. */
export type ResourceRequests = {
  cpuCores: number;
  memoryBytes: number;
  storageBytes: number;
};

/** A day's cost of some requests, by resource and in total. */
export type DayCost = {
  cpu: number;
  memory: number;
  storage: number;
  total: number;
};

export const HOURS_PER_DAY = 24;
/**
 * Hours in the average month (365 × 24 / 12 = 730), the month storage is priced by, as
 * cloud providers and OpenCost count it.
 */
export const HOURS_PER_MONTH = 730;

/**
 * A day of the requests at the unit prices: CPU and memory by the hour for 24 hours, storage
 * by the month for the 24 / 730 of it a day is.
 */
export function priceDay(
  requests: ResourceRequests,
  prices: UnitPrices,
): DayCost {
  const cpu = requests.cpuCores * HOURS_PER_DAY * prices.cpuCoreHour;
  const memory =
    (requests.memoryBytes / BYTES_PER_GIB) *
    HOURS_PER_DAY *
    prices.memoryGiBHour;
  const storage =
    (requests.storageBytes / BYTES_PER_GIB) *
    prices.storageGiBMonth *
    (HOURS_PER_DAY / HOURS_PER_MONTH);
  return { cpu, memory, storage, total: cpu + memory + storage };
}

/** A container of a pod template, as the API server returns it (only what is read). */
export type ContainerSpec = {
  resources?: { requests?: Record<string, string | number> };
};

export type PodSpec = {
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  /** RuntimeClass overhead, added to every pod's requests by the scheduler. */
  overhead?: Record<string, string | number>;
};

function requested(
  container: ContainerSpec,
  resource: 'cpu' | 'memory',
): number {
  const value = container.resources?.requests?.[resource];
  return value === undefined ? 0 : parseQuantity(value) ?? 0;
}

/**
 * What one pod of the template requests, as the scheduler reserves it: per resource the
 * larger of the sum of the app containers and the largest init container (init containers run
 * one after another, before the app containers), plus the pod overhead. A request that is not a
 * quantity counts as none.
 */
export function podRequests(spec: PodSpec): {
  cpuCores: number;
  memoryBytes: number;
} {
  const of = (resource: 'cpu' | 'memory') => {
    const app = (spec.containers ?? []).reduce(
      (sum, c) => sum + requested(c, resource),
      0,
    );
    const init = Math.max(
      0,
      ...(spec.initContainers ?? []).map(c => requested(c, resource)),
    );
    const overhead =
      spec.overhead?.[resource] === undefined
        ? 0
        : parseQuantity(spec.overhead[resource]) ?? 0;
    return Math.max(app, init) + overhead;
  };
  return { cpuCores: of('cpu'), memoryBytes: of('memory') };
}

/** One ResourceQuota's limits (`spec.hard` or `status.hard`) and what is used of them. */
export type QuotaStatus = {
  hard: Record<string, string | number>;
  used: Record<string, string | number>;
};

/** A namespace's quota of requests, per resource; a resource no quota limits is undefined. */
export type NamespaceQuota = {
  hard: Partial<ResourceRequests>;
  used: Partial<ResourceRequests>;
};

const QUOTA_KEYS: Record<keyof ResourceRequests, string[]> = {
  cpuCores: ['requests.cpu', 'cpu'],
  memoryBytes: ['requests.memory', 'memory'],
  storageBytes: ['requests.storage'],
};

/**
 * The quota of requests of a namespace from its ResourceQuotas. Every quota applies, so per
 * resource the smallest `hard` binds; `used` is the usage the API server counted for that
 * quota (every quota counts all the namespace's pods, so they agree). `requests.cpu` and `cpu`
 * mean the same; so do `requests.memory` and `memory`.
 */
export function namespaceQuota(quotas: QuotaStatus[]): NamespaceQuota {
  const result: NamespaceQuota = { hard: {}, used: {} };
  for (const quota of quotas) {
    for (const [resource, keys] of Object.entries(QUOTA_KEYS) as [
      keyof ResourceRequests,
      string[],
    ][]) {
      for (const key of keys) {
        const hardValue = quota.hard[key];
        const hard =
          hardValue === undefined ? undefined : parseQuantity(hardValue);
        if (hard === undefined) continue;
        const current = result.hard[resource];
        if (current === undefined || hard < current) {
          result.hard[resource] = hard;
          const usedValue = quota.used[key];
          result.used[resource] =
            usedValue === undefined ? 0 : parseQuantity(usedValue) ?? 0;
        }
      }
    }
  }
  return result;
}

/** The money side of a namespace's quota for a day. */
export type QuotaIdle = {
  /** What the quota's reservations would cost in a day, at the unit prices. */
  quotaCost: number;
  /** The part of it no workload requests: hard less used, per resource, priced. */
  idleCost: number;
  /** idleCost / quotaCost, or undefined for a quota of nothing priced. */
  idleShare: number | undefined;
};

/**
 * The idle share of a namespace's quota: per resource the quota limits, hard − used (never
 * below 0: a quota lowered under its usage has none idle), priced for a day like requests, over
 * the priced hard. Weighting by price makes an idle core and an idle GiB comparable.
 */
export function quotaIdle(
  quota: NamespaceQuota,
  prices: UnitPrices,
): QuotaIdle {
  const pick = (values: Partial<ResourceRequests>): ResourceRequests => ({
    cpuCores: values.cpuCores ?? 0,
    memoryBytes: values.memoryBytes ?? 0,
    storageBytes: values.storageBytes ?? 0,
  });
  const hard = pick(quota.hard);
  const used = pick(quota.used);
  // a resource the quota does not limit has no idle part: its used is taken as its hard (0)
  const idle: ResourceRequests = {
    cpuCores: Math.max(0, hard.cpuCores - used.cpuCores),
    memoryBytes: Math.max(0, hard.memoryBytes - used.memoryBytes),
    storageBytes: Math.max(0, hard.storageBytes - used.storageBytes),
  };
  const quotaCost = priceDay(hard, prices).total;
  const idleCost = priceDay(idle, prices).total;
  return {
    quotaCost,
    idleCost,
    idleShare: quotaCost > 0 ? idleCost / quotaCost : undefined,
  };
}
