// @ts-check

/**
 * The date each team adopted the platform, where the platform team sets it (otherwise the
 * before/after comparison takes the creation of the team's first golden-path service). One row
 * per team; who set it and when, for the record.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('insights_team_adoption_dates', t => {
    t.text('team_ref').primary().comment('group entity ref');
    t.timestamp('adopted_at', { useTz: true }).notNullable();
    t.text('set_by').notNullable().comment('user entity ref');
    t.timestamp('set_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('insights_team_adoption_dates');
};
