import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { serviceOverviewPlugin } from './plugin';
import { component, group } from './__testUtils__/catalog';

jest.setTimeout(60_000);

/** Annotations and links anyone who registers an entity controls, aimed inside the network. */
const hostile = component(
  'metadata-probe',
  { owner: 'storefront-team' },
  {
    'github.com/project-slug': 'acme-retail/../../169.254.169.254',
    'backstage.io/source-location':
      'url:http://169.254.169.254/latest/meta-data/',
    'backstage.io/view-url': 'http://127.0.0.1:22/',
    'backstage.io/edit-url': 'http://10.0.0.1/edit',
    'backstage.io/techdocs-ref': 'url:http://192.168.0.1/docs',
    'backstage.io/kubernetes-id': 'metadata-probe',
    'backstage.io/kubernetes-api-server': 'https://10.0.0.2:6443',
    'acme.example/on-call': 'user:default/aisha.okafor',
    'grafana/dashboard-selector': 'http://169.254.169.254/',
  },
  [{ url: 'http://169.254.169.254/latest/meta-data/', title: 'Probe' }],
);

describe('service overview and URLs from entities', () => {
  const databases = createPostgresTestDatabases();

  it.each(databases.eachSupportedId())(
    'fetches only what configuration points to, never a URL an entity carries, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          serviceOverviewPlugin,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({
            entities: [group('storefront-team'), hostile],
          }),
        ],
      });
      const base = `http://localhost:${(server.address() as AddressInfo).port}`;
      const realFetch = globalThis.fetch;
      const fetched: string[] = [];
      // record every request the backend makes; only its own routes are really sent
      const spy = jest
        .spyOn(globalThis, 'fetch')
        .mockImplementation(async (input, init) => {
          const url = String(input instanceof Request ? input.url : input);
          fetched.push(url);
          return url.startsWith(`${base}/`)
            ? realFetch(input, init)
            : new Response(null, { status: 599 });
        });
      try {
        const res = await request(server)
          .get('/api/service-overview/overview')
          .query({ entityRef: 'component:default/metadata-probe' });
        expect(res.status).toBe(200);
        expect(res.body.entityRef).toBe('component:default/metadata-probe');
        // the one outbound call: the insights plugin, found through discovery
        expect(fetched.length).toBeGreaterThan(0);
        for (const url of fetched) {
          expect(url).toMatch(
            new RegExp(`^${base}/api/insights/dora\\?entityRef=`),
          );
        }
      } finally {
        spy.mockRestore();
      }
    },
  );
});
