import { repositoryLocation } from './location';

describe('repositoryLocation', () => {
  it.each([
    // a project slug names a GitHub repository
    [
      { 'github.com/project-slug': 'acme-retail/orders' },
      {
        host: 'github',
        hostname: 'github.com',
        owner: 'acme-retail',
        repo: 'orders',
      },
    ],
    // a slug with more than owner/repo is not one
    [{ 'github.com/project-slug': 'acme/orders/extra' }, undefined],
    // read from a working copy of the local git host
    [
      {
        'backstage.io/managed-by-location':
          'file:/srv/portal/.data/git-checkouts/orders/catalog-info.yaml',
      },
      { host: 'local', name: 'orders' },
    ],
    // a name that is not a DNS label cannot be a local repository
    [
      {
        'backstage.io/managed-by-location':
          'file:/srv/.data/git-checkouts/Orders_1/catalog-info.yaml',
      },
      undefined,
    ],
    // any other location: no repository the portal can upgrade
    [
      {
        'backstage.io/managed-by-location':
          'url:https://example.com/catalog-info.yaml',
      },
      undefined,
    ],
    [{}, undefined],
  ])('%j → %j', (annotations, expected) => {
    expect(repositoryLocation(annotations)).toEqual(expected);
  });
});
