// @ts-check

/**
 * The GitHub repository of each scored entity (its `github.com/project-slug`), which the GitHub
 * retriever reads.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('scorecard_entities', table => {
    table.string('repository', 255).nullable().comment('owner/name on GitHub');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('scorecard_entities', table => {
    table.dropColumn('repository');
  });
};
