// @ts-check

/**
 * Survey comments are stored apart from who wrote them: `insights_survey_comments` has no
 * author, no time and no link to an answer, and its rows get random ids. Existing comments are
 * moved there in random order, without their authors; the answers keep the scores (one
 * current answer per person and quarter, which is also the "has answered" state).
 * See docs/decisions/insights-survey-anonymity.md.
 *
 * Going down re-creates the `comment` column empty: a comment cannot be given back to its
 * author, by design.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(`
    CREATE TABLE insights_survey_comments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      quarter text NOT NULL,
      comment text NOT NULL
    )`);
  await knex.raw(
    'CREATE INDEX insights_survey_comments_quarter_idx ON insights_survey_comments (quarter)',
  );
  await knex.raw(`
    INSERT INTO insights_survey_comments (quarter, comment)
      SELECT quarter, comment FROM insights_survey_answers
       WHERE comment IS NOT NULL AND btrim(comment) <> ''
       ORDER BY random()`);
  await knex.schema.alterTable('insights_survey_answers', t => {
    t.dropColumn('comment');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('insights_survey_answers', t => {
    t.text('comment');
  });
  await knex.raw('DROP TABLE IF EXISTS insights_survey_comments');
};
