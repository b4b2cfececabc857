// @ts-check

/**
 * Raw GitHub events by delivery id, the derived delivery tables (deployments, commits,
 * deployment changes, incidents, pull requests), survey answers and backfill state.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('insights_github_events', t => {
    t.text('delivery_id')
      .primary()
      .comment('X-GitHub-Delivery, or a synthetic id for backfill');
    t.text('event_type').notNullable();
    t.text('action');
    t.text('repository').comment('owner/name, lower case');
    t.timestamp('received_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    t.jsonb('payload').notNullable();
    t.index(
      ['repository', 'event_type'],
      'insights_github_events_repo_type_idx',
    );
  });

  await knex.schema.createTable('insights_deployments', t => {
    t.bigInteger('deployment_id').primary();
    t.text('repository').notNullable();
    t.text('environment').notNullable();
    t.boolean('is_production').notNullable();
    t.text('sha').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.timestamp('succeeded_at', { useTz: true }).comment(
      'time of the first success status',
    );
    t.boolean('changes_resolved').notNullable().defaultTo(false);
  });
  // Successful production deployments of a repository in time order: windows, previous
  // deployment and incident attribution all walk this index.
  await knex.raw(`
    CREATE INDEX insights_deployments_prod_idx
      ON insights_deployments (repository, succeeded_at, deployment_id)
      INCLUDE (sha)
      WHERE is_production AND succeeded_at IS NOT NULL`);
  await knex.raw(`
    CREATE INDEX insights_deployments_prod_time_idx
      ON insights_deployments (succeeded_at)
      WHERE is_production AND succeeded_at IS NOT NULL`);

  await knex.schema.createTable('insights_commits', t => {
    t.text('repository').notNullable();
    t.text('sha').notNullable();
    t.timestamp('authored_at', { useTz: true }).notNullable();
    t.bigIncrements('seq', { primaryKey: false }).comment(
      'order seen on the default branch',
    );
    t.primary(['repository', 'sha']);
    t.index(['repository', 'seq'], 'insights_commits_repo_seq_idx');
  });

  await knex.schema.createTable('insights_deployment_changes', t => {
    t.bigInteger('deployment_id')
      .notNullable()
      .references('deployment_id')
      .inTable('insights_deployments')
      .onDelete('CASCADE');
    t.text('sha').notNullable();
    t.timestamp('authored_at', { useTz: true }).notNullable();
    t.primary(['deployment_id', 'sha']);
  });

  await knex.schema.createTable('insights_incidents', t => {
    t.bigInteger('issue_id').primary();
    t.text('repository').notNullable();
    t.integer('number').notNullable();
    t.text('title').notNullable();
    t.specificType('labels', 'text[]').notNullable();
    t.boolean('is_incident').notNullable();
    t.timestamp('opened_at', { useTz: true }).notNullable();
    t.timestamp('closed_at', { useTz: true });
  });
  await knex.raw(`
    CREATE INDEX insights_incidents_opened_idx
      ON insights_incidents (repository, opened_at) WHERE is_incident`);
  await knex.raw(`
    CREATE INDEX insights_incidents_closed_idx
      ON insights_incidents (repository, closed_at) WHERE is_incident AND closed_at IS NOT NULL`);

  await knex.schema.createTable('insights_pull_requests', t => {
    t.text('repository').notNullable();
    t.integer('number').notNullable();
    t.timestamp('merged_at', { useTz: true }).notNullable();
    t.text('merge_commit_sha');
    t.primary(['repository', 'number']);
  });

  await knex.schema.createTable('insights_workflow_runs', t => {
    t.bigInteger('run_id').notNullable();
    t.integer('run_attempt').notNullable();
    t.text('repository').notNullable();
    t.text('name');
    t.text('status');
    t.text('conclusion');
    t.timestamp('updated_at', { useTz: true }).notNullable();
    t.primary(['run_id', 'run_attempt']);
    t.index(['repository'], 'insights_workflow_runs_repo_idx');
  });

  await knex.schema.createTable('insights_survey_answers', t => {
    t.text('user_ref').notNullable();
    t.text('quarter').notNullable();
    t.specificType('nps', 'smallint').notNullable();
    t.specificType('satisfaction', 'smallint').notNullable();
    t.text('comment');
    t.specificType('teams', 'text[]').notNullable();
    t.timestamp('answered_at', { useTz: true }).notNullable();
    t.primary(['user_ref', 'quarter']);
  });
  await knex.raw(`ALTER TABLE insights_survey_answers
    ADD CONSTRAINT insights_survey_nps_range CHECK (nps BETWEEN 0 AND 10),
    ADD CONSTRAINT insights_survey_satisfaction_range CHECK (satisfaction BETWEEN 1 AND 5)`);
  await knex.raw(
    'CREATE INDEX insights_survey_teams_idx ON insights_survey_answers USING gin (teams)',
  );

  await knex.schema.createTable('insights_backfill_repositories', t => {
    t.text('repository').primary();
    t.jsonb('etags').notNullable().defaultTo('{}');
    t.timestamp('issues_since', { useTz: true });
    t.timestamp('synced_at', { useTz: true });
    t.integer('synced_run');
    t.text('last_error');
  });

  await knex.schema.createTable('insights_backfill_runs', t => {
    t.increments('id');
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('finished_at', { useTz: true });
    t.integer('repositories_total').notNullable();
    t.integer('repositories_done').notNullable().defaultTo(0);
    t.jsonb('errors').notNullable().defaultTo('[]');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'insights_backfill_runs',
    'insights_backfill_repositories',
    'insights_survey_answers',
    'insights_workflow_runs',
    'insights_pull_requests',
    'insights_incidents',
    'insights_deployment_changes',
    'insights_commits',
    'insights_deployments',
    'insights_github_events',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
};
