// @ts-check

/**
 * Baselines: a saved ROI scenario adopted for a scope (the organisation or a team) from a
 * start date, its inputs copied at adoption so the case measured against does not change under
 * the quarters already shown. One current baseline per scope; a new adoption replaces it and
 * both stay. Every adoption is kept in value_baseline_events, written in the same transaction.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('value_baselines', table => {
    table.comment('ROI scenarios adopted as the baseline of a scope');
    table.uuid('id').primary();
    table
      .string('scope', 255)
      .notNullable()
      .comment('"organisation" or a group entity ref, lower-case');
    table.uuid('scenario_id').notNullable();
    table.string('scenario_name', 200).notNullable();
    table.integer('scenario_version').notNullable();
    table.string('currency', 3).notNullable();
    table
      .jsonb('inputs')
      .notNullable()
      .comment('The scenario inputs at adoption');
    table
      .string('start_date', 10)
      .notNullable()
      .comment('First day measured, YYYY-MM-DD (UTC)');
    table.double('cost_per_incident').notNullable();
    table.string('adopted_by', 255).notNullable();
    table.timestamp('adopted_at', { useTz: true }).notNullable();
    table
      .timestamp('replaced_at', { useTz: true })
      .nullable()
      .comment('When a later adoption replaced it; null for the current one');
  });
  await knex.raw(
    'CREATE UNIQUE INDEX value_baselines_current ON value_baselines (scope) WHERE replaced_at IS NULL',
  );
  await knex.schema.createTable('value_baseline_events', table => {
    table.comment('Audit trail of adoptions');
    table.uuid('id').primary();
    table.string('scope', 255).notNullable();
    table.string('action', 20).notNullable().comment('adopted or replaced');
    table
      .uuid('baseline_id')
      .notNullable()
      .references('id')
      .inTable('value_baselines');
    table.uuid('scenario_id').notNullable();
    table.integer('scenario_version').notNullable();
    table.string('start_date', 10).notNullable();
    table.string('actor', 255).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.index(['scope', 'at'], 'value_baseline_events_scope_at');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('value_baseline_events');
  await knex.schema.dropTable('value_baselines');
};
