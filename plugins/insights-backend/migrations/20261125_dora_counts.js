// @ts-check

/**
 * A row trigger on `table` that appends to `into` the key of the old row with -1 and of the new
 * row with +1, each when it `counts`: on insert and delete, and on updates of the `watched`
 * columns (other updates leave both the same).
 *
 * @param {import('knex').Knex} knex
 * @param {{ name: string, table: string, counts: (row: string) => string, into: string,
 *   key: (row: string) => string, watched: string[] }} spec
 */
async function countTrigger(knex, { name, table, counts, into, key, watched }) {
  await knex.raw(`
CREATE FUNCTION ${name}() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF ${counts('OLD')} THEN
      INSERT INTO ${into} VALUES (${key('OLD')}, -1);
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF ${counts('NEW')} THEN
      INSERT INTO ${into} VALUES (${key('NEW')}, 1);
    END IF;
  END IF;
  RETURN NULL;
END
$fn$`);
  await knex.raw(`
    CREATE TRIGGER ${name} AFTER INSERT OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  await knex.raw(`
    CREATE TRIGGER ${name}_update AFTER UPDATE ON ${table}
      FOR EACH ROW
      WHEN (${watched
        .map(column => `OLD.${column} IS DISTINCT FROM NEW.${column}`)
        .join(' OR ')})
      EXECUTE FUNCTION ${name}()`);
}

/**
 * Counts that let a large scope's DORA summary skip reading every row of its window: successful
 * production deployments per UTC day, and changes per deployment week and whole hour of lead
 * time (a histogram from which the exact percentiles are then picked with two index reads).
 * See docs/decisions/insights-dora-counts.md.
 *
 * The counts are kept as appended deltas (+1, -1) rather than updated in place: a trigger that
 * incremented one row per day would make every concurrent writer of that day wait for the
 * others, and two writers taking days and weeks in different orders would deadlock. A sum over
 * a key is exact at any moment; `insights_fold_counts()` (run by a scheduled task) folds the
 * deltas into one row per key so the sums stay short, and is safe to run concurrently with
 * writers and with itself.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(`
    CREATE TABLE insights_deployment_day_counts (
      day date NOT NULL,
      deployments integer NOT NULL
    )`);
  await knex.raw(`
    CREATE INDEX insights_deployment_day_counts_idx
      ON insights_deployment_day_counts (day) INCLUDE (deployments)`);
  await knex.raw(`
    CREATE TABLE insights_lead_hour_counts (
      week timestamptz NOT NULL,
      hour integer NOT NULL,
      changes integer NOT NULL
    )`);
  await knex.raw(`
    CREATE INDEX insights_lead_hour_counts_idx
      ON insights_lead_hour_counts (week, hour) INCLUDE (changes)`);

  // A lead time's histogram bucket: its whole hours, the ones beyond a year in one bucket.
  // Bucket h holds exactly the lead times with h <= lead_hours < h + 1 (the last: >= 8760),
  // so a bucket's values are read from the lead-time indexes by range.
  await knex.raw(`
    CREATE FUNCTION insights_lead_hour(lead_hours double precision) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $fn$ SELECT least(floor(lead_hours), 8760)::integer $fn$`);

  await countTrigger(knex, {
    name: 'insights_count_deployment',
    table: 'insights_deployments',
    counts: row => `${row}.is_production AND ${row}.succeeded_at IS NOT NULL`,
    into: 'insights_deployment_day_counts',
    key: row => `(${row}.succeeded_at AT TIME ZONE 'UTC')::date`,
    watched: ['is_production', 'succeeded_at'],
  });
  // lead_hours and deployed_week are generated from deployed_at and authored_at.
  await countTrigger(knex, {
    name: 'insights_count_change',
    table: 'insights_deployment_changes',
    counts: row => `${row}.deployed_at IS NOT NULL AND ${row}.lead_hours > 0`,
    into: 'insights_lead_hour_counts',
    key: row => `${row}.deployed_week, insights_lead_hour(${row}.lead_hours)`,
    watched: ['deployed_at', 'authored_at'],
  });

  // Folding: the deltas a statement sees are deleted and their sums inserted, in one
  // statement per table. Deltas appended meanwhile are not in its snapshot and stay; a second
  // fold running at once skips the rows the first deleted.
  await knex.raw(`
CREATE FUNCTION insights_fold_counts() RETURNS void
LANGUAGE sql AS $fn$
  WITH folded AS (DELETE FROM insights_deployment_day_counts RETURNING day, deployments)
  INSERT INTO insights_deployment_day_counts
    SELECT day, sum(deployments) FROM folded GROUP BY day HAVING sum(deployments) <> 0;
  WITH folded AS (DELETE FROM insights_lead_hour_counts RETURNING week, hour, changes)
  INSERT INTO insights_lead_hour_counts
    SELECT week, hour, sum(changes) FROM folded
    GROUP BY week, hour HAVING sum(changes) <> 0;
$fn$`);

  await knex.raw(`
    INSERT INTO insights_deployment_day_counts
      SELECT (succeeded_at AT TIME ZONE 'UTC')::date, count(*) FROM insights_deployments
      WHERE is_production AND succeeded_at IS NOT NULL GROUP BY 1`);
  await knex.raw(`
    INSERT INTO insights_lead_hour_counts
      SELECT deployed_week, insights_lead_hour(lead_hours), count(*)
      FROM insights_deployment_changes
      WHERE deployed_at IS NOT NULL AND lead_hours > 0 GROUP BY 1, 2`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const [trigger, table] of [
    ['insights_count_deployment', 'insights_deployments'],
    ['insights_count_deployment_update', 'insights_deployments'],
    ['insights_count_change', 'insights_deployment_changes'],
    ['insights_count_change_update', 'insights_deployment_changes'],
  ]) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`);
  }
  for (const fn of [
    'insights_fold_counts()',
    'insights_count_change()',
    'insights_count_deployment()',
    'insights_lead_hour(double precision)',
  ]) {
    await knex.raw(`DROP FUNCTION IF EXISTS ${fn}`);
  }
  await knex.raw('DROP TABLE IF EXISTS insights_lead_hour_counts');
  await knex.raw('DROP TABLE IF EXISTS insights_deployment_day_counts');
};
