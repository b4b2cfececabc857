// @ts-check

/**
 * Saved ROI scenarios and their versions (every save keeps one: who, when, what changed).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('roi_scenarios', table => {
    table.comment('Saved ROI scenarios: the business case of the platform');
    table.uuid('id').primary().notNullable();
    table.text('name').notNullable();
    table.text('description').notNullable().defaultTo('');
    table.jsonb('inputs').notNullable().comment('RoiInputs, validated');
    table
      .text('owner_ref')
      .notNullable()
      .comment('User entity ref of the owner');
    table
      .specificType('shared_with_groups', 'text[]')
      .notNullable()
      .defaultTo('{}')
      .comment('Group entity refs whose members may read the scenario');
    table
      .text('share_token')
      .nullable()
      .unique()
      .comment('When set, anyone signed in with the link may read it');
    table.integer('version').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.text('updated_by').notNullable();
    table.index(['owner_ref'], 'roi_scenarios_owner_idx');
    table.index(['updated_at'], 'roi_scenarios_updated_idx');
  });
  await knex.raw(
    'CREATE INDEX roi_scenarios_groups_idx ON roi_scenarios USING GIN (shared_with_groups)',
  );
  await knex.schema.createTable('roi_scenario_versions', table => {
    table.comment(
      'Every saved version of a scenario, for the audit of a business case',
    );
    table
      .uuid('scenario_id')
      .notNullable()
      .references('id')
      .inTable('roi_scenarios')
      .onDelete('CASCADE');
    table.integer('version').notNullable();
    table.text('name').notNullable();
    table.text('description').notNullable();
    table.jsonb('inputs').notNullable();
    table.text('changed_by').notNullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.jsonb('changes').notNullable().comment('[{ field, from, to }]');
    table.primary(['scenario_id', 'version']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('roi_scenario_versions');
  await knex.schema.dropTable('roi_scenarios');
};
