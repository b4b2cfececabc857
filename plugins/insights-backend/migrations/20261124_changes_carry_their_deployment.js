// @ts-check

/**
 * Each change carries its deployment's repository and time, and its lead time, so lead times
 * are read from one index instead of joining every deployment of a window to its changes.
 * See docs/decisions/insights-lead-time-storage.md.
 *
 * - `deployed_at`: the success time of the change's deployment when that is a successful
 *   production deployment, otherwise null (the change then counts nowhere).
 * - `lead_hours`, `deployed_week` (Monday 00:00 UTC): derived from it by PostgreSQL.
 *
 * Triggers keep the copy exact whichever path writes: a change takes its deployment's values
 * when inserted, and a deployment whose repository, production flag or success time changes
 * (an earlier success, a new production pattern) passes them on to its changes.
 *
 * Indexes: (repository, deployed_at) for a component's or a team's window; lead_hours first
 * and (deployed_week, lead_hours) so the organisation's percentiles read values in order and
 * PostgreSQL's sort has nothing left to do.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(`
    ALTER TABLE insights_deployment_changes
      ADD COLUMN repository text,
      ADD COLUMN deployed_at timestamptz,
      ADD COLUMN lead_hours double precision
        GENERATED ALWAYS AS (date_part('epoch', deployed_at - authored_at) / 3600.0) STORED,
      ADD COLUMN deployed_week timestamptz
        GENERATED ALWAYS AS (
          date_trunc('week', deployed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') STORED`);
  await knex.raw(`
    UPDATE insights_deployment_changes c
       SET repository = d.repository,
           deployed_at = CASE WHEN d.is_production THEN d.succeeded_at END
      FROM insights_deployments d
     WHERE d.deployment_id = c.deployment_id`);

  await knex.raw(`
CREATE FUNCTION insights_change_takes_deployment() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  SELECT d.repository, CASE WHEN d.is_production THEN d.succeeded_at END
    INTO NEW.repository, NEW.deployed_at
    FROM insights_deployments d WHERE d.deployment_id = NEW.deployment_id;
  RETURN NEW;
END
$fn$`);
  await knex.raw(`
    CREATE TRIGGER insights_change_takes_deployment
      BEFORE INSERT OR UPDATE OF deployment_id ON insights_deployment_changes
      FOR EACH ROW EXECUTE FUNCTION insights_change_takes_deployment()`);

  await knex.raw(`
CREATE FUNCTION insights_deployment_passes_to_changes() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE insights_deployment_changes
     SET repository = NEW.repository,
         deployed_at = CASE WHEN NEW.is_production THEN NEW.succeeded_at END
   WHERE deployment_id = NEW.deployment_id;
  RETURN NULL;
END
$fn$`);
  await knex.raw(`
    CREATE TRIGGER insights_deployment_passes_to_changes
      AFTER UPDATE OF repository, is_production, succeeded_at ON insights_deployments
      FOR EACH ROW
      WHEN (OLD.repository IS DISTINCT FROM NEW.repository
        OR OLD.is_production IS DISTINCT FROM NEW.is_production
        OR OLD.succeeded_at IS DISTINCT FROM NEW.succeeded_at)
      EXECUTE FUNCTION insights_deployment_passes_to_changes()`);

  await knex.raw(`
    CREATE INDEX insights_changes_repository_idx
      ON insights_deployment_changes (repository, deployed_at) INCLUDE (lead_hours)
      WHERE deployed_at IS NOT NULL`);
  await knex.raw(`
    CREATE INDEX insights_changes_lead_idx
      ON insights_deployment_changes (lead_hours) INCLUDE (repository, deployed_at)
      WHERE deployed_at IS NOT NULL AND lead_hours > 0`);
  await knex.raw(`
    CREATE INDEX insights_changes_week_idx
      ON insights_deployment_changes (deployed_week, lead_hours) INCLUDE (repository)
      WHERE deployed_at IS NOT NULL AND lead_hours > 0`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw(
    'DROP TRIGGER IF EXISTS insights_deployment_passes_to_changes ON insights_deployments',
  );
  await knex.raw(
    'DROP TRIGGER IF EXISTS insights_change_takes_deployment ON insights_deployment_changes',
  );
  await knex.raw(
    'DROP FUNCTION IF EXISTS insights_deployment_passes_to_changes()',
  );
  await knex.raw('DROP FUNCTION IF EXISTS insights_change_takes_deployment()');
  await knex.raw(`
    ALTER TABLE insights_deployment_changes
      DROP COLUMN deployed_week, DROP COLUMN lead_hours,
      DROP COLUMN deployed_at, DROP COLUMN repository`);
};
