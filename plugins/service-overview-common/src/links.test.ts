import {
  dashboardLinks,
  docsLink,
  goldenPathOf,
  repositoryLink,
} from './links';

const entity = {
  kind: 'Component',
  metadata: {
    name: 'cart-service',
    annotations: {
      'github.com/project-slug': 'acme-retail/cart-service',
      'backstage.io/techdocs-ref': 'dir:.',
      'acme.example/template': 'go-service',
      'acme.example/template-version': '1.4.0',
    },
    links: [
      { url: 'https://runbooks.example/cart', title: 'Runbook', icon: 'docs' },
      {
        url: 'https://grafana.example/d/cart',
        title: 'Grafana dashboard',
        icon: 'dashboard',
      },
      {
        url: 'https://metrics.example/cart',
        title: 'Latency',
        type: 'dashboard',
      },
    ],
  },
};

describe('links', () => {
  it('prefers the GitHub slug and falls back to the source location', () => {
    expect(repositoryLink(entity)?.url).toBe(
      'https://github.com/acme-retail/cart-service',
    );
    expect(
      repositoryLink({
        metadata: {
          annotations: {
            'backstage.io/source-location':
              'url:https://github.com/acme/x/tree/main/',
          },
        },
      })?.url,
    ).toBe('https://github.com/acme/x/tree/main/');
    expect(repositoryLink({ metadata: { annotations: {} } })).toBeUndefined();
  });

  it('links TechDocs only when the entity declares them', () => {
    expect(docsLink(entity)?.url).toBe('/docs/default/component/cart-service');
    expect(
      docsLink({ kind: 'Component', metadata: { name: 'x' } }),
    ).toBeUndefined();
  });

  it('keeps dashboard links only', () => {
    expect(dashboardLinks(entity).map(l => l.title)).toEqual([
      'Grafana dashboard',
      'Latency',
    ]);
  });

  it('reads the golden path and its version', () => {
    expect(goldenPathOf(entity)).toEqual({
      template: 'go-service',
      version: '1.4.0',
    });
    expect(goldenPathOf({ metadata: {} })).toBeUndefined();
  });
});
