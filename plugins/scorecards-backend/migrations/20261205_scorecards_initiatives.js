// @ts-check

/**
 * Initiatives ("every production service at silver by the end of Q2") and the notices sent to
 * the owners of the services they cover, one per initiative, service and kind of notice.
 * Progress is not stored: it is computed from scorecard_level_history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_initiatives', table => {
    table.comment(
      'Initiatives: covered services, target level and share, deadline',
    );
    table.uuid('id').primary();
    table.string('title', 200).notNullable();
    table.text('description').notNullable();
    table
      .string('owner_ref', 255)
      .notNullable()
      .comment('The leading team, normalised, lower-case');
    table
      .jsonb('applies_to')
      .notNullable()
      .comment('kind, type, lifecycle, tags: as a check filter');
    table.string('target_level', 40).notNullable();
    table
      .double('target_share')
      .notNullable()
      .comment('Share of covered services at the target level, in (0, 1]');
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('deadline', { useTz: true }).notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('scorecard_initiative_notices', table => {
    table.comment(
      'Notices sent to the owner of a covered service: once per initiative, service and kind',
    );
    table
      .uuid('initiative_id')
      .notNullable()
      .references('id')
      .inTable('scorecard_initiatives')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table
      .string('kind', 16)
      .notNullable()
      .comment('started, behind or deadline');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['initiative_id', 'entity_ref', 'kind']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_initiative_notices');
  await knex.schema.dropTable('scorecard_initiatives');
};
