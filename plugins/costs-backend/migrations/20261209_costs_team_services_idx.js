// @ts-check

/**
 * A team's table by service (its workloads' costs summed per component over a window) read
 * from the index alone: the index of the workloads by owner and day carries the component and
 * the four costs, so a team's 90 days (about 6,000 workload-days for 50 services) are one
 * index range instead of as many scattered table pages.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(`
    CREATE INDEX costs_workload_days_owner_costs_idx
      ON costs_workload_days (owner_ref, day)
      INCLUDE (entity_ref, cpu_cost, memory_cost, storage_cost, total_cost)`);
  await knex.raw('DROP INDEX IF EXISTS costs_workload_days_owner_idx');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw(`
    CREATE INDEX IF NOT EXISTS costs_workload_days_owner_idx
      ON costs_workload_days (owner_ref, day)`);
  await knex.raw('DROP INDEX IF EXISTS costs_workload_days_owner_costs_idx');
};
