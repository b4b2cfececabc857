import { ResponseError } from '@backstage/errors';
import { ServiceOverviewClient } from './client';
import { ServiceCatalogReader } from './services';

function clientWith(
  answer: (url: string, init?: RequestInit) => Response,
  catalogApi?: ServiceCatalogReader,
) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const client = new ServiceOverviewClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: {
      fetch: (async (url: string, init?: RequestInit) => {
        calls.push({ url, init });
        return answer(url, init);
      }) as typeof fetch,
    },
    catalogApi,
  });
  return { client, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('ServiceOverviewClient', () => {
  it('calls the operations of the contract, encoding path and query values', async () => {
    const { client, calls } = clientWith(() => json({ items: [] }));
    await client.getOverview('component:default/a&b=c');
    await client.getHygieneSummary();
    await client.getHygiene('noDocs');
    await client.getHygiene('noDocs', 'eyJ+/=');
    await client.getCoverage();
    await client.getUncatalogued(50, 25);
    await client.getUncatalogued(0, 10, 'acme-retail');
    expect(calls.map(c => [c.init?.method, c.url])).toEqual([
      [
        'GET',
        'http://backend/api/service-overview/overview?entityRef=component%3Adefault%2Fa%26b%3Dc',
      ],
      ['GET', 'http://backend/api/service-overview/hygiene/summary'],
      ['GET', 'http://backend/api/service-overview/hygiene/noDocs?limit=25'],
      [
        'GET',
        'http://backend/api/service-overview/hygiene/noDocs?cursor=eyJ%2B%2F%3D&limit=25',
      ],
      ['GET', 'http://backend/api/service-overview/coverage'],
      [
        'GET',
        'http://backend/api/service-overview/coverage/repositories?offset=50&limit=25',
      ],
      [
        'GET',
        'http://backend/api/service-overview/coverage/repositories?offset=0&limit=10&organization=acme-retail',
      ],
    ]);
  });

  it('answers the body of a 2xx and starts a scan without one', async () => {
    const { client, calls } = clientWith((_url, init) =>
      init?.method === 'POST'
        ? json({ started: true }, 202)
        : json({ entityRef: 'component:default/cart', name: 'cart' }),
    );
    await expect(client.getOverview('cart')).resolves.toEqual({
      entityRef: 'component:default/cart',
      name: 'cart',
    });
    await expect(client.scanCoverage()).resolves.toBeUndefined();
    expect(calls[1]).toMatchObject({
      url: 'http://backend/api/service-overview/coverage/scan',
      init: { method: 'POST' },
    });
    expect(calls[1].init?.body).toBeUndefined();
  });

  it.each([
    [400, 'InputError', 'entityRef: must match pattern'],
    [
      404,
      'NotFoundError',
      'entityRef: component:default/x is not in the catalog',
    ],
    [409, 'ConflictError', 'GitHub discovery is off: set GITHUB_ORG to scan'],
  ])('throws a %p answer as a ResponseError', async (status, name, message) => {
    const { client } = clientWith(() =>
      json(
        {
          error: { name, message },
          request: { method: 'GET', url: '/api/service-overview/overview' },
          response: { statusCode: status },
        },
        status,
      ),
    );
    const error = await (status === 409
      ? client.scanCoverage()
      : client.getOverview('x')
    ).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(status);
    expect(error.body.error).toEqual({ name, message });
  });

  it('reads the services page from the catalog it is given, not from the backend', async () => {
    const catalogApi: ServiceCatalogReader = {
      queryEntities: jest.fn(async () => ({
        items: [],
        totalItems: 0,
        pageInfo: {},
      })),
      getEntitiesByRefs: jest.fn(async () => ({ items: [] })),
      getEntityFacets: jest.fn(async () => ({ facets: {} })),
    };
    const { client, calls } = clientWith(() => json({}), catalogApi);
    await expect(
      client.listServices({ sort: 'name', order: 'asc', limit: 10 }),
    ).resolves.toEqual({ items: [], totalItems: 0 });
    await expect(client.getFacets()).resolves.toEqual({
      owner: [],
      system: [],
      lifecycle: [],
      goldenPath: [],
    });
    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([]);

    const { client: backendOnly } = clientWith(() => json({}));
    await expect(backendOnly.getFacets()).rejects.toThrow(/catalogApi/);
  });
});
