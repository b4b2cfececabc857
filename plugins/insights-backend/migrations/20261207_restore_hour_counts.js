// @ts-check

/**
 * Time to restore from counts, as lead time is (20261125_dora_counts.js): each incident carries
 * its restore time in hours and the week it was closed in (derived by PostgreSQL), and
 * `insights_restore_hour_counts` keeps, per closing week and whole hour of restore time, how
 * many incidents were restored, as appended deltas a trigger writes and
 * `insights_fold_counts()` folds. The organisation's median time to restore is then picked from
 * the histogram with two index reads instead of sorting every incident of the window. See
 * docs/decisions/insights-dora-at-scale.md.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(`
    ALTER TABLE insights_incidents
      ADD COLUMN restore_hours double precision
        GENERATED ALWAYS AS (date_part('epoch', closed_at - opened_at) / 3600.0) STORED,
      ADD COLUMN closed_week timestamptz
        GENERATED ALWAYS AS (
          date_trunc('week', closed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') STORED`);
  await knex.raw(`
    CREATE TABLE insights_restore_hour_counts (
      week timestamptz NOT NULL,
      hour integer NOT NULL,
      incidents integer NOT NULL
    )`);
  await knex.raw(`
    CREATE INDEX insights_restore_hour_counts_idx
      ON insights_restore_hour_counts (week, hour) INCLUDE (incidents)`);
  // The values of a histogram bucket, in order: for the window by restore time, for a week by
  // (week, restore time); each carries what the pick filters on.
  await knex.raw(`
    CREATE INDEX insights_incidents_restore_idx
      ON insights_incidents (restore_hours) INCLUDE (repository, closed_at)
      WHERE is_incident AND closed_at IS NOT NULL`);
  await knex.raw(`
    CREATE INDEX insights_incidents_restore_week_idx
      ON insights_incidents (closed_week, restore_hours) INCLUDE (repository, closed_at)
      WHERE is_incident AND closed_at IS NOT NULL`);

  // As the counts triggers of 20261125: the old row's key with -1, the new row's with +1, when
  // they count; restore_hours and closed_week follow opened_at and closed_at.
  await knex.raw(`
CREATE FUNCTION insights_count_restore() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.is_incident AND OLD.closed_at IS NOT NULL THEN
      INSERT INTO insights_restore_hour_counts
        VALUES (OLD.closed_week, insights_lead_hour(OLD.restore_hours), -1);
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW.is_incident AND NEW.closed_at IS NOT NULL THEN
      INSERT INTO insights_restore_hour_counts
        VALUES (NEW.closed_week, insights_lead_hour(NEW.restore_hours), 1);
    END IF;
  END IF;
  RETURN NULL;
END
$fn$`);
  await knex.raw(`
    CREATE TRIGGER insights_count_restore AFTER INSERT OR DELETE ON insights_incidents
      FOR EACH ROW EXECUTE FUNCTION insights_count_restore()`);
  await knex.raw(`
    CREATE TRIGGER insights_count_restore_update AFTER UPDATE ON insights_incidents
      FOR EACH ROW
      WHEN (OLD.is_incident IS DISTINCT FROM NEW.is_incident
        OR OLD.opened_at IS DISTINCT FROM NEW.opened_at
        OR OLD.closed_at IS DISTINCT FROM NEW.closed_at)
      EXECUTE FUNCTION insights_count_restore()`);

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

  await knex.raw(`
    INSERT INTO insights_restore_hour_counts
      SELECT closed_week, insights_lead_hour(restore_hours), count(*)
      FROM insights_incidents
      WHERE is_incident AND closed_at IS NOT NULL GROUP BY 1, 2`);
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
$fn$`);
  await knex.raw(
    'DROP TRIGGER IF EXISTS insights_count_restore_update ON insights_incidents',
  );
  await knex.raw(
    'DROP TRIGGER IF EXISTS insights_count_restore ON insights_incidents',
  );
  await knex.raw('DROP FUNCTION IF EXISTS insights_count_restore()');
  await knex.raw('DROP TABLE IF EXISTS insights_restore_hour_counts');
  await knex.raw('DROP INDEX IF EXISTS insights_incidents_restore_week_idx');
  await knex.raw('DROP INDEX IF EXISTS insights_incidents_restore_idx');
  await knex.raw(
    'ALTER TABLE insights_incidents DROP COLUMN closed_week, DROP COLUMN restore_hours',
  );
};
