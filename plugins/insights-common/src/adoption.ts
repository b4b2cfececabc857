/** Annotation the scaffolder writes on entities created from a template (golden path). */
export const SOURCE_TEMPLATE_ANNOTATION = 'backstage.io/source-template';
export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
export const TECHDOCS_ANNOTATION = 'backstage.io/techdocs-ref';
export const KUBERNETES_ANNOTATION = 'backstage.io/kubernetes-id';

/** The part of a catalog component the adoption KPIs look at. */
export type ComponentFacts = {
  owner?: string;
  description?: string;
  system?: string;
  lifecycle?: string;
  annotations: Record<string, string | undefined>;
  /** Whether a GitHub Actions workflow run has been recorded for its repository. */
  hasWorkflowRuns: boolean;
};

export type PlatformBaseline = {
  owner: boolean;
  docs: boolean;
  ci: boolean;
  kubernetes: boolean;
};

/**
 * The platform baseline: an owner (`spec.owner`), docs (`backstage.io/techdocs-ref`), CI (a
 * `github.com/project-slug` repository with at least one recorded GitHub Actions workflow run)
 * and Kubernetes (`backstage.io/kubernetes-id`).
 */
export function platformBaseline(c: ComponentFacts): PlatformBaseline {
  return {
    owner: Boolean(c.owner),
    docs: Boolean(c.annotations[TECHDOCS_ANNOTATION]),
    ci: Boolean(c.annotations[PROJECT_SLUG_ANNOTATION]) && c.hasWorkflowRuns,
    kubernetes: Boolean(c.annotations[KUBERNETES_ANNOTATION]),
  };
}

/** On the platform: created from a golden path, or meeting all four baseline criteria. */
export function isOnPlatform(c: ComponentFacts): boolean {
  if (c.annotations[SOURCE_TEMPLATE_ANNOTATION]) return true;
  const b = platformBaseline(c);
  return b.owner && b.docs && b.ci && b.kubernetes;
}

/** Catalog fields counted by completeness. */
export const COMPLETENESS_FIELDS = [
  'description',
  'owner',
  'system',
  'lifecycle',
  'docs',
  'repository',
] as const;

/** Share (0–1) of the six completeness fields a component fills. */
export function catalogCompleteness(c: ComponentFacts): number {
  const filled = [
    Boolean(c.description),
    Boolean(c.owner),
    Boolean(c.system),
    Boolean(c.lifecycle),
    Boolean(c.annotations[TECHDOCS_ANNOTATION]),
    Boolean(c.annotations[PROJECT_SLUG_ANNOTATION]),
  ].filter(Boolean).length;
  return filled / COMPLETENESS_FIELDS.length;
}

/** numerator ÷ denominator, null when the denominator is 0. */
export function share(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Self-service completion rate: succeeded ÷ finished (succeeded + failed + cancelled) tasks. */
export function selfServiceCompletionRate(
  succeeded: number,
  finished: number,
): number | null {
  return share(succeeded, finished);
}

/**
 * A team uses the platform when at least one component it owns is on the platform.
 * Returns the share of teams (owning at least one component) that do.
 */
export function teamAdoption(
  onPlatformByTeam: ReadonlyMap<string, ReadonlyArray<boolean>>,
): { teams: number; onPlatform: number; share: number | null } {
  let teams = 0;
  let onPlatform = 0;
  for (const flags of onPlatformByTeam.values()) {
    if (flags.length === 0) continue;
    teams += 1;
    if (flags.some(Boolean)) onPlatform += 1;
  }
  return { teams, onPlatform, share: share(onPlatform, teams) };
}

/** `owner/repo` from a scaffolder `repoUrl` such as `github.com?owner=acme&repo=cart`. */
export function repositoryFromRepoUrl(
  repoUrl: string | undefined,
): string | undefined {
  if (!repoUrl) return undefined;
  const query = repoUrl.split('?')[1];
  if (!query) return undefined;
  const params = new URLSearchParams(query);
  const owner = params.get('owner');
  const repo = params.get('repo');
  return owner && repo
    ? `${owner}/${repo}`.toLocaleLowerCase('en-US')
    : undefined;
}
