// @ts-check

/**
 * What keeps GitHub ingestion correct under replays, reordering and failing repositories.
 *
 * - `insights_github_events.body_sha256`: the SHA-256 of a delivery's raw body, unique, so a
 *   signed body sent again under a new delivery id is recognised as the same event. Deliveries
 *   stored before have none (their raw bytes were not kept).
 * - `insights_github_events.payload` may be null: the retention cleanup removes payloads older
 *   than `insights.webhooks.retentionDays` and keeps the row, whose delivery id and body hash
 *   still recognise a replay.
 * - `insights_incidents.updated_at`: the issue's own `updated_at`; an upsert from an older
 *   event (or an older backfill page) does not overwrite a newer state.
 * - `insights_backfill_repositories.failed_attempts` / `next_attempt_at`: a repository that
 *   failed waits, with exponential backoff, instead of being first again at every run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('insights_github_events', t => {
    t.text('body_sha256').comment('hex SHA-256 of the raw body');
    t.unique(['body_sha256'], {
      indexName: 'insights_github_events_body_sha256_key',
    });
  });
  await knex.raw(
    'ALTER TABLE insights_github_events ALTER COLUMN payload DROP NOT NULL',
  );
  await knex.raw(`
    CREATE INDEX insights_github_events_retention_idx
      ON insights_github_events (received_at) WHERE payload IS NOT NULL`);

  await knex.schema.alterTable('insights_incidents', t => {
    t.timestamp('updated_at', { useTz: true }).comment(
      "the issue's updated_at; null for rows stored before it was kept",
    );
  });

  await knex.schema.alterTable('insights_backfill_repositories', t => {
    t.integer('failed_attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).comment(
      'a failed repository is not tried before this time',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('insights_backfill_repositories', t => {
    t.dropColumn('next_attempt_at');
    t.dropColumn('failed_attempts');
  });
  await knex.schema.alterTable('insights_incidents', t => {
    t.dropColumn('updated_at');
  });
  await knex.raw('DROP INDEX IF EXISTS insights_github_events_retention_idx');
  // Rows whose payload the cleanup removed cannot hold NOT NULL again.
  await knex('insights_github_events').whereNull('payload').delete();
  await knex.raw(
    'ALTER TABLE insights_github_events ALTER COLUMN payload SET NOT NULL',
  );
  await knex.schema.alterTable('insights_github_events', t => {
    t.dropUnique(['body_sha256'], 'insights_github_events_body_sha256_key');
    t.dropColumn('body_sha256');
  });
};
