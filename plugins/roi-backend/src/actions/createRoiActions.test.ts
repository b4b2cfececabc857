import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { NotAllowedError } from '@backstage/errors';
import {
  calculateRoi,
  RoiInputs,
  RoiResult,
  RoiScenario,
  SEED_EXAMPLE_INPUTS,
  validateRoiInputs,
} from '@internal/plugin-roi-common';
import { createRoiActions } from './createRoiActions';

const ID = '0b6f6c1e-4d4a-4c52-9a37-3c1f0f4f2a10';
const LEADER = mockCredentials.user('user:default/leader');

const saved: RoiScenario = {
  id: ID,
  name: 'Checkout platform',
  description: '',
  inputs: (validateRoiInputs(SEED_EXAMPLE_INPUTS) as { inputs: RoiInputs })
    .inputs,
  ownerRef: 'user:default/leader',
  sharedWithGroups: ['group:default/leadership'],
  sharedByLink: true,
  shareToken: 'secret-share-token-123',
  version: 2,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-02T00:00:00.000Z',
  updatedBy: 'user:default/leader',
  canEdit: true,
};

function setUp() {
  const actionsRegistry = actionsRegistryServiceMock();
  const scenarios = {
    list: jest.fn(async () => ({
      items: [
        {
          ...saved,
          inputs: undefined,
          shareToken: undefined,
          currency: 'EUR',
          roiPercent: 12.5,
          paybackMonths: 10,
          netGain: 35_000,
        },
      ],
    })),
    get: jest.fn(async (_credentials: unknown, id: string) => {
      if (id !== ID) throw new NotAllowedError('roi.scenario.read: not yours');
      return saved;
    }),
  };
  createRoiActions({ actionsRegistry, scenarios: scenarios as any });
  const invoke = (
    name: string,
    input: Record<string, unknown>,
    credentials = LEADER,
  ) =>
    actionsRegistry.invoke({
      id: `test:${name}`,
      input: input as any,
      credentials,
    });
  return { actionsRegistry, scenarios, invoke };
}

describe('ROI actions', () => {
  it('describes every input of the method, with its name in the method', async () => {
    const { actionsRegistry } = setUp();
    const { actions } = await actionsRegistry.list();
    const calculate = actions.find(a => a.name === 'calculate-roi')!;
    const inputs = (calculate.schema.input as any).properties.inputs;
    expect(inputs.required).toEqual(Object.keys(SEED_EXAMPLE_INPUTS));
    expect(inputs.properties.devCosts.description).toMatch(/DevCosts/);
    expect(inputs.properties.improvedProductivityPct).toMatchObject({
      minimum: 0,
      maximum: 100,
    });
  });

  it('calculates with the model, defaults applied', async () => {
    const { invoke } = setUp();
    const { output } = await invoke('calculate-roi', {
      inputs: SEED_EXAMPLE_INPUTS,
    });
    expect(output).toEqual(
      JSON.parse(JSON.stringify(calculateRoi(saved.inputs))),
    );
    expect((output as RoiResult).currency).toBe('EUR');
  });

  it.each([
    [
      { ...SEED_EXAMPLE_INPUTS, devCosts: -1 },
      /^inputs\.devCosts: Number must be greater than or equal to 0$/,
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, improvedProductivityPct: 101 },
      /^inputs\.improvedProductivityPct: Number must be less than or equal to 100$/,
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, currency: 'EU\0' },
      /^inputs\.currency: must be an ISO 4217 currency code$/,
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, currency: 'ABC' },
      /^inputs\.currency: must be an ISO 4217 currency code$/,
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, periodMonths: 1.5 },
      /^inputs\.periodMonths: Expected integer/,
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, extra: 1 },
      /^inputs\.extra: is not an input of this action$/,
    ],
    [
      {
        ...SEED_EXAMPLE_INPUTS,
        designCosts: 0,
        addLicenceCosts: 0,
        trainingCosts: 0,
      },
      /inputs\.investment: designCosts \+ addLicenceCosts \+ trainingCosts must be greater than 0/,
    ],
    [
      { ...SEED_EXAMPLE_INPUTS, devCosts: 0.001 },
      /inputs\.devCosts: must be 0 or at least/,
    ],
  ])('refuses invalid inputs (case %#)', async (inputs, message) => {
    const { invoke } = setUp();
    await expect(invoke('calculate-roi', { inputs })).rejects.toThrow(message);
  });

  it('lists the business cases the service lets the caller read', async () => {
    const { invoke, scenarios } = setUp();
    const { output } = await invoke('list-roi-business-cases', { limit: 5 });
    expect((output as any).items.map((i: any) => i.name)).toEqual([
      'Checkout platform',
    ]);
    expect(scenarios.list).toHaveBeenCalledWith(LEADER, { limit: 5 });
    await expect(
      invoke('list-roi-business-cases', { limit: 201 }),
    ).rejects.toThrow(/^limit: Number must be less than or equal to 200$/);
  });

  it('gives one business case with its result, without the share-link token', async () => {
    const { invoke } = setUp();
    const { output } = await invoke('get-roi-business-case', { id: ID });
    expect(output).toMatchObject({ id: ID, version: 2, sharedByLink: true });
    expect(output).not.toHaveProperty('shareToken');
    expect((output as any).result.roiPercent).toBe(
      calculateRoi(saved.inputs).roiPercent,
    );
    await expect(
      invoke('get-roi-business-case', { id: 'not-a-uuid' }),
    ).rejects.toThrow(/^id: Invalid uuid$/);
  });

  it('passes on the refusal of a business case the caller may not read', async () => {
    const { invoke } = setUp();
    await expect(
      invoke('get-roi-business-case', {
        id: '1b6f6c1e-4d4a-4c52-9a37-3c1f0f4f2a10',
      }),
    ).rejects.toThrow(NotAllowedError);
  });

  it('acts for signed-in users only, as the routes do', async () => {
    const { invoke, scenarios } = setUp();
    const service = mockCredentials.service('plugin:catalog');
    for (const [name, input] of [
      ['calculate-roi', { inputs: SEED_EXAMPLE_INPUTS }],
      ['list-roi-business-cases', {}],
      ['get-roi-business-case', { id: ID }],
    ] as const) {
      await expect(invoke(name, input, service as any)).rejects.toThrow(
        'the ROI actions act for a signed-in user only',
      );
    }
    expect(scenarios.list).not.toHaveBeenCalled();
  });
});
