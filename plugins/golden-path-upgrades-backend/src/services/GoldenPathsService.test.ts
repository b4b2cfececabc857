import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { UpgradeStore } from '../database/UpgradeStore';
import { TemplateSource } from '../lib/templateSource';
import { createGoldenPathsService } from './GoldenPathsService';
import { UpgradeService } from './UpgradeService';

const orders = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    namespace: 'default',
    annotations: {
      'acme.example/template': 'typescript-service',
      'acme.example/template-version': '1.0.0',
    },
  },
  spec: { owner: 'group:default/payments-team', type: 'service' },
};

function service(options: { owns: boolean; allowed: boolean }) {
  const upgrades: UpgradeService = {
    prepare: jest.fn(async () => ({ state: 'up-to-date' as const })),
    prepareMany: jest.fn(),
    status: jest.fn(),
    adopt: jest.fn(async () => ({} as any)),
  };
  const goldenPaths = createGoldenPathsService({
    catalog: catalogServiceMock({ entities: [orders] }),
    permissions: mockServices.permissions.mock({
      authorize: async () => [
        {
          result: options.allowed
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        },
      ],
    }),
    userInfo: mockServices.userInfo({
      ownershipEntityRefs: [
        'user:default/ada',
        ...(options.owns ? ['group:default/payments-team'] : []),
      ],
    }),
    store: {} as UpgradeStore,
    source: {} as TemplateSource,
    upgrades,
  });
  return { goldenPaths, upgrades };
}

describe('preparing an upgrade on request', () => {
  const credentials = mockCredentials.user('user:default/ada');

  it('is allowed to the owning team', async () => {
    const { goldenPaths, upgrades } = service({ owns: true, allowed: false });
    await expect(goldenPaths.prepare('orders', credentials)).resolves.toEqual({
      state: 'up-to-date',
    });
    expect(upgrades.prepare).toHaveBeenCalledWith({
      entityRef: 'component:default/orders',
      annotations: orders.metadata.annotations,
    });
  });

  it('is refused to another team', async () => {
    const { goldenPaths, upgrades } = service({ owns: false, allowed: false });
    await expect(goldenPaths.prepare('orders', credentials)).rejects.toThrow(
      'Only the owners of component:default/orders',
    );
    expect(upgrades.prepare).not.toHaveBeenCalled();
  });

  it('is allowed to whoever the permission allows (platform admins)', async () => {
    const { goldenPaths, upgrades } = service({ owns: false, allowed: true });
    await goldenPaths.prepare('orders', credentials);
    expect(upgrades.prepare).toHaveBeenCalled();
  });

  it('answers 404 for an entity not in the catalog', async () => {
    const { goldenPaths } = service({ owns: true, allowed: true });
    await expect(
      goldenPaths.prepare('component:default/nope', credentials),
    ).rejects.toThrow('is not in the catalog');
  });
});

describe('adopting a repository without .golden-path.json', () => {
  const credentials = mockCredentials.user('user:default/ada');

  it('is allowed to the owning team, with the entity’s fields and the stated version', async () => {
    const { goldenPaths, upgrades } = service({ owns: true, allowed: false });
    await goldenPaths.adopt('orders', { version: '1.0.0' }, credentials);
    // A version alone names the entity's own template (its annotation).
    expect(upgrades.adopt).toHaveBeenCalledWith(
      {
        entityRef: 'component:default/orders',
        annotations: orders.metadata.annotations,
        entity: {
          name: 'orders',
          description: undefined,
          owner: 'group:default/payments-team',
          system: undefined,
        },
      },
      {
        template: 'typescript-service',
        version: '1.0.0',
        adoptedBy: 'user:default/ada',
      },
    );
  });

  it('leaves template and version to the inference when none is stated', async () => {
    const { goldenPaths, upgrades } = service({ owns: false, allowed: true });
    await goldenPaths.adopt('orders', {}, credentials);
    expect(upgrades.adopt).toHaveBeenCalledWith(expect.anything(), {
      template: undefined,
      version: undefined,
      adoptedBy: 'user:default/ada',
    });
  });

  it('is refused to another team', async () => {
    const { goldenPaths, upgrades } = service({ owns: false, allowed: false });
    await expect(
      goldenPaths.adopt('orders', { version: '1.0.0' }, credentials),
    ).rejects.toThrow('Only the owners of component:default/orders');
    expect(upgrades.adopt).not.toHaveBeenCalled();
  });
});
