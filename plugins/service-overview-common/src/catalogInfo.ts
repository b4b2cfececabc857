/** What the generated `catalog-info.yaml` of an uncatalogued repository says. */
export type CatalogInfoInput = {
  organization: string;
  repository: string;
  description?: string;
  /** An entity ref; the short form (`team`) is written for groups in the default namespace. */
  owner?: string;
};

/** Entity names allow letters, digits and `-_.`, at most 63 characters, alphanumeric ends. */
export function entityNameOf(repository: string): string {
  const cleaned = repository
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
    .slice(0, 63)
    .replace(/[^A-Za-z0-9]+$/, '');
  return cleaned || 'repository';
}

function quote(value: string): string {
  return JSON.stringify(value);
}

function shortOwner(ref: string | undefined): string {
  if (!ref) return 'unknown';
  const match = /^group:default\/(.+)$/.exec(ref);
  return match ? match[1] : ref;
}

/**
 * A minimal, valid `catalog-info.yaml` for a repository: a Component of type service with
 * lifecycle experimental (the team confirms type and lifecycle in the pull request).
 */
export function generateCatalogInfo(input: CatalogInfoInput): string {
  const name = entityNameOf(input.repository);
  const lines = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    ...(input.description
      ? [`  description: ${quote(input.description)}`]
      : []),
    '  annotations:',
    `    github.com/project-slug: ${input.organization}/${input.repository}`,
    'spec:',
    '  type: service',
    '  lifecycle: experimental',
    `  owner: ${shortOwner(input.owner)}`,
    '',
  ];
  return lines.join('\n');
}
