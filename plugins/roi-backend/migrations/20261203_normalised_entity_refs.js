// @ts-check

/**
 * Entity refs in one spelling (lower-case), as the plugin now writes them: an owner saved as
 * `user:default/Jane.Doe` is compared with the `user:default/jane.doe` of the permission
 * rules, in SQL too.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(`
    UPDATE roi_scenarios
       SET owner_ref = lower(owner_ref),
           updated_by = lower(updated_by),
           shared_with_groups = ARRAY(SELECT lower(g) FROM unnest(shared_with_groups) AS g)
     WHERE owner_ref <> lower(owner_ref)
        OR updated_by <> lower(updated_by)
        OR shared_with_groups::text <> lower(shared_with_groups::text)`);
  await knex.raw(`
    UPDATE roi_scenario_versions
       SET changed_by = lower(changed_by)
     WHERE changed_by <> lower(changed_by)`);
};

/** The original spelling is not kept; lower-case refs are valid refs. */
exports.down = async function down() {};
