// @ts-check

/**
 * What the organisation's DORA summary needs at 5 million deployments a year (see
 * docs/decisions/insights-dora-at-scale.md).
 *
 * - Each incident carries the deployment it is attributed to: the latest successful production
 *   deployment of its repository at or before its opening (ties on time: the higher deployment
 *   id), in `deployment_id` and that deployment's success time in `deployed_at`, both null when
 *   there is none. The summary's failed deployments are then read from the incidents alone,
 *   instead of one index probe per incident.
 * - Triggers keep them exact whichever path writes: an incident takes its deployment when it is
 *   inserted or its repository or opening moves; a deployment that starts counting takes the
 *   incidents opened from its success until the next counted deployment of its repository, and
 *   the incidents of one that stops counting or moves are attributed again.
 * - `insights_changes_week_idx` also carries `deployed_at`, so reading a week's lead times (the
 *   organisation's weekly medians, the window's partial weeks) never visits the table.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(`
    ALTER TABLE insights_incidents
      ADD COLUMN deployment_id bigint,
      ADD COLUMN deployed_at timestamptz`);
  await knex.raw(`COMMENT ON COLUMN insights_incidents.deployment_id IS
    'the latest successful production deployment of the repository at or before opened_at'`);

  // The attribution rule, in one place: the deployment an incident of `repository` opened at
  // `opened` belongs to.
  await knex.raw(`
CREATE FUNCTION insights_attributed_deployment(repository text, opened timestamptz,
  OUT deployment_id bigint, OUT deployed_at timestamptz)
LANGUAGE sql STABLE AS $fn$
  SELECT d.deployment_id, d.succeeded_at FROM insights_deployments d
  WHERE d.repository = $1 AND d.is_production AND d.succeeded_at IS NOT NULL
    AND d.succeeded_at <= $2
  ORDER BY d.succeeded_at DESC, d.deployment_id DESC
  LIMIT 1
$fn$`);

  await knex.raw(`
CREATE FUNCTION insights_incident_takes_deployment() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  SELECT a.deployment_id, a.deployed_at INTO NEW.deployment_id, NEW.deployed_at
    FROM insights_attributed_deployment(NEW.repository, NEW.opened_at) a;
  RETURN NEW;
END
$fn$`);
  await knex.raw(`
    CREATE TRIGGER insights_incident_takes_deployment
      BEFORE INSERT OR UPDATE OF repository, opened_at ON insights_incidents
      FOR EACH ROW EXECUTE FUNCTION insights_incident_takes_deployment()`);

  await knex.raw(`
CREATE FUNCTION insights_deployment_takes_incidents() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  v_next timestamptz;
BEGIN
  -- A deployment that counted: its incidents go to whichever deployment now precedes them.
  IF TG_OP <> 'INSERT' AND OLD.is_production AND OLD.succeeded_at IS NOT NULL THEN
    UPDATE insights_incidents i SET (deployment_id, deployed_at) =
      (SELECT a.deployment_id, a.deployed_at
         FROM insights_attributed_deployment(i.repository, i.opened_at) a)
     WHERE i.deployment_id = OLD.deployment_id;
  END IF;
  -- A deployment that counts: the incidents opened from its success until the next counted
  -- deployment of its repository (in time, then id, order) are its own.
  IF TG_OP <> 'DELETE' AND NEW.is_production AND NEW.succeeded_at IS NOT NULL THEN
    SELECT d.succeeded_at INTO v_next FROM insights_deployments d
     WHERE d.repository = NEW.repository AND d.is_production AND d.succeeded_at IS NOT NULL
       AND (d.succeeded_at, d.deployment_id) > (NEW.succeeded_at, NEW.deployment_id)
     ORDER BY d.succeeded_at, d.deployment_id
     LIMIT 1;
    UPDATE insights_incidents
       SET deployment_id = NEW.deployment_id, deployed_at = NEW.succeeded_at
     WHERE repository = NEW.repository AND opened_at >= NEW.succeeded_at
       AND (v_next IS NULL OR opened_at < v_next)
       AND (deployment_id IS DISTINCT FROM NEW.deployment_id
         OR deployed_at IS DISTINCT FROM NEW.succeeded_at);
  END IF;
  RETURN NULL;
END
$fn$`);
  await knex.raw(`
    CREATE TRIGGER insights_deployment_takes_incidents
      AFTER INSERT OR DELETE ON insights_deployments
      FOR EACH ROW EXECUTE FUNCTION insights_deployment_takes_incidents()`);
  await knex.raw(`
    CREATE TRIGGER insights_deployment_takes_incidents_update
      AFTER UPDATE OF repository, is_production, succeeded_at ON insights_deployments
      FOR EACH ROW
      WHEN (OLD.repository IS DISTINCT FROM NEW.repository
        OR OLD.is_production IS DISTINCT FROM NEW.is_production
        OR OLD.succeeded_at IS DISTINCT FROM NEW.succeeded_at)
      EXECUTE FUNCTION insights_deployment_takes_incidents()`);

  await knex.raw(`
    UPDATE insights_incidents i SET (deployment_id, deployed_at) =
      (SELECT a.deployment_id, a.deployed_at
         FROM insights_attributed_deployment(i.repository, i.opened_at) a)`);
  // A deployment's incidents, when it stops counting.
  await knex.raw(`
    CREATE INDEX insights_incidents_deployment_idx
      ON insights_incidents (deployment_id) WHERE deployment_id IS NOT NULL`);
  // Incidents by repository and opening, whatever their labels (a deployment that counts takes
  // the non-incident issues too, so a relabelled issue is attributed already).
  await knex.raw(`
    CREATE INDEX insights_incidents_repository_opened_idx
      ON insights_incidents (repository, opened_at)`);

  await knex.raw('DROP INDEX insights_changes_week_idx');
  await knex.raw(`
    CREATE INDEX insights_changes_week_idx
      ON insights_deployment_changes (deployed_week, lead_hours) INCLUDE (repository, deployed_at)
      WHERE deployed_at IS NOT NULL AND lead_hours > 0`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX insights_changes_week_idx');
  await knex.raw(`
    CREATE INDEX insights_changes_week_idx
      ON insights_deployment_changes (deployed_week, lead_hours) INCLUDE (repository)
      WHERE deployed_at IS NOT NULL AND lead_hours > 0`);
  await knex.raw(
    'DROP TRIGGER IF EXISTS insights_deployment_takes_incidents_update ON insights_deployments',
  );
  await knex.raw(
    'DROP TRIGGER IF EXISTS insights_deployment_takes_incidents ON insights_deployments',
  );
  await knex.raw(
    'DROP TRIGGER IF EXISTS insights_incident_takes_deployment ON insights_incidents',
  );
  await knex.raw(
    'DROP FUNCTION IF EXISTS insights_deployment_takes_incidents()',
  );
  await knex.raw(
    'DROP FUNCTION IF EXISTS insights_incident_takes_deployment()',
  );
  await knex.raw(
    'DROP FUNCTION IF EXISTS insights_attributed_deployment(text, timestamptz)',
  );
  await knex.raw(
    'DROP INDEX IF EXISTS insights_incidents_repository_opened_idx',
  );
  await knex.raw('DROP INDEX IF EXISTS insights_incidents_deployment_idx');
  await knex.raw(`
    ALTER TABLE insights_incidents DROP COLUMN deployed_at, DROP COLUMN deployment_id`);
};
