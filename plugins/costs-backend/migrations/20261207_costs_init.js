// @ts-check

/**
 * Costs: per day, each workload's cost on each cluster with the service and team it was
 * attributed to when collected; each namespace's quota and its idle part; which clusters were
 * collected on which day (the coverage of a period).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('costs_cluster_days', table => {
    table.comment('A cluster collected for a day: the coverage of a period');
    table.date('day').notNullable();
    table.string('cluster', 255).notNullable();
    table.string('source', 20).notNullable();
    table.string('currency', 3).notNullable();
    table.integer('workloads').notNullable();
    table.timestamp('collected_at', { useTz: true }).notNullable();
    table.primary(['day', 'cluster']);
  });
  await knex.raw(
    `ALTER TABLE costs_cluster_days ADD CONSTRAINT costs_cluster_days_source_check CHECK (source IN ('requests', 'opencost'))`,
  );

  await knex.schema.createTable('costs_workload_days', table => {
    table.comment(
      'A workload (Deployment, StatefulSet, PersistentVolumeClaim) priced for a day',
    );
    table.date('day').notNullable();
    table.string('cluster', 255).notNullable();
    table.string('namespace', 253).notNullable();
    table.string('kind', 63).notNullable();
    table.string('name', 253).notNullable();
    table.string('kubernetes_id', 63).nullable();
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('The component that claims the workload, when one does');
    table
      .string('owner_ref', 255)
      .nullable()
      .comment('Owner of the component on the day, lower-case');
    table.string('source', 20).notNullable();
    table.double('cpu_cores').notNullable();
    table.double('memory_bytes').notNullable();
    table.double('storage_bytes').notNullable();
    table.double('cpu_cost').notNullable();
    table.double('memory_cost').notNullable();
    table.double('storage_cost').notNullable();
    table.double('total_cost').notNullable();
    table.primary(['day', 'cluster', 'namespace', 'kind', 'name']);
    table.index(['entity_ref', 'day'], 'costs_workload_days_entity_idx');
    table.index(['owner_ref', 'day'], 'costs_workload_days_owner_idx');
  });
  await knex.raw(
    `ALTER TABLE costs_workload_days ADD CONSTRAINT costs_workload_days_source_check CHECK (source IN ('requests', 'opencost'))`,
  );
  await knex.raw(
    `ALTER TABLE costs_workload_days ADD CONSTRAINT costs_workload_days_cost_check CHECK (cpu_cost >= 0 AND memory_cost >= 0 AND storage_cost >= 0 AND total_cost >= 0)`,
  );

  await knex.schema.createTable('costs_quota_days', table => {
    table.comment(
      'The ResourceQuota of requests of a namespace for a day, priced, with its idle part',
    );
    table.date('day').notNullable();
    table.string('cluster', 255).notNullable();
    table.string('namespace', 253).notNullable();
    table.double('hard_cpu_cores').nullable();
    table.double('used_cpu_cores').nullable();
    table.double('hard_memory_bytes').nullable();
    table.double('used_memory_bytes').nullable();
    table.double('hard_storage_bytes').nullable();
    table.double('used_storage_bytes').nullable();
    table.double('quota_cost').notNullable();
    table.double('idle_cost').notNullable();
    table.primary(['day', 'cluster', 'namespace']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('costs_quota_days');
  await knex.schema.dropTable('costs_workload_days');
  await knex.schema.dropTable('costs_cluster_days');
};
