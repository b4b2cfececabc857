import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ClusterTarget,
  KubernetesClientLoader,
} from '@internal/kubernetes-clusters';
import {
  CostCollection,
  formatDay,
  nextDay,
  UnitPrices,
} from '@internal/plugin-costs-common';
import { CostStore } from '../../database/CostStore';
import { readClusterSnapshot } from './clusterSnapshot';
import { fetchOpenCostDay, openCostWorkloads } from './opencost';
import { Attribution, quotaDays, snapshotCosts } from './snapshotCosts';
import { CostCollector } from './types';

const MS_PER_DAY = 86_400_000;

/**
 * Each run, per cluster: with an OpenCost endpoint, yesterday's allocation (now complete) and
 * today's so far; otherwise today's requests at the unit prices, the day's last run standing for
 * it. The namespaces' quotas come from the cluster in both cases. A cluster that fails is
 * reported and logged, and keeps what was collected before; the others go on.
 */
export function createCostCollector(options: {
  clusters: ClusterTarget[];
  prices?: UnitPrices;
  currency: string;
  opencost: Map<string, string>;
  timeoutMs: number;
  store: CostStore;
  attribution: () => Promise<Attribution>;
  logger: LoggerService;
  now?: () => Date;
  loadClient?: KubernetesClientLoader;
}): CostCollector {
  const { clusters, prices, store, logger } = options;
  const now = options.now ?? (() => new Date());

  async function collectCluster(
    cluster: ClusterTarget,
    today: string,
    attribution: Attribution,
  ): Promise<CostCollection['clusters'][number]> {
    const baseUrl = options.opencost.get(cluster.name);
    if (baseUrl) {
      const quotas = prices
        ? await readClusterSnapshot({
            cluster,
            timeoutMs: options.timeoutMs,
            loadClient: options.loadClient,
            quotasOnly: true,
          }).then(snapshot => quotaDays(snapshot.resourceQuotas, prices))
        : [];
      const yesterday = formatDay(
        new Date(new Date(`${today}T00:00:00Z`).getTime() - MS_PER_DAY),
      );
      let workloads = 0;
      for (const day of [yesterday, today]) {
        const answer = await fetchOpenCostDay({
          baseUrl,
          day,
          nextDay: nextDay(day),
          timeoutMs: options.timeoutMs,
        });
        const rows = openCostWorkloads(answer, attribution);
        await store.replaceClusterDay({
          day,
          cluster: cluster.name,
          source: 'opencost',
          currency: options.currency,
          workloads: rows,
          // a quota is read as it is now: it belongs to today only
          quotas: day === today ? quotas : [],
        });
        workloads = rows.length;
      }
      return { cluster: cluster.name, source: 'opencost', workloads };
    }
    if (!prices) {
      throw new Error(
        'no unit prices configured (costs.prices) and no OpenCost endpoint (costs.opencost)',
      );
    }
    const snapshot = await readClusterSnapshot({
      cluster,
      timeoutMs: options.timeoutMs,
      loadClient: options.loadClient,
    });
    const { workloads, quotas } = snapshotCosts(
      snapshot,
      prices,
      attribution,
      today,
    );
    await store.replaceClusterDay({
      day: today,
      cluster: cluster.name,
      source: 'requests',
      currency: options.currency,
      workloads,
      quotas,
    });
    return {
      cluster: cluster.name,
      source: 'requests',
      workloads: workloads.length,
    };
  }

  return {
    clusters: () => clusters.map(c => c.name),
    async collect(signal) {
      const today = formatDay(now());
      const attribution = await options.attribution();
      const collected: CostCollection['clusters'] = [];
      for (const cluster of clusters) {
        if (signal?.aborted) break;
        try {
          const result = await collectCluster(cluster, today, attribution);
          collected.push(result);
          logger.info('Costs collected', { ...result, day: today });
        } catch (error) {
          const message =
            error instanceof Error ? error.message : String(error);
          logger.warn('Costs not collected from a cluster', {
            cluster: cluster.name,
            day: today,
            error: message,
          });
          collected.push({
            cluster: cluster.name,
            source: options.opencost.has(cluster.name)
              ? 'opencost'
              : 'requests',
            workloads: 0,
            error: message,
          });
        }
      }
      return { day: today, clusters: collected };
    },
  };
}
