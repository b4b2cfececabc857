import {
  addRequests,
  daemonSetPods,
  namespaceQuota,
  parseQuantity,
  podHoursInDay,
  podPricing,
  podRequests,
  priceDay,
  quotaIdle,
  requestsOverDay,
  ResourceRequests,
  UnitPrices,
} from '@internal/plugin-costs-common';
import { KUBERNETES_ID_ANNOTATION } from '@internal/kubernetes-clusters';
import { QuotaDay, WorkloadDay } from '../../database/CostStore';
import { ClusterSnapshot } from './clusterSnapshot';

/** The service and team a `backstage.io/kubernetes-id` belongs to. */
export type Owner = { entityRef: string; ownerRef?: string };
export type Attribution = (
  kubernetesId: string | undefined,
) => Owner | undefined;

function attributed(
  kubernetesId: string | undefined,
  attribution: Attribution,
): Pick<WorkloadDay, 'kubernetesId' | 'entityRef' | 'ownerRef'> {
  const owner = attribution(kubernetesId);
  return {
    ...(kubernetesId ? { kubernetesId } : {}),
    ...(owner ? { entityRef: owner.entityRef } : {}),
    ...(owner?.ownerRef ? { ownerRef: owner.ownerRef } : {}),
  };
}

const labelOf = (object: any): string | undefined =>
  object?.metadata?.labels?.[KUBERNETES_ID_ANNOTATION];

/** A claim's size: its bound capacity, else what it asks for. */
function claimBytes(claim: any): number {
  const size =
    claim.status?.capacity?.storage ?? claim.spec?.resources?.requests?.storage;
  return size === undefined ? 0 : parseQuantity(size) ?? 0;
}

/**
 * The StatefulSet a claim was made for: the API server names the claims of a
 * `volumeClaimTemplates` entry `<template>-<statefulset>-<ordinal>`.
 */
function statefulSetOf(claim: any, statefulSets: any[]): any | undefined {
  return statefulSets.find(
    set =>
      set.metadata?.namespace === claim.metadata?.namespace &&
      (set.spec?.volumeClaimTemplates ?? []).some((template: any) =>
        new RegExp(
          `^${escape(template.metadata?.name ?? '')}-${escape(
            set.metadata?.name ?? '',
          )}-\\d+$`,
        ).test(claim.metadata?.name ?? ''),
      ),
  );
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A day of a cluster's workloads at the unit prices: each Deployment and StatefulSet its
 * replicas × what one pod reserves, each DaemonSet its placed pods × what one pod reserves, each
 * Job (under its CronJob when one made it) and each bare Pod from the Pods themselves, what each
 * reserves × the hours of `day` it ran; each PersistentVolumeClaim its size (attributed through
 * its own label, else the label of the StatefulSet it was made for); each namespace's quota with
 * its idle part. A Pod a ReplicaSet, StatefulSet, DaemonSet or other controller owns is not
 * priced on its own: its controller is (or, for kinds not priced, nothing is).
 */
export function snapshotCosts(
  snapshot: ClusterSnapshot,
  prices: UnitPrices,
  attribution: Attribution,
  day: string,
): { workloads: WorkloadDay[]; quotas: QuotaDay[] } {
  const workloads: WorkloadDay[] = [];
  const push = (
    object: any,
    kind: string,
    requests: ResourceRequests,
    kubernetesId: string | undefined,
  ) =>
    workloads.push({
      namespace: object.metadata.namespace,
      kind,
      name: object.metadata.name,
      ...attributed(kubernetesId, attribution),
      ...requests,
      cost: priceDay(requests, prices),
    });
  for (const [kind, objects, podsOf] of [
    ['Deployment', snapshot.deployments, (o: any) => o.spec?.replicas ?? 1],
    ['StatefulSet', snapshot.statefulSets, (o: any) => o.spec?.replicas ?? 1],
    ['DaemonSet', snapshot.daemonSets, (o: any) => daemonSetPods(o.status)],
  ] as const) {
    for (const object of objects) {
      const pods = podsOf(object);
      const pod = podRequests(object.spec?.template?.spec ?? {});
      push(
        object,
        kind,
        {
          cpuCores: pod.cpuCores * pods,
          memoryBytes: pod.memoryBytes * pods,
          storageBytes: 0,
        },
        labelOf(object) ?? labelOf(object.spec?.template),
      );
    }
  }
  workloads.push(...podWorkloads(snapshot, prices, attribution, day));
  for (const claim of snapshot.persistentVolumeClaims) {
    push(
      claim,
      'PersistentVolumeClaim',
      { cpuCores: 0, memoryBytes: 0, storageBytes: claimBytes(claim) },
      labelOf(claim) ?? labelOf(statefulSetOf(claim, snapshot.statefulSets)),
    );
  }
  return { workloads, quotas: quotaDays(snapshot.resourceQuotas, prices) };
}

const NONE: ResourceRequests = { cpuCores: 0, memoryBytes: 0, storageBytes: 0 };

/** When each of a Pod's containers (init containers included) ended, where they have. */
function finishedAt(pod: any): string[] {
  return [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ]
    .map((status: any) => toTime(status.state?.terminated?.finishedAt))
    .filter((time): time is string => time !== undefined);
}

/**
 * The Jobs' and bare Pods' day: each Pod's requests over the hours of the day it ran
 * (`podHoursInDay`), summed per Job (a CronJob's Jobs summed under the CronJob, as its runs
 * are one workload), a bare Pod alone. A Job or Pod that did not run on the day is left out.
 */
function podWorkloads(
  snapshot: ClusterSnapshot,
  prices: UnitPrices,
  attribution: Attribution,
  day: string,
): WorkloadDay[] {
  const key = (namespace: string, name: string) => `${namespace}/${name}`;
  const jobs = new Map<string, any>(
    snapshot.jobs.map(job => [
      key(job.metadata.namespace, job.metadata.name),
      job,
    ]),
  );
  const cronJobs = new Map<string, any>(
    snapshot.cronJobs.map(cron => [
      key(cron.metadata.namespace, cron.metadata.name),
      cron,
    ]),
  );
  const groups = new Map<
    string,
    {
      object: any;
      kind: string;
      requests: ResourceRequests;
      kubernetesId?: string;
    }
  >();
  for (const pod of snapshot.pods) {
    const pricing = podPricing(pod.metadata?.ownerReferences);
    if (pricing.by === 'controller') continue;
    const hours = podHoursInDay(
      {
        phase: pod.status?.phase,
        startTime: toTime(pod.status?.startTime),
        finishedAt: finishedAt(pod),
      },
      day,
    );
    if (hours === 0) continue;
    const reserved = podRequests(pod.spec ?? {});
    const requests = requestsOverDay({ ...reserved, storageBytes: 0 }, hours);
    const namespace = pod.metadata.namespace;
    let group: { object: any; kind: string; kubernetesId?: string };
    if (pricing.by === 'bare') {
      group = { object: pod, kind: 'Pod', kubernetesId: labelOf(pod) };
    } else {
      const job = jobs.get(key(namespace, pricing.job));
      const cronRef = (job?.metadata?.ownerReferences ?? []).find(
        (o: any) => o.controller === true && o.kind === 'CronJob',
      );
      const cron = cronRef
        ? cronJobs.get(key(namespace, cronRef.name))
        : undefined;
      const kubernetesId =
        labelOf(cron) ??
        labelOf(cron?.spec?.jobTemplate) ??
        labelOf(job) ??
        labelOf(job?.spec?.template) ??
        labelOf(pod);
      group = cronRef
        ? {
            object: { metadata: { namespace, name: cronRef.name } },
            kind: 'CronJob',
            kubernetesId,
          }
        : {
            object: { metadata: { namespace, name: pricing.job } },
            kind: 'Job',
            kubernetesId,
          };
    }
    const id = `${group.kind}/${key(namespace, group.object.metadata.name)}`;
    const current = groups.get(id) ?? { ...group, requests: NONE };
    groups.set(id, {
      ...current,
      requests: addRequests(current.requests, requests),
    });
  }
  return [...groups.values()].map(group => ({
    namespace: group.object.metadata.namespace,
    kind: group.kind,
    name: group.object.metadata.name,
    ...attributed(group.kubernetesId, attribution),
    ...group.requests,
    cost: priceDay(group.requests, prices),
  }));
}

/**
 * A time as the client returns it (a Date, possibly of another realm, so not told by
 * `instanceof`) or as JSON (text).
 */
function toTime(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof (value as Date | undefined)?.toISOString === 'function') {
    const time = (value as Date).getTime();
    return Number.isNaN(time) ? undefined : (value as Date).toISOString();
  }
  return undefined;
}

/** Each namespace's quotas, merged and priced; a namespace whose quotas price to 0 is left out. */
export function quotaDays(
  resourceQuotas: any[],
  prices: UnitPrices,
): QuotaDay[] {
  const byNamespace = new Map<string, any[]>();
  for (const quota of resourceQuotas) {
    const namespace = quota.metadata.namespace;
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), quota]);
  }
  const days: QuotaDay[] = [];
  for (const [namespace, quotas] of byNamespace) {
    const quota = namespaceQuota(
      quotas.map(q => ({
        hard: q.status?.hard ?? q.spec?.hard ?? {},
        used: q.status?.used ?? {},
      })),
    );
    const idle = quotaIdle(quota, prices);
    if (idle.quotaCost === 0) continue;
    days.push({
      namespace,
      hard: quota.hard,
      used: quota.used,
      quotaCost: idle.quotaCost,
      idleCost: idle.idleCost,
    });
  }
  return days.sort((a, b) => a.namespace.localeCompare(b.namespace));
}
