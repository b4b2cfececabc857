import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { prebuildDocs } from './prebuildDocs';

const documented = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
  },
  spec: {},
});

describe('prebuildDocs', () => {
  const discovery = mockServices.discovery.mock({
    getBaseUrl: async () => 'http://portal/api/techdocs',
  });

  it('asks TechDocs to sync every documented entity, and only those', async () => {
    const catalog = catalogServiceMock({
      entities: [
        documented('checkout-service'),
        documented('payment-gateway'),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'cart-service', namespace: 'default' },
          spec: {},
        },
      ],
    });
    const fetch = jest.fn(
      async () => new Response('event: finish\ndata: {"updated":true}\n\n'),
    );

    const result = await prebuildDocs({
      auth: mockServices.auth(),
      catalog,
      discovery,
      logger: mockServices.logger.mock(),
      fetch,
    });

    expect(result).toEqual({ built: 2, failed: 0 });
    const urls = fetch.mock.calls.map(call => (call as unknown[])[0]).sort();
    expect(urls).toEqual([
      'http://portal/api/techdocs/sync/default/component/checkout-service',
      'http://portal/api/techdocs/sync/default/component/payment-gateway',
    ]);
  });

  it('counts a failed build and carries on with the next entity', async () => {
    const catalog = catalogServiceMock({
      entities: [documented('broken'), documented('fine')],
    });
    const fetch = jest.fn(async (url: string) =>
      url.endsWith('/broken')
        ? new Response('event: error\ndata: "mkdocs failed"\n\n')
        : new Response('event: finish\ndata: {"updated":false}\n\n'),
    );
    const logger = mockServices.logger.mock();

    const result = await prebuildDocs({
      auth: mockServices.auth(),
      catalog,
      discovery,
      logger,
      fetch: fetch as unknown as typeof globalThis.fetch,
    });

    expect(result).toEqual({ built: 1, failed: 1 });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('default/Component/broken'),
    );
  });
});
