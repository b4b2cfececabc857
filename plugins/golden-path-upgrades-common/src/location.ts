/** Where a service's repository lives, read from its catalog annotations. */
export type RepositoryLocation =
  | { host: 'local'; name: string }
  | { host: 'github'; hostname: string; owner: string; repo: string };

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const GITHUB_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const GITHUB_SLUG = 'github.com/project-slug';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';
/** Working copies of the local git host: `<data>/git-checkouts/<name>/catalog-info.yaml`. */
const LOCAL_CHECKOUT = /\/git-checkouts\/([^/]+)\/catalog-info\.yaml$/;

/**
 * The repository of a service: GitHub when it has a project slug, the local git host when the
 * catalog reads it from one of the host's working copies, otherwise undefined.
 */
export function repositoryLocation(
  annotations: Record<string, string> | undefined,
): RepositoryLocation | undefined {
  const slug = annotations?.[GITHUB_SLUG];
  if (slug) {
    const [owner, repo, ...rest] = slug.split('/');
    if (
      rest.length === 0 &&
      GITHUB_NAME.test(owner ?? '') &&
      GITHUB_NAME.test(repo ?? '')
    ) {
      return { host: 'github', hostname: 'github.com', owner, repo };
    }
    return undefined;
  }
  const managedBy = annotations?.[MANAGED_BY_LOCATION];
  if (managedBy?.startsWith('file:')) {
    const name = LOCAL_CHECKOUT.exec(managedBy)?.[1];
    if (name && DNS_LABEL.test(name)) return { host: 'local', name };
  }
  return undefined;
}
