import {
  CostSource,
  DailyCost,
  NamespaceIdle,
  ResourceCost,
  ServiceCost,
  TeamCost,
  WorkloadCost,
} from '@internal/plugin-costs-common';

/** A workload priced for a day, as the collector writes it. */
export type WorkloadDay = {
  namespace: string;
  kind: string;
  name: string;
  kubernetesId?: string;
  entityRef?: string;
  ownerRef?: string;
  cpuCores: number;
  memoryBytes: number;
  storageBytes: number;
  cost: ResourceCost;
};

/** A namespace's quota for a day, priced. */
export type QuotaDay = {
  namespace: string;
  hard: { cpuCores?: number; memoryBytes?: number; storageBytes?: number };
  used: { cpuCores?: number; memoryBytes?: number; storageBytes?: number };
  quotaCost: number;
  idleCost: number;
};

/** What one collection found on one cluster for one day. */
export type ClusterDay = {
  day: string;
  cluster: string;
  source: CostSource;
  currency: string;
  workloads: WorkloadDay[];
  quotas: QuotaDay[];
};

/** A window of days `[from, to)`, `YYYY-MM-DD`. */
export type DayWindow = { from: string; to: string };

/** Whose costs: the organisation, a team (the owner of the services), or one service. */
export type CostScope =
  | { kind: 'organisation' }
  | { kind: 'team'; ownerRef: string }
  | { kind: 'entity'; entityRef: string };

/** The figures of a scope over a window, summed in SQL. */
export type ScopeCosts = {
  /** Days of the window with at least one cluster collected. */
  daysWithData: number;
  /** Null when no workload of the scope has a cost in the window. */
  total: ResourceCost | null;
  daily: DailyCost[];
  sources: CostSource[];
};

/** The costs' only SQL. */
export interface CostStore {
  /** Replaces a cluster's figures for a day (workloads, quotas, coverage) in one transaction. */
  replaceClusterDay(day: ClusterDay): Promise<void>;
  scopeCosts(scope: CostScope, window: DayWindow): Promise<ScopeCosts>;
  /**
   * By owning team (null: no component claims the workload), most expensive first; `services`
   * is the most services the team ran on one day of the window.
   */
  costsByTeam(window: DayWindow): Promise<TeamCost[]>;
  /** The services a team owns, most expensive first. */
  costsByService(ownerRef: string, window: DayWindow): Promise<ServiceCost[]>;
  /** A service's workloads, most expensive first. */
  costsByWorkload(
    entityRef: string,
    window: DayWindow,
  ): Promise<WorkloadCost[]>;
  /** Every namespace with a quota in the window, the largest idle cost first. */
  namespaceIdle(window: DayWindow): Promise<NamespaceIdle[]>;
}
