// @ts-check

/**
 * Scorecards: the entities scored, their facts and check results (latest and history), the
 * daily level of each entity, and waivers with their audit trail.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_entities', table => {
    table.comment(
      'Entities the scorecards score, as the catalog retriever last saw them',
    );
    table.string('entity_ref', 255).primary();
    table.string('title', 255).notNullable();
    table.string('kind', 63).notNullable();
    table.string('type', 63).nullable();
    table.string('lifecycle', 63).nullable();
    table.jsonb('tags').notNullable().defaultTo('[]');
    table.string('owner_ref', 255).nullable().comment('Normalised, lower-case');
    table
      .string('level', 40)
      .nullable()
      .comment('Level of the last evaluation');
    table.timestamp('evaluated_at', { useTz: true }).nullable();
    table.timestamp('seen_at', { useTz: true }).notNullable();
    table.index(['owner_ref'], 'scorecard_entities_owner_idx');
  });

  await knex.schema.createTable('scorecard_facts', table => {
    table.comment('The latest value of every fact of every entity');
    table.string('entity_ref', 255).notNullable();
    table.string('fact_id', 100).notNullable();
    table.jsonb('value').nullable().comment('boolean, number or null');
    table.timestamp('collected_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'fact_id']);
  });

  await knex.schema.createTable('scorecard_fact_history', table => {
    table.comment(
      'A row each time a fact took a new value (not for every collection)',
    );
    table.bigIncrements('id');
    table.string('entity_ref', 255).notNullable();
    table.string('fact_id', 100).notNullable();
    table.jsonb('value').nullable();
    table.timestamp('collected_at', { useTz: true }).notNullable();
    table.index(
      ['entity_ref', 'fact_id', 'collected_at'],
      'scorecard_fact_history_idx',
    );
  });

  await knex.schema.createTable('scorecard_results', table => {
    table.comment(
      'The latest result of every check for every entity it applies to',
    );
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 63).notNullable();
    table.string('level', 40).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('pass, fail, unknown or waived');
    table.jsonb('value').nullable();
    table.text('message').notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'check_id']);
    table.index(['check_id', 'status'], 'scorecard_results_check_idx');
  });

  await knex.schema.createTable('scorecard_result_history', table => {
    table.comment('A row each time a check result changed status');
    table.bigIncrements('id');
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 63).notNullable();
    table.string('status', 16).notNullable();
    table.text('message').notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.index(
      ['entity_ref', 'check_id', 'evaluated_at'],
      'scorecard_result_history_idx',
    );
  });

  await knex.schema.createTable('scorecard_level_history', table => {
    table.comment(
      'The level of every entity at the last evaluation of each day (UTC)',
    );
    table.date('day').notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable();
    table.string('level', 40).nullable();
    table.primary(['day', 'entity_ref']);
    table.index(['owner_ref', 'day'], 'scorecard_level_history_owner_idx');
  });

  await knex.schema.createTable('scorecard_waivers', table => {
    table.comment(
      'Waivers of one check for one entity: requested by its team, decided by an admin',
    );
    table.uuid('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 63).notNullable();
    table.text('reason').notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('requested, granted or rejected');
    table.string('requested_by', 255).notNullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.index(['entity_ref', 'check_id'], 'scorecard_waivers_entity_idx');
  });

  await knex.schema.createTable('scorecard_waiver_audit', table => {
    table.comment('Who did what to a waiver, and when; never updated');
    table.bigIncrements('id');
    table
      .uuid('waiver_id')
      .notNullable()
      .references('id')
      .inTable('scorecard_waivers');
    table
      .string('action', 16)
      .notNullable()
      .comment('requested, granted or rejected');
    table.string('actor', 255).notNullable();
    table.timestamp('at', { useTz: true }).notNullable();
    table.text('detail').nullable();
    table.index(['waiver_id'], 'scorecard_waiver_audit_waiver_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'scorecard_waiver_audit',
    'scorecard_waivers',
    'scorecard_level_history',
    'scorecard_result_history',
    'scorecard_results',
    'scorecard_fact_history',
    'scorecard_facts',
    'scorecard_entities',
  ]) {
    await knex.schema.dropTable(table);
  }
};
