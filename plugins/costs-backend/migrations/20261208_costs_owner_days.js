// @ts-check

/**
 * Costs: each team's costs per day and cluster, summed from the workloads when a cluster day is
 * written, so the organisation's and the teams' figures over a year read hundreds of rows, not
 * every workload of every day.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('costs_owner_days', table => {
    table.comment(
      'The workloads of a team (or of no owner) summed per day, cluster and source',
    );
    table.date('day').notNullable();
    table.string('cluster', 255).notNullable();
    table
      .string('owner_ref', 255)
      .nullable()
      .comment('Null for workloads no component claims');
    table.string('source', 20).notNullable();
    table
      .integer('services')
      .notNullable()
      .comment('Distinct components with a cost that day');
    table.double('cpu_cost').notNullable();
    table.double('memory_cost').notNullable();
    table.double('storage_cost').notNullable();
    table.double('total_cost').notNullable();
    table.index(['day', 'cluster'], 'costs_owner_days_day_idx');
    table.index(['owner_ref', 'day'], 'costs_owner_days_owner_idx');
  });
  // the days already collected
  await knex.raw(`
    INSERT INTO costs_owner_days
      (day, cluster, owner_ref, source, services, cpu_cost, memory_cost, storage_cost, total_cost)
    SELECT day, cluster, owner_ref, source, count(DISTINCT entity_ref),
      sum(cpu_cost), sum(memory_cost), sum(storage_cost), sum(total_cost)
    FROM costs_workload_days
    GROUP BY day, cluster, owner_ref, source`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('costs_owner_days');
};
