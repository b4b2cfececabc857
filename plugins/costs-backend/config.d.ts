import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * Costs: each workload on the clusters of `kubernetes.clusterLocatorMethods` (those the
   * portal reads with its own service account) priced per day and attributed to its service
   * and team. Without a cluster, the pages say that no cluster is connected.
   */
  costs?: {
    /**
     * The unit prices the resource requests are priced at. Required when a cluster is
     * connected that has no OpenCost endpoint; also prices the namespaces' idle quota.
     */
    prices?: {
      /** Per CPU core, per hour, such as 0.031. */
      cpuCoreHour: number;
      /** Per GiB of memory, per hour, such as 0.0042. */
      memoryGiBHour: number;
      /** Per GiB of persistent storage, per month (730 hours), such as 0.10. */
      storageGiBMonth: number;
      /** ISO 4217 code, such as EUR. Default: EUR. */
      currency?: string;
    };
    /**
     * Clusters whose costs come from their OpenCost allocation API rather than the unit
     * prices: the cluster's name (as in `kubernetes.clusterLocatorMethods`) and the base URL of
     * its OpenCost API, such as http://opencost.opencost:9003. OpenCost must report in the
     * currency of `prices.currency`.
     */
    opencost?: Array<{
      cluster: string;
      baseUrl: string;
    }>;
    /** How long a cluster or OpenCost may take to answer, in ms. Default: 20000. */
    timeoutMs?: number;
    /**
     * When the day's costs are collected. Default: every hour, timeout 15 minutes, first run 2
     * minutes after start. Each run replaces the day's figures, so the last run of a day stands.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
  };
}
