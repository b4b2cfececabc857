// @ts-check

/**
 * The platform team's roadmap: items in seed 004's phases, developers' proposals, and one
 * vote per user and proposal (the primary key makes voting twice count once).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('roadmap_proposals', table => {
    table.comment('Proposals of developers for the roadmap, and the answers');
    table.uuid('id').primary();
    table.string('title', 200).notNullable();
    table.text('description').notNullable();
    table
      .string('proposer_ref', 255)
      .notNullable()
      .comment('The user who proposed it, told of the answer');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('open, planned, declined or done');
    table.string('decision_reason', 2000).nullable();
    table.string('answered_by', 255).nullable();
    table.timestamp('answered_at', { useTz: true }).nullable();
    table.index(['status'], 'roadmap_proposals_status_idx');
  });

  await knex.schema.createTable('roadmap_items', table => {
    table.comment('Items of the public roadmap of the platform team');
    table.uuid('id').primary();
    table.string('title', 200).notNullable();
    table.text('description').notNullable();
    table
      .smallint('phase')
      .notNullable()
      .comment('Phase of the seed 004 roadmap, 0 to 3');
    table
      .string('status', 16)
      .notNullable()
      .comment('planned, in-progress or done');
    table
      .string('target_quarter', 7)
      .notNullable()
      .comment('2027-Q1: sorts in time as text');
    table
      .jsonb('recommendations')
      .notNullable()
      .comment('Readiness recommendation ids, kind:choice');
    table
      .jsonb('initiatives')
      .notNullable()
      .comment('Scorecard initiatives: id and title when saved');
    table
      .uuid('proposal_id')
      .nullable()
      .unique()
      .references('id')
      .inTable('roadmap_proposals')
      .onDelete('SET NULL');
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.raw(
    'ALTER TABLE roadmap_items ADD CONSTRAINT roadmap_items_phase_check CHECK (phase BETWEEN 0 AND 3)',
  );

  await knex.schema.createTable('roadmap_votes', table => {
    table.comment('One vote per user and proposal');
    table
      .uuid('proposal_id')
      .notNullable()
      .references('id')
      .inTable('roadmap_proposals')
      .onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.timestamp('voted_at', { useTz: true }).notNullable();
    table.primary(['proposal_id', 'user_ref']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('roadmap_votes');
  await knex.schema.dropTable('roadmap_items');
  await knex.schema.dropTable('roadmap_proposals');
};
