// @ts-check

/**
 * The upgrades the portal prepared: one row per service and target version, with the branch or
 * pull request that carries it and what became of it (a merged or closed upgrade is remembered,
 * so the same version is not offered again).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('golden_path_upgrades', table => {
    table.comment('Golden path upgrades prepared for services');
    table.increments('id').primary();
    table.text('entity_ref').notNullable().comment('Lower-cased entity ref');
    table.text('template').notNullable();
    table.text('from_version').notNullable();
    table.text('to_version').notNullable();
    table.text('host').notNullable().comment('local or github');
    table
      .text('repository')
      .notNullable()
      .comment('Local repository name, or owner/repo on GitHub');
    table.text('branch').notNullable();
    table.text('commit_sha').nullable();
    table.integer('pull_request_number').nullable();
    table.text('url').nullable().comment('Pull request or branch to review');
    table
      .text('state')
      .notNullable()
      .comment(
        'open, merged, closed (declined) or superseded by a newer version',
      );
    table.jsonb('conflicts').notNullable().defaultTo('[]');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.timestamp('closed_at', { useTz: true }).nullable();
    table.unique(['entity_ref', 'to_version']);
    table.index(['template', 'state']);
  });
  await knex.raw(
    `ALTER TABLE golden_path_upgrades ADD CONSTRAINT golden_path_upgrades_state
     CHECK (state IN ('open', 'merged', 'closed', 'superseded'))`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('golden_path_upgrades');
};
