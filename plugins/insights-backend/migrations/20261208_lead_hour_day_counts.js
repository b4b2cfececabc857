// @ts-check

/**
 * Lead times counted per UTC day as well as per week: `insights_lead_hour_day_counts` keeps, per
 * day of deployment and whole hour of lead time (`insights_lead_hour`), how many counted changes
 * there are, as appended deltas a trigger writes and `insights_fold_counts()` folds, like the
 * weekly histogram of 20261125_dora_counts.js.
 *
 * A window's lead-time histogram then comes from its whole days: only the changes of its
 * partial first and last days are read row by row, where the weekly counts left up to six days
 * at each end to read (about 70,000 changes of a quarter for an organisation of 1,000
 * services). The weekly histogram stays for the weekly medians. An index of the incidents by
 * the time they were closed serves a window's restores. See
 * docs/decisions/insights-dora-at-scale.md.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(`
    CREATE TABLE insights_lead_hour_day_counts (
      day date NOT NULL,
      hour integer NOT NULL,
      changes integer NOT NULL
    )`);
  await knex.raw(`
    CREATE INDEX insights_lead_hour_day_counts_idx
      ON insights_lead_hour_day_counts (day, hour) INCLUDE (changes)`);

  // The incidents closed in a window, by time, with what a window's count and median time to
  // restore read: an organisation's quarter is one range of this index, where the index by
  // repository took one probe per repository and PostgreSQL preferred to read every incident.
  await knex.raw(`
    CREATE INDEX insights_incidents_closed_at_idx
      ON insights_incidents (closed_at) INCLUDE (repository, restore_hours)
      WHERE is_incident AND closed_at IS NOT NULL`);

  // As the weekly trigger: the old row's key with -1, the new row's with +1, when they count;
  // lead_hours follows deployed_at and authored_at.
  await knex.raw(`
CREATE FUNCTION insights_count_change_day() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.deployed_at IS NOT NULL AND OLD.lead_hours > 0 THEN
      INSERT INTO insights_lead_hour_day_counts VALUES (
        (OLD.deployed_at AT TIME ZONE 'UTC')::date, insights_lead_hour(OLD.lead_hours), -1);
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW.deployed_at IS NOT NULL AND NEW.lead_hours > 0 THEN
      INSERT INTO insights_lead_hour_day_counts VALUES (
        (NEW.deployed_at AT TIME ZONE 'UTC')::date, insights_lead_hour(NEW.lead_hours), 1);
    END IF;
  END IF;
  RETURN NULL;
END
$fn$`);
  await knex.raw(`
    CREATE TRIGGER insights_count_change_day
      AFTER INSERT OR DELETE ON insights_deployment_changes
      FOR EACH ROW EXECUTE FUNCTION insights_count_change_day()`);
  await knex.raw(`
    CREATE TRIGGER insights_count_change_day_update
      AFTER UPDATE ON insights_deployment_changes
      FOR EACH ROW
      WHEN (OLD.deployed_at IS DISTINCT FROM NEW.deployed_at
        OR OLD.authored_at IS DISTINCT FROM NEW.authored_at)
      EXECUTE FUNCTION insights_count_change_day()`);

  await knex.raw(`
CREATE OR REPLACE FUNCTION insights_fold_counts() RETURNS void
LANGUAGE sql AS $fn$
  WITH folded AS (DELETE FROM insights_deployment_day_counts RETURNING day, deployments)
  INSERT INTO insights_deployment_day_counts
    SELECT day, sum(deployments) FROM folded GROUP BY day HAVING sum(deployments) <> 0;
  WITH folded AS (DELETE FROM insights_lead_hour_counts RETURNING week, hour, changes)
  INSERT INTO insights_lead_hour_counts
    SELECT week, hour, sum(changes) FROM folded
    GROUP BY week, hour HAVING sum(changes) <> 0;
  WITH folded AS (DELETE FROM insights_lead_hour_day_counts RETURNING day, hour, changes)
  INSERT INTO insights_lead_hour_day_counts
    SELECT day, hour, sum(changes) FROM folded
    GROUP BY day, hour HAVING sum(changes) <> 0;
  WITH folded AS (DELETE FROM insights_restore_hour_counts RETURNING week, hour, incidents)
  INSERT INTO insights_restore_hour_counts
    SELECT week, hour, sum(incidents) FROM folded
    GROUP BY week, hour HAVING sum(incidents) <> 0;
$fn$`);

  await knex.raw(`
    INSERT INTO insights_lead_hour_day_counts
      SELECT (deployed_at AT TIME ZONE 'UTC')::date, insights_lead_hour(lead_hours), count(*)
      FROM insights_deployment_changes
      WHERE deployed_at IS NOT NULL AND lead_hours > 0 GROUP BY 1, 2`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw(`
CREATE OR REPLACE FUNCTION insights_fold_counts() RETURNS void
LANGUAGE sql AS $fn$
  WITH folded AS (DELETE FROM insights_deployment_day_counts RETURNING day, deployments)
  INSERT INTO insights_deployment_day_counts
    SELECT day, sum(deployments) FROM folded GROUP BY day HAVING sum(deployments) <> 0;
  WITH folded AS (DELETE FROM insights_lead_hour_counts RETURNING week, hour, changes)
  INSERT INTO insights_lead_hour_counts
    SELECT week, hour, sum(changes) FROM folded
    GROUP BY week, hour HAVING sum(changes) <> 0;
  WITH folded AS (DELETE FROM insights_restore_hour_counts RETURNING week, hour, incidents)
  INSERT INTO insights_restore_hour_counts
    SELECT week, hour, sum(incidents) FROM folded
    GROUP BY week, hour HAVING sum(incidents) <> 0;
$fn$`);
  await knex.raw(
    'DROP TRIGGER IF EXISTS insights_count_change_day_update ON insights_deployment_changes',
  );
  await knex.raw(
    'DROP TRIGGER IF EXISTS insights_count_change_day ON insights_deployment_changes',
  );
  await knex.raw('DROP FUNCTION IF EXISTS insights_count_change_day()');
  await knex.raw('DROP TABLE IF EXISTS insights_lead_hour_day_counts');
  await knex.raw('DROP INDEX IF EXISTS insights_incidents_closed_at_idx');
};
