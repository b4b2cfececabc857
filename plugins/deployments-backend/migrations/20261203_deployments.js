// @ts-check

/**
 * The audit of every deploy, promote and rollback request (who, what, when, result, the
 * workflow run), and the successful deployments per repository and environment that GitHub
 * reports through deployment_status events.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments_actions', table => {
    table.comment('Every request to deploy, promote or roll back, as audited');
    table.uuid('id').primary().notNullable();
    table.text('entity_ref').notNullable().comment('Normalised component ref');
    table.text('repository').nullable().comment('owner/name, lower case');
    table.text('action').notNullable().comment('deploy, promote or rollback');
    table.text('environment').notNullable().comment('The target environment');
    table.text('from_environment').nullable().comment('A promotion’s source');
    table.text('ref').nullable().comment('The ref given or derived');
    table.text('sha').nullable().comment('The commit the ref resolved to');
    table.text('actor').notNullable().comment('User entity ref of who asked');
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table
      .text('result')
      .notNullable()
      .comment('pending, dispatched, refused or failed');
    table.text('reason').nullable().comment('Why it was refused or failed');
    table.bigInteger('run_id').nullable();
    table.text('run_url').nullable().comment('The run’s page (html_url)');
    table.text('run_status').nullable();
    table.text('run_conclusion').nullable();
    table.timestamp('run_started_at', { useTz: true }).nullable();
    table.timestamp('run_updated_at', { useTz: true }).nullable();
    table.index(
      ['entity_ref', 'requested_at'],
      'deployments_actions_entity_idx',
    );
  });
  await knex.raw(
    `ALTER TABLE deployments_actions ADD CONSTRAINT deployments_actions_result_check
       CHECK (result IN ('pending', 'dispatched', 'refused', 'failed'))`,
  );

  await knex.schema.createTable('deployments_history', table => {
    table.comment(
      'Successful GitHub deployments per repository and environment',
    );
    table.bigInteger('deployment_id').primary();
    table.text('repository').notNullable().comment('owner/name, lower case');
    table.text('environment').notNullable();
    table.text('sha').notNullable();
    table.text('ref').nullable();
    table
      .timestamp('succeeded_at', { useTz: true })
      .notNullable()
      .comment('Time of the first success status');
    table.index(
      ['repository', 'environment', 'succeeded_at'],
      'deployments_history_env_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployments_history');
  await knex.schema.dropTable('deployments_actions');
};
