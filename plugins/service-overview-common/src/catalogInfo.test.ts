import { entityNameOf, generateCatalogInfo } from './catalogInfo';

describe('entityNameOf', () => {
  it.each([
    ['cart-service', 'cart-service'],
    ['My Repo!', 'My-Repo'],
    ['.github', 'github'],
    ['a'.repeat(70), 'a'.repeat(63)],
    ['---', 'repository'],
  ])('%s → %s', (repo, name) => expect(entityNameOf(repo)).toBe(name));
});

describe('generateCatalogInfo', () => {
  it('writes a Component owned by the likely owner', () => {
    expect(
      generateCatalogInfo({
        organization: 'acme-retail',
        repository: 'price-rules',
        description: 'Price rules: "promo" engine',
        owner: 'group:default/storefront-team',
      }),
    ).toBe(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: price-rules',
        '  description: "Price rules: \\"promo\\" engine"',
        '  annotations:',
        '    github.com/project-slug: acme-retail/price-rules',
        'spec:',
        '  type: service',
        '  lifecycle: experimental',
        '  owner: storefront-team',
        '',
      ].join('\n'),
    );
  });

  it('keeps user owners as full refs and marks a missing owner', () => {
    expect(
      generateCatalogInfo({
        organization: 'o',
        repository: 'r',
        owner: 'user:default/ann',
      }),
    ).toContain('owner: user:default/ann');
    expect(
      generateCatalogInfo({ organization: 'o', repository: 'r' }),
    ).toContain('owner: unknown');
  });
});
