// @ts-check

/**
 * Adoptions: what a repository without `.golden-path.json` was made from, as its team stated
 * it or the portal inferred it, until an upgrade writes the record into the repository.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('golden_path_adoptions', table => {
    table.comment(
      'Template, version and values of repositories made before the record file existed',
    );
    table.text('entity_ref').primary();
    table.text('template').notNullable();
    table.text('version').notNullable();
    table.jsonb('values').notNullable();
    table.text('method').notNullable().comment('inferred or stated');
    table
      .integer('lines_differing')
      .nullable()
      .comment('For an inferred adoption: lines between render and repository');
    table.text('adopted_by').notNullable();
    table
      .timestamp('adopted_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('golden_path_adoptions');
};
