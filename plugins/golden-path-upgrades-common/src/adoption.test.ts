import { closestCandidate, recoverValues } from './adoption';

const CATALOG_LOCAL = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: "orders"
  description: "Old description"
  annotations:
    acme.example/template: "typescript-service"
    acme.example/template-version: "1.0.0"
spec:
  owner: "group:default/payments-team"
  system: "system:default/checkout"
  dependsOn:
    - "resource:orders-db"
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: "orders-db"
spec:
  type: database
`;

const CI = `name: CI
jobs:
  test:
    runs-on: ubuntu-latest
  image:
    needs: test
  deploy-dev:
    needs: image
  deploy-production:
    needs: deploy-dev
`;

describe('recoverValues', () => {
  it('takes name, description, owner and system from the entity, the rest from the files', () => {
    // The entity wins for what the catalog knows (its description was edited since);
    // ownerName is the name part of group:default/payments-team; no project slug means the
    // local git host, so githubSlug/githubOrg are '' and image is acme-retail/<name>;
    // dependsOn resource:orders-db means database; the CI jobs deploy-dev, deploy-production
    // give the environments in order; the template annotation gives templateName and
    // templateVersion.
    expect(
      recoverValues(
        {
          name: 'orders',
          description: 'Takes orders',
          owner: 'group:default/payments-team',
          system: 'system:default/checkout',
        },
        { 'catalog-info.yaml': CATALOG_LOCAL, '.github/workflows/ci.yaml': CI },
      ),
    ).toEqual({
      name: 'orders',
      description: 'Takes orders',
      owner: 'group:default/payments-team',
      ownerName: 'payments-team',
      system: 'system:default/checkout',
      templateName: 'typescript-service',
      templateVersion: '1.0.0',
      githubSlug: '',
      githubOrg: '',
      environments: ['dev', 'production'],
      image: 'acme-retail/orders',
      database: true,
    });
  });

  it('reads GitHub, the npm scope and falls back to the files for what the entity lacks', () => {
    // slug acme-retail/web → githubOrg acme-retail, image ghcr.io/acme-retail/web; no
    // dependsOn → database false; no CI file → no environments; @shop/web → npmScope shop;
    // description, owner and system come from catalog-info.yaml as the entity has none.
    const catalog = `kind: Component
metadata:
  name: web
  description: Shop front
  annotations:
    github.com/project-slug: acme-retail/web
spec:
  owner: group:default/web-team
  system: system:default/shop
`;
    expect(
      recoverValues(
        { name: 'web' },
        {
          'catalog-info.yaml': catalog,
          'package.json': '{"name": "@shop/web"}',
        },
      ),
    ).toEqual({
      name: 'web',
      description: 'Shop front',
      owner: 'group:default/web-team',
      ownerName: 'web-team',
      system: 'system:default/shop',
      githubSlug: 'acme-retail/web',
      githubOrg: 'acme-retail',
      environments: [],
      image: 'ghcr.io/acme-retail/web',
      database: false,
      npmScope: 'shop',
    });
  });

  it('lets the values a repository still records in its annotation win', () => {
    // A 1.1.0 repository without .golden-path.json still has acme.example/template-values:
    // its image (a hand-picked one) replaces the derived acme-retail/orders.
    const catalog = `kind: Component
metadata:
  name: orders
  annotations:
    acme.example/template-values: '{"name":"orders","image":"registry.example/orders"}'
`;
    const values = recoverValues(
      { name: 'orders' },
      { 'catalog-info.yaml': catalog },
    );
    expect(values.image).toBe('registry.example/orders');
    expect(values.database).toBe(false);
  });

  it('survives unreadable files', () => {
    // Broken YAML and JSON recover nothing; the entity alone gives name and image.
    expect(
      recoverValues(
        { name: 'x' },
        {
          'catalog-info.yaml': 'a: [',
          '.github/workflows/ci.yaml': ': :',
          'package.json': '{',
        },
      ),
    ).toEqual({
      name: 'x',
      description: '',
      owner: '',
      ownerName: '',
      system: '',
      githubSlug: '',
      githubOrg: '',
      environments: [],
      image: 'acme-retail/x',
      database: false,
    });
  });
});

describe('closestCandidate', () => {
  const c = (
    template: string,
    version: string,
    linesDiffering: number,
    filesDiffering: number,
  ) => ({ template, version, linesDiffering, filesDiffering });

  it.each([
    {
      why: 'fewest differing lines wins (3 < 40 < 41)',
      candidates: [
        c('t', '1.0.0', 40, 2),
        c('t', '1.1.0', 3, 1),
        c('t', '1.2.0', 41, 3),
      ],
      expected: '1.1.0',
    },
    {
      why: 'equal lines (5): fewer differing files wins (1 < 2)',
      candidates: [c('t', '1.0.0', 5, 1), c('t', '1.1.0', 5, 2)],
      expected: '1.0.0',
    },
    {
      why: 'equal lines and files: the newer version (1.10.0 > 1.9.0, numerically)',
      candidates: [c('t', '1.10.0', 0, 0), c('t', '1.9.0', 0, 0)],
      expected: '1.10.0',
    },
  ])('$why', ({ candidates, expected }) => {
    expect(closestCandidate(candidates)?.version).toBe(expected);
  });

  it('breaks a tie between templates by name, and has no answer without candidates', () => {
    expect(
      closestCandidate([
        c('web-frontend', '1.0.0', 2, 1),
        c('docs-site', '1.0.0', 2, 1),
      ])?.template,
    ).toBe('docs-site');
    expect(closestCandidate([])).toBeUndefined();
  });
});
