import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CostSource,
  NamespaceIdle,
  ResourceCost,
  ServiceCost,
  TeamCost,
  WorkloadCost,
} from '@internal/plugin-costs-common';
import { Knex } from 'knex';
import {
  ClusterDay,
  CostScope,
  CostStore,
  DayWindow,
  ScopeCosts,
} from './CostStore';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-costs-backend',
  'migrations',
);

type CostSums = {
  cpu: number | string | null;
  memory: number | string | null;
  storage: number | string | null;
  total: number | string | null;
};

/** The sums every aggregation selects, named as ResourceCost has them. */
const COST_SUMS = [
  'sum(cpu_cost) as cpu',
  'sum(memory_cost) as memory',
  'sum(storage_cost) as storage',
  'sum(total_cost) as total',
];

function resourceCost(row: CostSums): ResourceCost {
  return {
    cpu: Number(row.cpu ?? 0),
    memory: Number(row.memory ?? 0),
    storage: Number(row.storage ?? 0),
    total: Number(row.total ?? 0),
  };
}

export class DatabaseCostStore implements CostStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseCostStore> {
    const client = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseCostStore(client);
  }

  constructor(private readonly db: Knex) {}

  async replaceClusterDay(day: ClusterDay): Promise<void> {
    const key = { day: day.day, cluster: day.cluster };
    await this.db.transaction(async tx => {
      await tx('costs_workload_days').where(key).delete();
      await tx('costs_quota_days').where(key).delete();
      await tx('costs_owner_days').where(key).delete();
      await tx('costs_cluster_days').where(key).delete();
      await tx('costs_cluster_days').insert({
        ...key,
        source: day.source,
        currency: day.currency,
        workloads: day.workloads.length,
        collected_at: new Date(),
      });
      if (day.workloads.length > 0) {
        await tx.batchInsert(
          'costs_workload_days',
          day.workloads.map(w => ({
            ...key,
            namespace: w.namespace,
            kind: w.kind,
            name: w.name,
            kubernetes_id: w.kubernetesId ?? null,
            entity_ref: w.entityRef ?? null,
            owner_ref: w.ownerRef ?? null,
            source: day.source,
            cpu_cores: w.cpuCores,
            memory_bytes: w.memoryBytes,
            storage_bytes: w.storageBytes,
            cpu_cost: w.cost.cpu,
            memory_cost: w.cost.memory,
            storage_cost: w.cost.storage,
            total_cost: w.cost.total,
          })),
          500,
        );
      }
      // each team's day, summed from the rows just written
      await tx.raw(
        `INSERT INTO costs_owner_days
           (day, cluster, owner_ref, source, services, cpu_cost, memory_cost, storage_cost, total_cost)
         SELECT day, cluster, owner_ref, source, count(DISTINCT entity_ref),
           sum(cpu_cost), sum(memory_cost), sum(storage_cost), sum(total_cost)
         FROM costs_workload_days
         WHERE day = ? AND cluster = ?
         GROUP BY day, cluster, owner_ref, source`,
        [day.day, day.cluster],
      );
      if (day.quotas.length > 0) {
        await tx.batchInsert(
          'costs_quota_days',
          day.quotas.map(q => ({
            ...key,
            namespace: q.namespace,
            hard_cpu_cores: q.hard.cpuCores ?? null,
            used_cpu_cores: q.used.cpuCores ?? null,
            hard_memory_bytes: q.hard.memoryBytes ?? null,
            used_memory_bytes: q.used.memoryBytes ?? null,
            hard_storage_bytes: q.hard.storageBytes ?? null,
            used_storage_bytes: q.used.storageBytes ?? null,
            quota_cost: q.quotaCost,
            idle_cost: q.idleCost,
          })),
          500,
        );
      }
    });
  }

  private workloadsOf(scope: CostScope, window: DayWindow) {
    const query = this.db('costs_workload_days')
      .where('day', '>=', window.from)
      .andWhere('day', '<', window.to);
    if (scope.kind === 'team') query.andWhere('owner_ref', scope.ownerRef);
    if (scope.kind === 'entity') query.andWhere('entity_ref', scope.entityRef);
    return query;
  }

  /**
   * The rows a scope's sums are read from: a service's workloads, or the teams' daily sums for
   * a team and the organisation (a year of an organisation is then hundreds of rows a day fewer).
   */
  private rowsOf(scope: CostScope, window: DayWindow) {
    if (scope.kind === 'entity') return this.workloadsOf(scope, window);
    const query = this.db('costs_owner_days')
      .where('day', '>=', window.from)
      .andWhere('day', '<', window.to);
    if (scope.kind === 'team') query.andWhere('owner_ref', scope.ownerRef);
    return query;
  }

  async scopeCosts(scope: CostScope, window: DayWindow): Promise<ScopeCosts> {
    const [coverage, totals, daily, sources] = await Promise.all([
      this.db('costs_cluster_days')
        .where('day', '>=', window.from)
        .andWhere('day', '<', window.to)
        .countDistinct({ days: 'day' })
        .first(),
      this.rowsOf(scope, window)
        .select(this.db.raw(COST_SUMS.join(', ')))
        .count({ rows: '*' })
        .first(),
      this.rowsOf(scope, window)
        .select(
          this.db.raw(`to_char(day, 'YYYY-MM-DD') as day`),
          this.db.raw('sum(total_cost) as total'),
        )
        .groupBy('day')
        .orderBy('day'),
      this.rowsOf(scope, window).distinct('source').orderBy('source'),
    ]);
    return {
      daysWithData: Number(coverage?.days ?? 0),
      total:
        totals && Number(totals.rows) > 0
          ? resourceCost(totals as CostSums)
          : null,
      daily: daily.map((row: { day: string; total: number | string }) => ({
        day: row.day,
        total: Number(row.total),
      })),
      sources: sources.map((row: { source: CostSource }) => row.source),
    };
  }

  async costsByTeam(window: DayWindow): Promise<TeamCost[]> {
    const rows = await this.rowsOf({ kind: 'organisation' }, window)
      .select(
        'owner_ref',
        // the most services the team ran on a day of the window
        this.db.raw('max(services) as services'),
        this.db.raw(COST_SUMS.join(', ')),
      )
      .groupBy('owner_ref')
      .orderBy([
        { column: 'total', order: 'desc' },
        { column: 'owner_ref', order: 'asc' },
      ]);
    return rows.map(
      (
        row: CostSums & { owner_ref: string | null; services: string | number },
      ) => ({
        ownerRef: row.owner_ref,
        services: Number(row.services),
        cost: resourceCost(row),
      }),
    );
  }

  async costsByService(
    ownerRef: string,
    window: DayWindow,
  ): Promise<ServiceCost[]> {
    const rows = await this.workloadsOf({ kind: 'team', ownerRef }, window)
      .whereNotNull('entity_ref')
      .select('entity_ref', this.db.raw(COST_SUMS.join(', ')))
      .groupBy('entity_ref')
      .orderBy([
        { column: 'total', order: 'desc' },
        { column: 'entity_ref', order: 'asc' },
      ]);
    return rows.map((row: CostSums & { entity_ref: string }) => ({
      entityRef: row.entity_ref,
      cost: resourceCost(row),
    }));
  }

  async costsByWorkload(
    entityRef: string,
    window: DayWindow,
  ): Promise<WorkloadCost[]> {
    const rows = await this.workloadsOf({ kind: 'entity', entityRef }, window)
      .select(
        'cluster',
        'namespace',
        'kind',
        'name',
        'source',
        this.db.raw('count(distinct day) as days'),
        this.db.raw(COST_SUMS.join(', ')),
      )
      .groupBy('cluster', 'namespace', 'kind', 'name', 'source')
      .orderBy([
        { column: 'total', order: 'desc' },
        { column: 'cluster', order: 'asc' },
        { column: 'namespace', order: 'asc' },
        { column: 'name', order: 'asc' },
      ]);
    return rows.map(
      (
        row: CostSums & {
          cluster: string;
          namespace: string;
          kind: string;
          name: string;
          source: CostSource;
          days: string | number;
        },
      ) => ({
        cluster: row.cluster,
        namespace: row.namespace,
        kind: row.kind,
        name: row.name,
        source: row.source,
        days: Number(row.days),
        cost: resourceCost(row),
      }),
    );
  }

  async namespaceIdle(window: DayWindow): Promise<NamespaceIdle[]> {
    const rows = await this.db('costs_quota_days')
      .where('day', '>=', window.from)
      .andWhere('day', '<', window.to)
      .select(
        'cluster',
        'namespace',
        this.db.raw('count(*) as days'),
        this.db.raw('sum(quota_cost) as quota_cost'),
        this.db.raw('sum(idle_cost) as idle_cost'),
        // the idle share of the window: idle over quota, both summed over its days
        this.db.raw(
          'sum(idle_cost) / nullif(sum(quota_cost), 0) as idle_share',
        ),
      )
      .groupBy('cluster', 'namespace')
      .orderBy([
        { column: 'idle_cost', order: 'desc' },
        { column: 'cluster', order: 'asc' },
        { column: 'namespace', order: 'asc' },
      ]);
    return rows.map(
      (row: {
        cluster: string;
        namespace: string;
        days: string | number;
        quota_cost: string | number;
        idle_cost: string | number;
        idle_share: string | number | null;
      }) => ({
        cluster: row.cluster,
        namespace: row.namespace,
        days: Number(row.days),
        quotaCost: Number(row.quota_cost),
        idleCost: Number(row.idle_cost),
        idleShare: row.idle_share === null ? null : Number(row.idle_share),
      }),
    );
  }
}
