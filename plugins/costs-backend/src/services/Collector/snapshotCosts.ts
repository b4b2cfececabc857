import {
  namespaceQuota,
  parseQuantity,
  podRequests,
  priceDay,
  quotaIdle,
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
 * replicas × what one pod reserves; each PersistentVolumeClaim its size (attributed through its
 * own label, else the label of the StatefulSet it was made for); each namespace's quota with
 * its idle part.
 */
export function snapshotCosts(
  snapshot: ClusterSnapshot,
  prices: UnitPrices,
  attribution: Attribution,
): { workloads: WorkloadDay[]; quotas: QuotaDay[] } {
  const workloads: WorkloadDay[] = [];
  for (const [kind, objects] of [
    ['Deployment', snapshot.deployments],
    ['StatefulSet', snapshot.statefulSets],
  ] as const) {
    for (const object of objects) {
      const replicas = object.spec?.replicas ?? 1;
      const pod = podRequests(object.spec?.template?.spec ?? {});
      const requests = {
        cpuCores: pod.cpuCores * replicas,
        memoryBytes: pod.memoryBytes * replicas,
        storageBytes: 0,
      };
      workloads.push({
        namespace: object.metadata.namespace,
        kind,
        name: object.metadata.name,
        ...attributed(
          labelOf(object) ?? labelOf(object.spec?.template),
          attribution,
        ),
        ...requests,
        cost: priceDay(requests, prices),
      });
    }
  }
  for (const claim of snapshot.persistentVolumeClaims) {
    const requests = {
      cpuCores: 0,
      memoryBytes: 0,
      storageBytes: claimBytes(claim),
    };
    const kubernetesId =
      labelOf(claim) ?? labelOf(statefulSetOf(claim, snapshot.statefulSets));
    workloads.push({
      namespace: claim.metadata.namespace,
      kind: 'PersistentVolumeClaim',
      name: claim.metadata.name,
      ...attributed(kubernetesId, attribution),
      ...requests,
      cost: priceDay(requests, prices),
    });
  }
  return { workloads, quotas: quotaDays(snapshot.resourceQuotas, prices) };
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
