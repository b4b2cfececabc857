// @ts-check

/**
 * The survey asks for the share of one's time spent on infrastructure and tooling (seed 004's
 * context switching factor): 0–100, null for answers given before the question existed or
 * left blank.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(`ALTER TABLE insights_survey_answers
    ADD COLUMN infrastructure_share smallint,
    ADD CONSTRAINT insights_survey_infrastructure_share_range
      CHECK (infrastructure_share BETWEEN 0 AND 100)`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw(
    'ALTER TABLE insights_survey_answers DROP COLUMN IF EXISTS infrastructure_share',
  );
};
