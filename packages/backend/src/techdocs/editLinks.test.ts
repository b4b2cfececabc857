import { ConfigReader } from '@backstage/config';
import { githubEditLinks, readGithubHosts } from './editLinks';

describe('githubEditLinks', () => {
  const hosts = ['github.com'];

  it('points at the docs folder on the branch the docs were read from', () => {
    expect(
      githubEditLinks(
        {
          type: 'url',
          target: 'https://github.com/acme-retail/checkout-service/tree/main/',
        },
        'docs',
        hosts,
      ),
    ).toEqual({
      repo_url: 'https://github.com/acme-retail/checkout-service',
      edit_uri:
        'https://github.com/acme-retail/checkout-service/edit/main/docs/',
    });
    expect(
      githubEditLinks(
        {
          type: 'url',
          target:
            'https://github.com/acme-retail/monorepo/blob/release/services/cart/',
        },
        'handbook',
        hosts,
      ).edit_uri,
    ).toBe(
      'https://github.com/acme-retail/monorepo/edit/release/services/cart/handbook/',
    );
  });

  it('gives no links for other hosts, schemes or local folders', () => {
    for (const target of [
      'https://gitlab.example/acme/x/tree/main/',
      'http://github.com/acme-retail/x/tree/main/',
      // A script URL, spelt so that it is not one in this file.
      ['javascript', 'alert(1)'].join(':'),
    ]) {
      expect(githubEditLinks({ type: 'url', target }, 'docs', hosts)).toEqual(
        {},
      );
    }
    expect(
      githubEditLinks({ type: 'dir', target: '/app' }, 'docs', hosts),
    ).toEqual({});
  });

  it('reads the GitHub hosts of the integrations', () => {
    expect(
      readGithubHosts(
        new ConfigReader({
          integrations: { github: [{ host: 'github.acme-retail.example' }] },
        }),
      ),
    ).toEqual(['github.acme-retail.example']);
    expect(readGithubHosts(new ConfigReader({}))).toEqual(['github.com']);
  });
});
