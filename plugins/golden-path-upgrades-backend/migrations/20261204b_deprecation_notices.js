// @ts-check

/**
 * Deprecation notices sent: one per service and deprecated version, so owners are told once,
 * not every hour.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('golden_path_deprecation_notices', table => {
    table.comment('Owners told that their service is on a deprecated version');
    table.text('entity_ref').notNullable();
    table.text('version').notNullable();
    table
      .timestamp('sent_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.primary(['entity_ref', 'version']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('golden_path_deprecation_notices');
};
