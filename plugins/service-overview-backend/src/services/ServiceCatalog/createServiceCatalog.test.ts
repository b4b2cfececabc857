import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { component, group } from '../../__testUtils__/catalog';
import { createServiceCatalog } from './createServiceCatalog';

const ADA = mockCredentials.user('user:default/ada');

/** Entities as the catalog answers them, with the relations it stitches. */
const checkout = {
  ...component(
    'checkout',
    { owner: 'payments-team' },
    { 'backstage.io/kubernetes-id': 'checkout' },
  ),
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments-team' }],
};
const payments = {
  ...group('payments-team', 'user:default/jane'),
  relations: [{ type: 'ownerOf', targetRef: 'component:default/checkout' }],
};

describe('the overview', () => {
  function setUp() {
    const catalog = catalogServiceMock({ entities: [checkout, payments] });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    let release: () => void = () => {};
    const latest = jest.fn(
      () =>
        new Promise<{ deployments: number; windowDays: number }>(resolve => {
          release = () => resolve({ deployments: 3, windowDays: 90 });
        }),
    );
    const services = createServiceCatalog({
      catalog,
      logger: mockServices.logger.mock(),
      clusters: () => ['eu-west-prod'],
      deployments: { latest },
    });
    return {
      services,
      getEntities,
      getEntitiesByRefs,
      latest,
      release: () => release(),
    };
  }

  it('reads the entity and its owner in one catalog request, as the caller', async () => {
    const { services, getEntities, getEntitiesByRefs, release } = setUp();
    const overview = services.overview('Checkout', ADA);
    release();
    await expect(overview).resolves.toMatchObject({
      entityRef: 'component:default/checkout',
      owner: {
        entityRef: 'group:default/payments-team',
        exists: true,
        onCall: 'user:default/jane',
      },
      runtime: { kubernetesId: 'checkout', clusters: ['eu-west-prod'] },
      latestDeployment: { deployments: 3, windowDays: 90 },
    });
    // the owner came with the entity: no second request
    expect(getEntities).toHaveBeenCalledTimes(1);
    expect(getEntitiesByRefs).not.toHaveBeenCalled();
    expect(getEntities.mock.calls[0][0]?.filter).toEqual([
      {
        kind: 'component',
        'metadata.namespace': 'default',
        'metadata.name': 'checkout',
      },
      { 'relations.ownerOf': 'component:default/checkout' },
    ]);
    expect(getEntities.mock.calls[0][1]).toEqual({ credentials: ADA });
  });

  it('asks for the latest deployment while the catalog answers, not after', async () => {
    const { services, getEntities, latest, release } = setUp();
    const overview = services.overview('component:default/checkout', ADA);
    expect(latest).toHaveBeenCalledWith('component:default/checkout', ADA);
    expect(getEntities).toHaveBeenCalledTimes(1);
    release();
    await expect(overview).resolves.toMatchObject({
      latestDeployment: { deployments: 3 },
    });
  });

  it('answers 404 for an entity the catalog does not give the caller', async () => {
    const { services, release } = setUp();
    const overview = services.overview('component:default/nope', ADA);
    release();
    await expect(overview).rejects.toMatchObject({
      name: 'NotFoundError',
      message: 'entityRef: component:default/nope is not in the catalog',
    });
  });
});

describe('the overview of an entity whose owner has no ownerOf relation yet', () => {
  it('asks for the owner by ref, and tells a missing owner apart', async () => {
    const lagging = { ...payments, relations: [] };
    const ghostOwned = {
      ...component('ghost-service', { owner: 'ghost-team' }),
      relations: [{ type: 'ownedBy', targetRef: 'group:default/ghost-team' }],
    };
    const catalog = catalogServiceMock({
      entities: [checkout, lagging, ghostOwned],
    });
    const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const services = createServiceCatalog({
      catalog,
      logger: mockServices.logger.mock(),
      clusters: () => [],
    });
    await expect(services.overview('checkout', ADA)).resolves.toMatchObject({
      owner: { entityRef: 'group:default/payments-team', exists: true },
    });
    await expect(
      services.overview('ghost-service', ADA),
    ).resolves.toMatchObject({
      owner: { entityRef: 'group:default/ghost-team', exists: false },
    });
    expect(getEntitiesByRefs.mock.calls.map(c => c[0].entityRefs)).toEqual([
      ['group:default/payments-team'],
      ['group:default/ghost-team'],
    ]);
    expect(getEntitiesByRefs.mock.calls[0][1]).toEqual({ credentials: ADA });
  });
});
