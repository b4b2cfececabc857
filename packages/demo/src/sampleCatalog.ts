import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository this package is in. */
export const REPOSITORY_ROOT = resolve(
  dirname(require.resolve('@internal/demo/package.json')),
  '..',
  '..',
);

/** The repository's sample catalog (catalog/), the demo organisation's components and teams. */
export const SAMPLE_CATALOG = join(REPOSITORY_ROOT, 'catalog');

export type SampleEntity = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: Record<string, any>;
  relations?: Array<{ type: string; targetRef: string }>;
};

const read = (file: string) =>
  parseAllDocuments(readFileSync(file, 'utf8'))
    .map(d => d.toJS() as SampleEntity)
    .filter(e => e?.kind);

/**
 * The sample catalog's components (catalog/components/<name>/catalog-info.yaml) and groups
 * (catalog/org.yaml), in the default namespace with the `ownedBy` relation the catalog
 * derives from `spec.owner`.
 */
export function sampleEntities(
  folder: string = SAMPLE_CATALOG,
): SampleEntity[] {
  const components = readdirSync(join(folder, 'components'), {
    withFileTypes: true,
  })
    .filter(d => d.isDirectory())
    .map(d => join(folder, 'components', d.name, 'catalog-info.yaml'))
    .filter(file => existsSync(file))
    .flatMap(read)
    .filter(e => e.kind === 'Component');
  const groups = read(join(folder, 'org.yaml')).filter(e => e.kind === 'Group');
  return [
    ...groups.map(g => ({
      ...g,
      metadata: { ...g.metadata, namespace: 'default' },
    })),
    ...components.map(c => ({
      ...c,
      metadata: { ...c.metadata, namespace: 'default' },
      relations: [
        {
          type: 'ownedBy',
          targetRef: `group:default/${String(c.spec?.owner).replace(
            /^group:(default\/)?/,
            '',
          )}`,
        },
      ],
    })),
  ];
}

/** Each team's repositories (`owner/name`, as the catalog's slugs name them). */
export function repositoriesByTeam(entities: SampleEntity[]) {
  const teams = new Map<string, string[]>();
  for (const e of entities) {
    const slug = e.metadata.annotations?.['github.com/project-slug'];
    if (e.kind !== 'Component' || !slug) continue;
    const team = String(e.spec?.owner).replace(/^group:(default\/)?/, '');
    teams.set(team, [...(teams.get(team) ?? []), slug]);
  }
  return teams;
}
