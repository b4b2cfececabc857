import { Entity } from '@backstage/catalog-model';
import { catalogFacts } from './createCatalogRetriever';

const TEAMS = new Set(['group:default/payments-team']);
const DEFINED = new Set(['api:default/checkout-api']);

function component(
  metadata: Partial<Entity['metadata']>,
  spec: object,
  relations: Entity['relations'] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'c', namespace: 'default', ...metadata },
    spec,
    relations,
  };
}

describe('catalogFacts', () => {
  it('reads every catalog fact of a complete component', () => {
    expect(
      catalogFacts(
        component(
          {
            description: 'Orders',
            annotations: {
              'backstage.io/techdocs-ref': 'dir:.',
              'pagerduty.com/service-id': 'P1',
            },
            links: [{ url: 'https://grafana.example/d/c', title: 'Grafana' }],
          },
          {
            owner: 'payments-team',
            system: 'checkout',
            lifecycle: 'production',
          },
          [{ type: 'providesApi', targetRef: 'api:default/checkout-api' }],
        ),
        TEAMS,
        DEFINED,
      ),
    ).toEqual({
      'catalog.ownerIsTeam': true,
      'catalog.hasSystem': true,
      'catalog.hasLifecycle': true,
      'catalog.hasDescription': true,
      'catalog.hasTechDocs': true,
      'catalog.providedApisHaveDefinitions': true,
      'catalog.hasOnCallLink': true,
      'catalog.hasDashboardLink': true,
    });
  });

  it.each([
    // a person, not a team
    [
      'owner is a user',
      { owner: 'user:default/ana' },
      'catalog.ownerIsTeam',
      false,
    ],
    // a group that is not in the catalog (or not of type team)
    [
      'owner is an unknown group',
      { owner: 'group:default/ghosts' },
      'catalog.ownerIsTeam',
      false,
    ],
    // the owner spelled with capitals still matches (refs compare without case)
    [
      'owner in capitals',
      { owner: 'Payments-Team' },
      'catalog.ownerIsTeam',
      true,
    ],
    ['blank system', { owner: 'x', system: ' ' }, 'catalog.hasSystem', false],
  ])('%s', (_, spec, fact, expected) => {
    expect(catalogFacts(component({}, spec), TEAMS, DEFINED)[fact]).toBe(
      expected,
    );
  });

  it('an API without a definition fails the definitions fact; no API provided passes it', () => {
    const provides = [
      { type: 'providesApi', targetRef: 'api:default/undocumented' },
    ];
    expect(
      catalogFacts(component({}, {}, provides), TEAMS, DEFINED)[
        'catalog.providedApisHaveDefinitions'
      ],
    ).toBe(false);
    expect(
      catalogFacts(component({}, {}), TEAMS, DEFINED)[
        'catalog.providedApisHaveDefinitions'
      ],
    ).toBe(true);
  });

  it('a runbook is not an on-call link; an OpsGenie link is', () => {
    const runbook = component(
      { links: [{ url: 'https://runbooks.example/c', title: 'Runbook' }] },
      {},
    );
    const opsgenie = component(
      {
        links: [
          { url: 'https://acme.app.opsgenie.com/teams/x', title: 'Escalation' },
        ],
      },
      {},
    );
    expect(catalogFacts(runbook, TEAMS, DEFINED)['catalog.hasOnCallLink']).toBe(
      false,
    );
    expect(
      catalogFacts(opsgenie, TEAMS, DEFINED)['catalog.hasOnCallLink'],
    ).toBe(true);
  });
});
