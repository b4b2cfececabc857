import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { actionContext } from '../__testUtils__/context';
import { createValidateNameAction } from './validateName';

const catalog = catalogServiceMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout-service', namespace: 'default' },
      spec: {
        type: 'service',
        owner: 'payments-team',
        lifecycle: 'production',
      },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'orders-db', namespace: 'default' },
      spec: { type: 'database', owner: 'payments-team' },
    },
  ],
});

const withCluster = new ConfigReader({
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          { name: 'dev', url: 'https://k8s:6443', serviceAccountToken: 't' },
        ],
      },
    ],
  },
});

async function validate(
  input: Record<string, unknown>,
  config = new ConfigReader({}),
  checkpoints?: Map<string, unknown>,
) {
  const ctx = actionContext({ input, checkpoints });
  await createValidateNameAction({ catalog, config }).handler(ctx);
  return ctx;
}

describe('acme:validate-name', () => {
  it('accepts a free DNS-1123 name and reports whether Kubernetes is configured', async () => {
    const ctx = await validate({ name: 'orders-api', environments: ['dev'] });
    expect(ctx.output).toHaveBeenCalledWith('kubernetesConfigured', false);
    const ctx2 = await validate({ name: 'orders-api' }, withCluster);
    expect(ctx2.output).toHaveBeenCalledWith('kubernetesConfigured', true);
    expect(ctx2.output).toHaveBeenCalledWith('clusters', ['dev']);
  });

  it.each([
    ['Orders', /name: "Orders" must consist of lower-case letters/],
    ['orders_api', /must consist of lower-case letters/],
    ['-orders', /start and end with a letter or digit/],
    ['x'.repeat(64), /must be at most 63 characters, got 64/],
  ])('refuses the invalid name %j', async (name, message) => {
    await expect(validate({ name })).rejects.toThrow(message);
  });

  it('refuses a name already in the catalog', async () => {
    await expect(validate({ name: 'checkout-service' })).rejects.toThrow(
      'name: "checkout-service" is already taken in the catalog by component:default/checkout-service; choose another name',
    );
  });

  it('refuses a name whose database resource is taken', async () => {
    await expect(validate({ name: 'orders', database: true })).rejects.toThrow(
      /taken in the catalog by resource:default\/orders-db/,
    );
    await expect(
      validate({ name: 'orders', database: false }),
    ).resolves.toBeDefined();
  });

  it('refuses a name whose namespace would be longer than 63 characters', async () => {
    // 'x' × 53 + '-production' = 53 + 11 = 64 characters.
    await expect(
      validate({ name: 'x'.repeat(53), environments: ['production'] }),
    ).rejects.toThrow(
      /namespace .* would have 64 characters \(at most 63\); use at most 52 characters/,
    );
    await expect(
      validate({ name: 'x'.repeat(52), environments: ['production'] }),
    ).resolves.toBeDefined();
  });

  it('replays its first answer when the task is retried after registering the entity', async () => {
    const checkpoints = new Map<string, unknown>([
      ['validate-name-checkout-service', []],
    ]);
    await expect(
      validate({ name: 'checkout-service' }, undefined, checkpoints),
    ).resolves.toBeDefined();
  });
});
