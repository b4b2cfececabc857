/**
 * What a Kubernetes Deployment says about the version it runs and its rollout, and whether that
 * agrees with the deployment GitHub recorded. Pure: the backend reads the objects, these rules
 * decide.
 */

/** The fields of an apps/v1 Deployment the rules read. */
export type ObservedDeployment = {
  /** metadata.generation and status.observedGeneration. */
  generation?: number;
  observedGeneration?: number;
  /** spec.replicas (Kubernetes defaults it to 1). */
  desiredReplicas?: number;
  /** status.replicas, updatedReplicas, readyReplicas, availableReplicas. */
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  /** status.conditions of type Progressing. */
  progressing?: { status: string; reason?: string };
};

export type RolloutState = 'complete' | 'progressing' | 'failed';

/**
 * The rollout's state, by the rules of `kubectl rollout status`: failed when the Progressing
 * condition says the deadline passed; progressing while the controller has not seen the latest
 * spec, fewer replicas than desired are updated, old replicas are still running, or updated
 * ones are not yet available; complete otherwise.
 */
export function rolloutState(deployment: ObservedDeployment): RolloutState {
  if (deployment.progressing?.reason === 'ProgressDeadlineExceeded') {
    return 'failed';
  }
  const desired = deployment.desiredReplicas ?? 1;
  const updated = deployment.updatedReplicas ?? 0;
  if (
    (deployment.generation ?? 0) > (deployment.observedGeneration ?? 0) ||
    updated < desired ||
    (deployment.replicas ?? 0) > updated ||
    (deployment.availableReplicas ?? 0) < updated
  ) {
    return 'progressing';
  }
  return 'complete';
}

/**
 * The tag of an image reference (`registry:5000/team/app:1a2b3c` → `1a2b3c`), or undefined
 * when it has none (`app`, `app@sha256:…`). A port in the registry is not a tag.
 */
export function imageTag(image: string | undefined): string | undefined {
  if (!image) return undefined;
  const withoutDigest = image.split('@')[0];
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon < 0) return undefined;
  const tag = lastSegment.slice(colon + 1);
  return tag.length > 0 ? tag : undefined;
}

/**
 * The version a Deployment runs: its `app.kubernetes.io/version` label when set, else the tag of
 * its first container's image (the golden paths tag images with the commit SHA).
 */
export function runningVersionOf(
  versionLabel: string | undefined,
  image: string | undefined,
): string | undefined {
  return versionLabel || imageTag(image);
}

/** A commit SHA shortened as git shows it (7 characters); anything else as it is. */
export function shortVersion(version: string): string {
  return /^[0-9a-f]{40}$/i.test(version) ? version.slice(0, 7) : version;
}

/**
 * Whether a version the cluster runs is the recorded commit: the same string (case ignored),
 * or a commit abbreviation of at least 7 hex characters that the other starts with.
 */
export function sameVersion(clusterVersion: string, recorded: string): boolean {
  const a = clusterVersion.toLocaleLowerCase('en-US');
  const b = recorded.toLocaleLowerCase('en-US');
  if (a === b) return true;
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  return /^[0-9a-f]{7,}$/.test(shorter) && /^[0-9a-f]+$/.test(longer)
    ? longer.startsWith(shorter)
    : false;
}

export type VersionComparison =
  | { state: 'matches' }
  | { state: 'differs'; message: string }
  /** Nothing to compare: no recorded deployment, or no version read from the cluster. */
  | { state: 'unknown' };

/**
 * The cluster's versions (one per Deployment found) against the commit of the last deployment
 * GitHub recorded. Differs when any Deployment runs something else, with the sentence the page
 * shows: "cluster runs 1a2b3c4, last deployment recorded 4d5e6f7".
 */
export function compareWithRecorded(
  clusterVersions: Array<string | undefined>,
  recordedSha: string | undefined,
): VersionComparison {
  const known = [...new Set(clusterVersions.filter((v): v is string => !!v))];
  if (!recordedSha || known.length === 0) return { state: 'unknown' };
  const other = known.filter(v => !sameVersion(v, recordedSha));
  if (other.length === 0) return { state: 'matches' };
  return {
    state: 'differs',
    message: `cluster runs ${known
      .map(shortVersion)
      .join(', ')}, last deployment recorded ${shortVersion(recordedSha)}`,
  };
}
