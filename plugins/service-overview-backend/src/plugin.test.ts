import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { CatalogClient } from '@backstage/catalog-client';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  listServices,
  serviceFacets,
  ServicesQuery,
} from '@internal/plugin-service-overview-common';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { serviceOverviewPlugin } from './plugin';
import {
  component,
  group,
  staticEntities,
  system,
} from './__testUtils__/catalog';

jest.setTimeout(180_000);

const databases = createPostgresTestDatabases();

const entities = [
  group('storefront-team', 'aisha.okafor'),
  group('payments-team'),
  system('checkout', 'payments-team'),
  component(
    'cart-service',
    { owner: 'storefront-team', system: 'checkout' },
    {
      'github.com/project-slug': 'acme-retail/cart-service',
      'backstage.io/techdocs-ref': 'dir:.',
      'backstage.io/kubernetes-id': 'cart-service',
      'backstage.io/kubernetes-namespace': 'shop',
      'acme.example/template': 'go-service',
      'acme.example/template-version': '1.4.0',
    },
    [
      {
        url: 'https://grafana.example/d/cart',
        title: 'Grafana dashboard',
        icon: 'dashboard',
      },
    ],
  ),
  component(
    'checkout-service',
    { owner: 'payments-team', system: 'checkout' },
    {
      'backstage.io/techdocs-ref': 'dir:.',
      'acme.example/template': 'java-service',
    },
  ),
  component(
    'storefront-web',
    { owner: 'storefront-team', lifecycle: 'experimental' },
    {
      'acme.example/template': 'go-service',
    },
  ),
  component(
    'ghost-service',
    { owner: 'ghost-team', system: 'checkout' },
    {
      'backstage.io/techdocs-ref': 'dir:.',
    },
  ),
  component(
    'old-export',
    { owner: 'payments-team', system: 'checkout', lifecycle: 'deprecated' },
    {
      'backstage.io/techdocs-ref': 'dir:.',
      'backstage.io/orphan': 'true',
    },
  ),
];

async function waitFor<T>(
  fn: () => Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error('timed out waiting for the catalog');
    await new Promise(r => setTimeout(r, 500));
  }
}

describe.each(databases.eachSupportedId())(
  'service overview backend on %p',
  databaseId => {
    let server: Parameters<typeof request>[0];
    // The services page reads the catalog itself: the same calls, over HTTP, as the frontend.
    let catalog: CatalogClient;
    const list = (q: Partial<ServicesQuery> = {}) =>
      listServices(catalog, { sort: 'name', order: 'asc', limit: 25, ...q });

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          catalogPlugin,
          staticEntities(entities),
          serviceOverviewPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: { processingInterval: { seconds: 1 } },
              kubernetes: {
                clusterLocatorMethods: [
                  {
                    type: 'config',
                    clusters: [
                      {
                        name: 'eu-west-prod',
                        url: 'http://127.0.0.1:1',
                        authProvider: 'serviceAccount',
                      },
                    ],
                  },
                ],
              },
            },
          }),
        ],
      });
      server = backend.server;
      const { port } = backend.server.address() as AddressInfo;
      catalog = new CatalogClient({
        discoveryApi: {
          getBaseUrl: async pluginId =>
            `http://127.0.0.1:${port}/api/${pluginId}`,
        },
      });
      // Wait until every entity is processed and stitched with its relations.
      await waitFor(async () => {
        const page = await list({ limit: 10 });
        const ready = page.totalItems === 5 && page.items.every(i => i.owner);
        return ready ? true : undefined;
      });
    });

    it('lists services one sorted page at a time through the cursor API', async () => {
      const first = await list({ limit: 2 });
      expect(first.totalItems).toBe(5);
      expect(first.items.map(i => i.name)).toEqual([
        'cart-service',
        'checkout-service',
      ]);
      expect(first.nextCursor).toEqual(expect.any(String));

      const second = await listServices(catalog, {
        cursor: first.nextCursor!,
        limit: 2,
      });
      expect(second.items.map(i => i.name)).toEqual([
        'ghost-service',
        'old-export',
      ]);

      const desc = await list({ limit: 1, order: 'desc' });
      expect(desc.items[0].name).toBe('storefront-web');
    });

    it('filters by owner, system, lifecycle and golden path', async () => {
      const names = async (q: Partial<ServicesQuery>) =>
        (await list(q)).items.map(i => i.name);
      expect(await names({ owner: 'storefront-team' })).toEqual([
        'cart-service',
        'storefront-web',
      ]);
      expect(await names({ owner: 'group:default/payments-team' })).toEqual([
        'checkout-service',
        'old-export',
      ]);
      expect(
        await names({ system: 'checkout', lifecycle: 'production' }),
      ).toEqual(['cart-service', 'checkout-service', 'ghost-service']);
      expect(
        await names({ goldenPath: 'go-service', sort: 'lifecycle' }),
      ).toEqual(['storefront-web', 'cart-service']);
      await expect(list({ owner: 'group:default/' })).rejects.toThrow(
        'owner: not an entity reference',
      );
    });

    it('answers what a team asks first about a service', async () => {
      const [cart] = (await list({ owner: 'storefront-team', limit: 1 })).items;
      expect(cart).toMatchObject({
        entityRef: 'component:default/cart-service',
        lifecycle: 'production',
        system: 'system:default/checkout',
        owner: {
          entityRef: 'group:default/storefront-team',
          exists: true,
          onCall: 'user:default/aisha.okafor',
          email: 'storefront-team@acme.example',
        },
        goldenPath: { template: 'go-service', version: '1.4.0' },
        repository: { url: 'https://github.com/acme-retail/cart-service' },
        docs: { url: '/docs/default/component/cart-service' },
        dashboards: [
          { title: 'Grafana dashboard', url: 'https://grafana.example/d/cart' },
        ],
        kubernetesId: 'cart-service',
        namespace: 'shop',
      });
      // An owner that does not exist is shown as such.
      const [ghost] = (await list({ owner: 'ghost-team' })).items;
      expect(ghost.owner).toEqual({
        entityRef: 'group:default/ghost-team',
        exists: false,
      });
    });

    it('gives the overview card the clusters it runs on and omits unknown deployments', async () => {
      const res = await request(server).get(
        '/api/service-overview/overview?entityRef=component:default/cart-service',
      );
      expect(res.status).toBe(200);
      expect(res.body.runtime).toEqual({
        kubernetesId: 'cart-service',
        namespace: 'shop',
        clusters: ['eu-west-prod'],
      });
      // No insights plugin in this backend: the latest deployment is left out, not invented.
      expect(res.body.latestDeployment).toBeUndefined();
      // the owner comes with the entity, in the same catalog request
      expect(res.body).toMatchObject({
        entityRef: 'component:default/cart-service',
        system: 'system:default/checkout',
        goldenPath: { template: 'go-service', version: '1.4.0' },
        owner: {
          entityRef: 'group:default/storefront-team',
          exists: true,
          title: 'storefront team',
          onCall: 'user:default/aisha.okafor',
          email: 'storefront-team@acme.example',
        },
      });
      const ghost = await request(server).get(
        '/api/service-overview/overview?entityRef=ghost-service',
      );
      expect(ghost.body.owner).toEqual({
        entityRef: 'group:default/ghost-team',
        exists: false,
      });

      const missing = await request(server).get(
        '/api/service-overview/overview?entityRef=component:default/nope',
      );
      expect(missing.status).toBe(404);
    });

    it('offers the filter values as facets', async () => {
      const facets = await serviceFacets(catalog);
      expect(facets.owner.map(f => f.value)).toEqual([
        'group:default/ghost-team',
        'group:default/payments-team',
        'group:default/storefront-team',
      ]);
      expect(facets.system).toEqual([
        { value: 'system:default/checkout', count: 4 },
      ]);
      expect(facets.goldenPath).toEqual([
        { value: 'go-service', count: 2 },
        { value: 'java-service', count: 1 },
      ]);
    });

    it('lists catalog hygiene problems with their counts', async () => {
      const summary = await request(server).get(
        '/api/service-overview/hygiene/summary',
      );
      expect(summary.body).toEqual({
        ownerMissing: 1,
        noDocs: 1,
        noSystem: 1,
        orphaned: 1,
      });

      const check = async (name: string) =>
        (
          await request(server).get(`/api/service-overview/hygiene/${name}`)
        ).body.items.map((i: { name: string }) => i.name);
      expect(await check('ownerMissing')).toEqual(['ghost-service']);
      expect(await check('noDocs')).toEqual(['storefront-web']);
      expect(await check('noSystem')).toEqual(['storefront-web']);
      expect(await check('orphaned')).toEqual(['old-export']);
    });

    it('refuses malformed queries with the field named', async () => {
      const cases: Array<[string, string]> = [
        ['hygiene/noDocs?limit=0', 'limit:'],
        ['hygiene/noDocs?limit=500', 'limit:'],
        ['hygiene/noDocs?colour=red', "Unknown query parameter 'colour'"],
        [
          'overview?entityRef=component:default/',
          'entityRef: must match pattern',
        ],
        ['hygiene/everything', 'check:'],
        ['overview', 'entityRef:'],
      ];
      for (const [path, message] of cases) {
        const res = await request(server).get(`/api/service-overview/${path}`);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.error.message).toContain(message);
      }
    });

    it('reports coverage as not configured without GITHUB_ORG', async () => {
      const res = await request(server).get('/api/service-overview/coverage');
      expect(res.body).toEqual({
        configured: false,
        organizations: [],
        repositories: 0,
        covered: 0,
        share: null,
      });
      const scan = await request(server).post(
        '/api/service-overview/coverage/scan',
      );
      expect(scan.status).toBe(409);
    });
  },
);
