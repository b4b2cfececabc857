import { parse } from 'yaml';
import { compareVersions } from './versions';
import {
  TEMPLATE_ANNOTATION,
  TEMPLATE_VALUES_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
  TemplateValues,
} from './record';

/** How a repository without `.golden-path.json` came to have a template and version. */
export type AdoptionMethod = 'inferred' | 'stated';

/** The catalog entity's fields a golden path renders from. */
export type EntityFields = {
  name: string;
  description?: string;
  /** `group:default/payments-team` (a full ref, as the skeletons record it). */
  owner?: string;
  /** `system:default/checkout`. */
  system?: string;
};

/** Files of the repository's default branch that hold values the skeleton wrote out. */
export type RepositoryFiles = {
  'catalog-info.yaml'?: string;
  '.github/workflows/ci.yaml'?: string;
  'package.json'?: string;
};

export const VALUE_FILES = [
  'catalog-info.yaml',
  '.github/workflows/ci.yaml',
  'package.json',
] as const;

function documents(text: string | undefined): any[] {
  if (!text) return [];
  try {
    return text
      .split(/^---\s*$/m)
      .map(part => parse(part))
      .filter(d => d && typeof d === 'object');
  } catch {
    return [];
  }
}

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1).replace(/^[a-z]+:/, '');
}

/**
 * The values a golden path would have rendered this repository with, recovered from its
 * catalog entity and the files the skeleton wrote (every golden path writes the same value
 * names: see templates/<name>/template.yaml's fetch step):
 *
 * - name, description, owner, system: the entity (owner and system as full refs);
 * - ownerName: the owner ref's name;
 * - githubSlug, githubOrg: the `github.com/project-slug` annotation of the repository's
 *   catalog-info.yaml (empty on the local git host);
 * - image: `ghcr.io/<slug>` on GitHub, else `acme-retail/<name>`;
 * - database: the component depends on `resource:<name>-db`;
 * - environments: the CI workflow's `deploy-<environment>` jobs, in their order;
 * - npmScope: the `@scope` of package.json's name;
 * - whatever the repository's `acme.example/template-values` annotation still says wins
 *   over all of the above (repositories made from 1.1.0 before the record file existed).
 */
export function recoverValues(
  entity: EntityFields,
  files: RepositoryFiles,
): TemplateValues {
  const catalog = documents(files['catalog-info.yaml']);
  const component =
    catalog.find(d => d.kind === 'Component' && d.metadata) ?? catalog[0];
  const annotations: Record<string, string> =
    component?.metadata?.annotations ?? {};
  const slug = String(annotations['github.com/project-slug'] ?? '');
  const owner = entity.owner ?? String(component?.spec?.owner ?? '');
  const name = entity.name;
  const dependsOn: unknown[] = Array.isArray(component?.spec?.dependsOn)
    ? component.spec.dependsOn
    : [];
  const jobs = documents(files['.github/workflows/ci.yaml'])[0]?.jobs ?? {};
  const environments = Object.keys(jobs)
    .filter(job => job.startsWith('deploy-'))
    .map(job => job.slice('deploy-'.length));
  let npmScope: string | undefined;
  try {
    const pkgName = JSON.parse(files['package.json'] ?? '{}')?.name;
    if (typeof pkgName === 'string' && pkgName.startsWith('@')) {
      npmScope = pkgName.slice(1, pkgName.indexOf('/'));
    }
  } catch {
    // not JSON: no scope to recover
  }
  const values: TemplateValues = {
    name,
    description:
      entity.description ?? String(component?.metadata?.description ?? ''),
    owner,
    ownerName: refName(owner),
    system: entity.system ?? String(component?.spec?.system ?? ''),
    templateName: annotations[TEMPLATE_ANNOTATION],
    templateVersion: annotations[TEMPLATE_VERSION_ANNOTATION],
    githubSlug: slug,
    githubOrg: slug ? slug.split('/')[0] : '',
    environments,
    image: slug ? `ghcr.io/${slug}` : `acme-retail/${name}`,
    database: dependsOn.includes(`resource:${name}-db`),
    ...(npmScope ? { npmScope } : {}),
  };
  for (const key of ['templateName', 'templateVersion']) {
    if (values[key] === undefined) delete values[key];
  }
  const recorded = annotations[TEMPLATE_VALUES_ANNOTATION];
  if (recorded) {
    try {
      const parsed = JSON.parse(recorded);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        return { ...values, ...parsed };
      }
    } catch {
      // an unreadable annotation: the values recovered above stand
    }
  }
  return values;
}

/** One version rendered with the recovered values and compared with the repository. */
export type AdoptionCandidate = {
  template: string;
  version: string;
  /** Lines added plus lines removed between the render and the repository (`git diff --numstat`). */
  linesDiffering: number;
  /** Files only in one of the two, or binary files that differ. */
  filesDiffering: number;
};

/**
 * The version the repository was most likely made from: the fewest differing lines, then the
 * fewest differing files; a tie left after both goes to the newer version (the renders
 * are the same for this repository, so the newer one is offered fewer needless upgrades),
 * then to the template named first alphabetically. Undefined when there is no candidate.
 */
export function closestCandidate(
  candidates: AdoptionCandidate[],
): AdoptionCandidate | undefined {
  return [...candidates].sort(
    (a, b) =>
      a.linesDiffering - b.linesDiffering ||
      a.filesDiffering - b.filesDiffering ||
      (a.template === b.template
        ? compareVersions(b.version, a.version)
        : a.template.localeCompare(b.template)),
  )[0];
}
