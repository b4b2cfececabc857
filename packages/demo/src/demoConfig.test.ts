import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import { REPOSITORY_ROOT } from './sampleCatalog';

const read = (file: string) =>
  parse(readFileSync(join(REPOSITORY_ROOT, file), 'utf8'));

type Location = { type: string; target: string; rules?: unknown };

/** The sample organisation's Location file, as app-config.yaml registers it. */
const ALL = '../../catalog/all.yaml';

describe("the demo's catalog: one source per entity", () => {
  const app = read('app-config.yaml');
  const demo = read('app-config.demo.yaml');
  const all = read('catalog/all.yaml');
  const targets: string[] = all.spec.targets;
  const isComponent = (target: string) => target.startsWith('./components/');

  it("loads app-config.yaml's locations, with the sample's files except its components", () => {
    const expected = (app.catalog.locations as Location[]).flatMap(location =>
      location.target === ALL
        ? targets
            .filter(target => !isComponent(target))
            .map(target => ({
              type: 'file',
              target: posix.join('../../catalog', target),
            }))
        : [location],
    );
    expect(demo.catalog.locations).toEqual(expected);
    for (const location of demo.catalog.locations as Location[]) {
      // Relative to packages/backend, where the backend runs.
      expect(
        existsSync(join(REPOSITORY_ROOT, 'packages/backend', location.target)),
      ).toBe(true);
    }
  });

  it("leaves out only components that discovery finds in the organisation's repositories", () => {
    const components = targets.filter(isComponent);
    expect(components.length).toBeGreaterThan(0);
    for (const target of components) {
      const text = readFileSync(
        join(REPOSITORY_ROOT, 'catalog', target),
        'utf8',
      );
      const entity = parse(text);
      expect({ target, kind: entity.kind }).toEqual({
        target,
        kind: 'Component',
      });
      // The GitHub stand-in serves this file as the repository's catalog-info.yaml.
      expect({
        target,
        slug: entity.metadata.annotations['github.com/project-slug'],
      }).toEqual({
        target,
        slug: `acme-retail/${target.split('/')[2]}`,
      });
    }
  });

  it('is never part of the production configuration', () => {
    const production = readFileSync(
      join(REPOSITORY_ROOT, 'app-config.production.yaml'),
      'utf8',
    );
    expect(demo.portal.demo).toBe(true);
    expect(production).not.toMatch(/app-config\.demo\.yaml|KUBERNETES_DEMO/);
    expect(parse(production)?.portal?.demo).toBeUndefined();
  });
});
