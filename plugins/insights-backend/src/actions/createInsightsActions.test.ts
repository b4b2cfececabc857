import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AdoptionSummary, DoraSummary } from '@internal/plugin-insights-common';
import { component, group } from '../__testUtils__/github';
import { ScopeResolver } from '../services/Scope/ScopeResolver';
import { createInsightsActions } from './createInsightsActions';

const entities = [
  group('payments-team'),
  component('payments', 'payments-team', 'Acme/Payments'),
  component('cart', 'storefront-team', 'acme/cart'),
];

const noFigures = {
  category: null,
} as const;

/** The DORA answer for a scope: figures are the services' business, the scope is ours. */
function doraFor(input: {
  from: Date;
  to: Date;
  scope: DoraSummary['scope'];
}): DoraSummary {
  return {
    scope: input.scope,
    window: {
      from: input.from.toISOString(),
      to: input.to.toISOString(),
      days: 31,
      weeks: 4,
      months: 1,
    },
    deploymentFrequency: {
      deployments: 0,
      deploymentsPerWeek: 0,
      medianDeployDaysPerWeek: null,
      medianDeployDaysPerMonth: null,
      ...noFigures,
    },
    leadTimeForChanges: {
      changes: 0,
      medianHours: null,
      p90Hours: null,
      ...noFigures,
    },
    changeFailureRate: {
      deployments: 0,
      failedDeployments: 0,
      rate: null,
      ...noFigures,
    },
    timeToRestore: { incidents: 0, medianHours: null, ...noFigures },
    weekly: [],
  };
}

function setUp(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const actionsRegistry = actionsRegistryServiceMock();
  const dora = { summary: jest.fn(async (input: any) => doraFor(input)) };
  const adoption = {
    summary: jest.fn(
      async (input: any): Promise<AdoptionSummary> => ({
        group: input.group,
        window: {
          from: input.from.toISOString(),
          to: input.to.toISOString(),
        },
        kpis: [],
        goldenPathUsage: [],
        components: [],
      }),
    ),
  };
  createInsightsActions({
    actionsRegistry,
    permissions: mockServices.permissions({ result }),
    scopes: new ScopeResolver(catalogServiceMock({ entities })),
    dora,
    adoption,
  });
  const invoke = (id: string, input: Record<string, unknown>) =>
    actionsRegistry.invoke({
      id: `test:${id}`,
      input: input as any,
      credentials: mockCredentials.user('user:default/leader'),
    });
  return { actionsRegistry, dora, adoption, invoke };
}

const WINDOW = { from: '2025-01-01', to: '2025-02-01' };

describe('insights actions', () => {
  it('lists both actions as read-only, with their input described', async () => {
    const { actionsRegistry } = setUp();
    const { actions } = await actionsRegistry.list();
    expect(actions.map(a => a.name)).toEqual([
      'get-dora-metrics',
      'get-platform-adoption',
    ]);
    const dora = actions[0];
    expect(dora.attributes).toEqual({
      readOnly: true,
      idempotent: true,
      destructive: false,
    });
    expect(dora.schema.input).toMatchObject({
      type: 'object',
      required: ['from', 'to'],
      additionalProperties: false,
    });
  });

  it('gives the DORA metrics of one component, of a team and of the organisation', async () => {
    const { invoke, dora } = setUp();
    const one = await invoke('get-dora-metrics', {
      entityRef: 'payments',
      ...WINDOW,
    });
    expect((one.output as DoraSummary).scope).toEqual({
      entityRef: 'component:default/payments',
      repositories: 1,
    });
    expect(dora.summary).toHaveBeenLastCalledWith(
      expect.objectContaining({
        repositories: ['acme/payments'],
        from: new Date('2025-01-01T00:00:00Z'),
        to: new Date('2025-02-01T00:00:00Z'),
      }),
    );

    const team = await invoke('get-dora-metrics', {
      group: 'payments-team',
      ...WINDOW,
    });
    expect((team.output as DoraSummary).scope).toEqual({
      group: 'group:default/payments-team',
      repositories: 1,
    });

    const organisation = await invoke('get-dora-metrics', WINDOW);
    expect((organisation.output as DoraSummary).scope).toEqual({
      repositories: 2,
    });
  });

  it('gives the adoption of a team', async () => {
    const { invoke, adoption } = setUp();
    const { output } = await invoke('get-platform-adoption', {
      group: 'group:default/payments-team',
      ...WINDOW,
    });
    expect((output as AdoptionSummary).group).toBe(
      'group:default/payments-team',
    );
    expect(adoption.summary.mock.calls[0][0].components).toHaveLength(1);
  });

  it.each([
    [{ from: '2025-02-30', to: '2025-03-01' }, /from: .*day 30 does not exist/],
    [{ from: '2025-03-01', to: '2025-01-01' }, /is not before to/],
    [{ from: '2020-01-01', to: '2025-01-01' }, /longer than 2 years/],
    [
      { ...WINDOW, entityRef: 'pay\0ments' },
      /^entityRef: contains a NUL character$/,
    ],
    [
      { ...WINDOW, entityRef: 'x'.repeat(501) },
      /^entityRef: String must contain at most 500/,
    ],
    [{ ...WINDOW, group: 'payments-team', entityRef: 'payments' }, /not both/],
    [{ ...WINDOW, group: 'component:default/payments' }, /is not a group/],
    [{ ...WINDOW, group: 'nobody' }, /unknown group/],
    [
      { ...WINDOW, repository: 'acme/payments' },
      /^repository: is not an input of this action$/,
    ],
    [{ from: '2025-01-01' }, /^to: is required$/],
  ])(
    'refuses invalid input for DORA (case %#), naming the problem',
    async (input, message) => {
      const { invoke, dora } = setUp();
      await expect(invoke('get-dora-metrics', input)).rejects.toThrow(message);
      expect(dora.summary).not.toHaveBeenCalled();
    },
  );

  it('refuses an entity for adoption: it is by team or organisation', async () => {
    const { invoke } = setUp();
    await expect(
      invoke('get-platform-adoption', { ...WINDOW, entityRef: 'payments' }),
    ).rejects.toThrow(/^entityRef: is not an input of this action$/);
  });

  it('refuses a caller the policy does not let read insights', async () => {
    const { invoke, dora, adoption } = setUp(AuthorizeResult.DENY);
    await expect(invoke('get-dora-metrics', WINDOW)).rejects.toThrow(
      'not allowed: insights.read',
    );
    await expect(invoke('get-platform-adoption', WINDOW)).rejects.toThrow(
      'not allowed: insights.read',
    );
    expect(dora.summary).not.toHaveBeenCalled();
    expect(adoption.summary).not.toHaveBeenCalled();
  });
});
