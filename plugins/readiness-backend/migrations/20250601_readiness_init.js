// @ts-check

/**
 * Saved readiness assessments: one row per assessment, its seven factor answers and its
 * maturity answers. Answers are deleted with their assessment.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_assessments', table => {
    table.comment(
      'A readiness and maturity assessment saved for a catalog Group',
    );
    table.uuid('id').primary();
    table
      .string('group_ref', 255)
      .notNullable()
      .comment('Entity ref of the Group');
    table.string('group_title', 255).notNullable();
    table.string('scope', 16).notNullable().comment('organisation or team');
    table
      .timestamp('assessed_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.string('author_ref', 255).notNullable();
    table.string('verdict', 16).notNullable();
    table.string('trajectory', 16).nullable();
    table.integer('platform_team_size').nullable();
    table.text('note').nullable();
    table.index(
      ['group_ref', 'assessed_at'],
      'readiness_assessments_group_idx',
    );
  });
  await knex.schema.raw(
    `ALTER TABLE readiness_assessments
       ADD CONSTRAINT readiness_assessments_verdict_check CHECK (verdict IN ('now','plan','wait','mixed')),
       ADD CONSTRAINT readiness_assessments_scope_check CHECK (scope IN ('organisation','team')),
       ADD CONSTRAINT readiness_assessments_trajectory_check CHECK (trajectory IS NULL OR trajectory IN ('growing','steady'))`,
  );

  await knex.schema.createTable('readiness_answers', table => {
    table.comment('The seven factor answers of an assessment');
    table
      .uuid('assessment_id')
      .notNullable()
      .references('id')
      .inTable('readiness_assessments')
      .onDelete('CASCADE');
    table.string('factor', 64).notNullable();
    table.string('colour', 8).notNullable();
    table
      .double('value')
      .nullable()
      .comment('The number given instead of a colour');
    table.string('source', 16).notNullable().comment('declared or measured');
    table.text('evidence').nullable();
    table.primary(['assessment_id', 'factor']);
  });
  await knex.schema.raw(
    `ALTER TABLE readiness_answers
       ADD CONSTRAINT readiness_answers_colour_check CHECK (colour IN ('green','yellow','red')),
       ADD CONSTRAINT readiness_answers_source_check CHECK (source IN ('declared','measured'))`,
  );

  await knex.schema.createTable('readiness_maturity_answers', table => {
    table.comment(
      'Maturity questionnaire answers of an assessment, level 1 to 4',
    );
    table
      .uuid('assessment_id')
      .notNullable()
      .references('id')
      .inTable('readiness_assessments')
      .onDelete('CASCADE');
    table.string('question_id', 64).notNullable();
    table.string('aspect', 32).notNullable();
    table.smallint('level').notNullable();
    table.primary(['assessment_id', 'question_id']);
  });
  await knex.schema.raw(
    `ALTER TABLE readiness_maturity_answers
       ADD CONSTRAINT readiness_maturity_answers_level_check CHECK (level BETWEEN 1 AND 4)`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_maturity_answers');
  await knex.schema.dropTable('readiness_answers');
  await knex.schema.dropTable('readiness_assessments');
};
