// @ts-check

/** The golden-path counts per owner from the latest facts (as DatabaseScorecardStore counts). */
const GOLDEN_PATH_COUNTS = `
  select e.owner_ref, count(*)::int,
         (count(*) filter (where made.value = 'true'::jsonb))::int,
         (count(*) filter (where made.value = 'true'::jsonb
                             and behind.value = '0'::jsonb))::int
    from scorecard_entities e
    join scorecard_facts made
      on made.entity_ref = e.entity_ref
     and made.fact_id = 'goldenPath.createdFromTemplate'
     and jsonb_typeof(made.value) = 'boolean'
    left join scorecard_facts behind
      on behind.entity_ref = e.entity_ref
     and behind.fact_id = 'goldenPath.versionsBehind'
   where lower(e.kind) = 'component' and lower(e.type) = 'service'
   group by e.owner_ref`;

/**
 * The GitHub requests the scorecards make per repository per day (UTC), so the rate limit's use
 * can be read per repository: scheduled collections, webhook-driven ones, and each
 * organisation's list of repositories as `owner/*`. And two things the organisation summary
 * reads instead of scanning: the services per level per day of all owners together, and the
 * golden-path counts per owner (kept as the golden-path facts are written).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('scorecard_github_requests', table => {
    table.comment(
      'GitHub requests made by the scorecards per repository per day',
    );
    table.date('day').notNullable();
    table
      .string('repository', 255)
      .notNullable()
      .comment('owner/name in lower case; owner/* for the organisation list');
    table.integer('requests').notNullable();
    table.integer('collections').notNullable();
    table.primary(['day', 'repository']);
  });

  await knex.schema.createTable('scorecard_level_daily_totals', table => {
    table.comment(
      'Entities per level per day, all owners: scorecard_level_daily summed',
    );
    table.date('day').notNullable();
    table.string('level', 40).nullable();
    table.integer('entities').notNullable();
    table.index(['day'], 'scorecard_level_daily_totals_day_idx');
  });
  await knex.raw(
    `insert into scorecard_level_daily_totals (day, level, entities)
     select day, level, sum(entities)::int from scorecard_level_daily
      group by day, level`,
  );

  await knex.schema.createTable('scorecard_golden_path_counts', table => {
    table.comment(
      'Per owner: Component services with a collected goldenPath.createdFromTemplate, made from a golden path, on its latest version',
    );
    table.string('owner_ref', 255).nullable();
    table.integer('services').notNullable();
    table.integer('from_golden_path').notNullable();
    table.integer('on_latest_version').notNullable();
  });
  await knex.raw(`insert into scorecard_golden_path_counts
    (owner_ref, services, from_golden_path, on_latest_version) ${GOLDEN_PATH_COUNTS}`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('scorecard_golden_path_counts');
  await knex.schema.dropTable('scorecard_level_daily_totals');
  await knex.schema.dropTable('scorecard_github_requests');
};
