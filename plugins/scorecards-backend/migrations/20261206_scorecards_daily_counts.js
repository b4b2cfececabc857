// @ts-check

/**
 * Counts kept as the evaluation saves, so the summaries read a few hundred rows instead of
 * every entity's history: services per level per team per day (from scorecard_level_history)
 * and each check's applicable and passing results per team (from scorecard_results). See
 * docs/decisions/scorecard-daily-counts.md.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_level_daily', table => {
    table.comment(
      'Entities per level per owner per day: scorecard_level_history counted',
    );
    table.date('day').notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('level', 40).nullable();
    table.integer('entities').notNullable();
    table.index(['day'], 'scorecard_level_daily_day_idx');
    table.index(['owner_ref', 'day'], 'scorecard_level_daily_owner_idx');
  });
  await knex.raw(
    `insert into scorecard_level_daily (day, owner_ref, level, entities)
     select day, owner_ref, level, count(*)::int from scorecard_level_history
      group by day, owner_ref, level`,
  );

  await knex.schema.createTable('scorecard_check_counts', table => {
    table.comment(
      'Per owner and check: latest results applying and passing (or waived)',
    );
    table.string('owner_ref', 255).nullable();
    table.string('check_id', 63).notNullable();
    table.integer('applicable').notNullable();
    table.integer('passing').notNullable();
    table.index(['owner_ref'], 'scorecard_check_counts_owner_idx');
  });
  await knex.raw(
    `insert into scorecard_check_counts (owner_ref, check_id, applicable, passing)
     select e.owner_ref, r.check_id, count(*)::int,
            (count(*) filter (where r.status in ('pass', 'waived')))::int
       from scorecard_results r
       join scorecard_entities e on e.entity_ref = r.entity_ref
      group by e.owner_ref, r.check_id`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_check_counts');
  await knex.schema.dropTable('scorecard_level_daily');
};
