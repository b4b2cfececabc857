// @ts-check

/**
 * Change resolution runs inside PostgreSQL: resolving a deployment's changes takes several
 * small lookups, and as one function call (whose plans the server caches per connection) a
 * webhook delivery costs two statements instead of a dozen round trips.
 * See docs/decisions/insights-ingestion.md.
 *
 * insights_resolve_changes(id): the changes of a successful production deployment are the
 * default-branch commits after the previous successful production deployment's commit, up to
 * and including its own. Known only when both commits are stored; otherwise nothing changes
 * and the deployment stays unresolved. Returns whether it resolved.
 *
 * insights_deployment_succeeded(id, at): records a success (the earliest one counts), then
 * resolves the deployment and the production deployment that follows it, whose previous
 * deployment may have just changed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(`
CREATE OR REPLACE FUNCTION insights_resolve_changes(p_deployment_id bigint)
RETURNS boolean LANGUAGE plpgsql AS $fn$
DECLARE
  d record;
  v_high bigint;
  v_prev_sha text;
  v_low bigint := 0;
BEGIN
  SELECT deployment_id, repository, sha, succeeded_at INTO d
    FROM insights_deployments
   WHERE deployment_id = p_deployment_id AND is_production AND succeeded_at IS NOT NULL;
  IF NOT FOUND THEN RETURN false; END IF;

  SELECT seq INTO v_high FROM insights_commits
   WHERE repository = d.repository AND sha = d.sha;
  IF v_high IS NULL THEN RETURN false; END IF;

  SELECT p.sha INTO v_prev_sha FROM insights_deployments p
   WHERE p.repository = d.repository AND p.is_production AND p.succeeded_at IS NOT NULL
     AND (p.succeeded_at, p.deployment_id) < (d.succeeded_at, d.deployment_id)
   ORDER BY p.succeeded_at DESC, p.deployment_id DESC
   LIMIT 1;
  IF FOUND THEN
    SELECT seq INTO v_low FROM insights_commits
     WHERE repository = d.repository AND sha = v_prev_sha;
    IF v_low IS NULL THEN RETURN false; END IF;
  END IF;

  DELETE FROM insights_deployment_changes WHERE deployment_id = p_deployment_id;
  INSERT INTO insights_deployment_changes (deployment_id, sha, authored_at)
  SELECT p_deployment_id, c.sha, c.authored_at FROM insights_commits c
   WHERE c.repository = d.repository AND c.seq > v_low AND c.seq <= v_high;
  UPDATE insights_deployments SET changes_resolved = true
   WHERE deployment_id = p_deployment_id;
  RETURN true;
END
$fn$`);

  await knex.raw(`
CREATE OR REPLACE FUNCTION insights_deployment_succeeded(p_deployment_id bigint, p_at timestamptz)
RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  d record;
  v_next bigint;
BEGIN
  UPDATE insights_deployments SET succeeded_at = p_at
   WHERE deployment_id = p_deployment_id
     AND (succeeded_at IS NULL OR succeeded_at > p_at)
  RETURNING deployment_id, repository, is_production, succeeded_at INTO d;
  IF NOT FOUND OR NOT d.is_production THEN RETURN; END IF;

  PERFORM insights_resolve_changes(p_deployment_id);
  SELECT n.deployment_id INTO v_next FROM insights_deployments n
   WHERE n.repository = d.repository AND n.is_production AND n.succeeded_at IS NOT NULL
     AND (n.succeeded_at, n.deployment_id) > (d.succeeded_at, d.deployment_id)
   ORDER BY n.succeeded_at, n.deployment_id
   LIMIT 1;
  IF FOUND THEN PERFORM insights_resolve_changes(v_next); END IF;
END
$fn$`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw(
    'DROP FUNCTION IF EXISTS insights_deployment_succeeded(bigint, timestamptz)',
  );
  await knex.raw('DROP FUNCTION IF EXISTS insights_resolve_changes(bigint)');
};
