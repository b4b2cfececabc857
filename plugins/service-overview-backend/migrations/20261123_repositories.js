// @ts-check

/**
 * Repositories of the configured GitHub organisations, as the last coverage scan (and the
 * webhooks since) saw them, and a record of each scan's cost in GitHub requests.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('service_overview_repositories', table => {
    table.comment('Repositories of the configured GitHub organisations');
    table.text('organization').notNullable();
    table.text('name').notNullable();
    table.text('url').notNullable();
    table.text('description').nullable();
    table.timestamp('pushed_at', { useTz: true }).nullable();
    table.text('language').nullable();
    table.boolean('archived').notNullable().defaultTo(false);
    table
      .boolean('in_catalog')
      .notNullable()
      .comment(
        'True when a catalog entity carries this repository as its project slug',
      );
    table.text('likely_owner').nullable();
    table.text('likely_owner_source').nullable();
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.primary(['organization', 'name']);
    table.index(
      ['in_catalog', 'archived'],
      'service_overview_repositories_coverage_idx',
    );
  });
  await knex.schema.createTable('service_overview_scans', table => {
    table.comment('One row per coverage scan of an organisation');
    table.bigIncrements('id');
    table.text('organization').notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.integer('repositories').nullable();
    table.integer('requests').nullable();
    table.text('error').nullable();
    table.index(
      ['organization', 'started_at'],
      'service_overview_scans_org_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('service_overview_scans');
  await knex.schema.dropTable('service_overview_repositories');
};
