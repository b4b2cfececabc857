import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ServiceOverview } from '@internal/plugin-service-overview-common';
import { createServiceOverviewActions } from './createServiceOverviewActions';

const LEADER = mockCredentials.user('user:default/leader');

const checkout: ServiceOverview = {
  entityRef: 'component:default/checkout',
  name: 'checkout',
  lifecycle: 'production',
  owner: {
    entityRef: 'group:default/storefront-team',
    exists: true,
    onCall: 'user:default/jane',
  },
  dashboards: [],
  runtime: { kubernetesId: 'checkout', clusters: ['prod'] },
};

function setUp(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const actionsRegistry = actionsRegistryServiceMock();
  const services = {
    overview: jest.fn(async (ref: string) => {
      if (ref !== checkout.entityRef)
        throw new NotFoundError(`${ref}: no such entity`);
      return checkout;
    }),
  };
  const coverage = {
    uncatalogued: jest.fn(async () => ({
      items: [
        {
          organization: 'acme',
          name: 'legacy-billing',
          url: 'https://github.com/acme/legacy-billing',
          likelyOwner: 'group:default/payments-team',
          likelyOwnerSource: 'codeowners' as const,
        },
      ],
      totalItems: 1,
    })),
  };
  createServiceOverviewActions({
    actionsRegistry,
    permissions: mockServices.permissions({ result }),
    services,
    coverage,
  });
  const invoke = (
    name: string,
    input: Record<string, unknown>,
    credentials: any = LEADER,
  ) =>
    actionsRegistry.invoke({
      id: `test:${name}`,
      input: input as any,
      credentials,
    });
  return { services, coverage, invoke };
}

describe('service overview actions', () => {
  it('gives the overview of an entity, read as the caller', async () => {
    const { invoke, services } = setUp();
    const { output } = await invoke('get-service-overview', {
      entityRef: 'Checkout',
    });
    expect(output).toEqual(checkout);
    expect(services.overview).toHaveBeenCalledWith(
      'component:default/checkout',
      LEADER,
    );
  });

  it.each(['check out', 'component:default/a/b', 'caf\u00e9', 'x\0y'])(
    'refuses %p as an entity ref',
    async entityRef => {
      const { invoke, services } = setUp();
      await expect(
        invoke('get-service-overview', { entityRef }),
      ).rejects.toThrow(/entityRef: not an entity reference/);
      expect(services.overview).not.toHaveBeenCalled();
    },
  );

  it('refuses a ref longer than 400 characters', async () => {
    const { invoke } = setUp();
    await expect(
      invoke('get-service-overview', { entityRef: 'a'.repeat(401) }),
    ).rejects.toThrow(/^entityRef: String must contain at most 400/);
  });

  it('lists the repositories not yet in the catalog, a page at a time', async () => {
    const { invoke, coverage } = setUp();
    const { output } = await invoke('list-uncatalogued-repositories', {
      organization: 'acme',
      limit: 10,
    });
    expect(output).toMatchObject({ totalItems: 1 });
    expect(coverage.uncatalogued).toHaveBeenCalledWith({
      offset: 0,
      limit: 10,
      organization: 'acme',
    });
  });

  it.each([
    [{ limit: 0 }, /^limit: Number must be greater than or equal to 1$/],
    [{ limit: 101 }, /^limit: Number must be less than or equal to 100$/],
    [{ offset: -1 }, /^offset: Number must be greater than or equal to 0$/],
    [
      { organization: '-acme' },
      /^organization: not a GitHub organisation name$/,
    ],
    [{ org: 'acme' }, /^org: is not an input of this action$/],
  ])('refuses the page %p naming the field', async (input, message) => {
    const { invoke, coverage } = setUp();
    await expect(
      invoke('list-uncatalogued-repositories', input),
    ).rejects.toThrow(message);
    expect(coverage.uncatalogued).not.toHaveBeenCalled();
  });

  it('refuses a caller the policy does not let read the coverage', async () => {
    const { invoke, coverage } = setUp(AuthorizeResult.DENY);
    await expect(invoke('list-uncatalogued-repositories', {})).rejects.toThrow(
      'not allowed: service-overview.coverage.read',
    );
    expect(coverage.uncatalogued).not.toHaveBeenCalled();
  });

  it('acts for signed-in users only, as the routes do', async () => {
    const { invoke } = setUp();
    const service = mockCredentials.service('plugin:catalog');
    await expect(
      invoke('get-service-overview', { entityRef: 'checkout' }, service),
    ).rejects.toThrow('signed-in user only');
    await expect(
      invoke('list-uncatalogued-repositories', {}, service),
    ).rejects.toThrow('signed-in user only');
  });
});
