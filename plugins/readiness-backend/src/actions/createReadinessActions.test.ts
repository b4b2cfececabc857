import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  evaluateReadiness,
  ReadinessResult,
  SavedAssessment,
} from '@internal/plugin-readiness-common';
import { createReadinessActions } from './createReadinessActions';

const answers = {
  teamSize: 'yellow',
  deploymentFriction: 'yellow',
  infrastructureComplexity: 'yellow',
  developerComplaints: 'yellow',
  shadowIt: 'red',
  onboardingTime: 'red',
  contextSwitching: 'green',
} as const;
const ID = '2c5e8f0a-1b2c-4d3e-8f9a-0b1c2d3e4f5a';
const LEADER = mockCredentials.user('user:default/leader');

const saved: SavedAssessment = {
  id: ID,
  groupRef: 'group:default/payments-team',
  groupTitle: 'Payments',
  scope: 'team',
  assessedAt: '2025-03-01T10:00:00.000Z',
  author: 'user:default/leader',
  note: null,
  trajectory: 'growing',
  platformTeamSize: 4,
  maturityAnswers: null,
  result: evaluateReadiness({ answers, trajectory: 'growing' }),
};

function setUp(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const actionsRegistry = actionsRegistryServiceMock();
  const service = {
    evaluate: jest.fn(evaluateReadiness),
    list: jest.fn(async ({ groupRef }: { groupRef?: string }) =>
      groupRef === saved.groupRef ? [{ id: ID } as any] : [],
    ),
    get: jest.fn(async () => saved),
  };
  createReadinessActions({
    actionsRegistry,
    permissions: mockServices.permissions({ result }),
    service,
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
  return { actionsRegistry, service, invoke };
}

describe('readiness actions', () => {
  it('describes each factor of the readiness table with its colours', async () => {
    const { actionsRegistry } = setUp();
    const { actions } = await actionsRegistry.list();
    const evaluate = actions.find(a => a.name === 'evaluate-readiness')!;
    const factors = (evaluate.schema.input as any).properties.answers;
    expect(Object.keys(factors.properties)).toEqual(Object.keys(answers));
    expect(factors.properties.teamSize.description).toMatch(
      /Team size.*green: 100\+ engineers/,
    );
  });

  it('evaluates with the model', async () => {
    const { invoke } = setUp();
    const { output } = await invoke('evaluate-readiness', {
      answers: { ...answers, teamSize: { value: 120 } },
      trajectory: 'growing',
    });
    const result = output as ReadinessResult;
    expect(result.answers[0]).toEqual({
      factor: 'teamSize',
      colour: 'green',
      value: 120,
      source: 'declared',
      evidence: null,
    });
    expect(result.verdict).toEqual(
      evaluateReadiness({
        answers: { ...answers, teamSize: { value: 120 } },
        trajectory: 'growing',
      }).verdict,
    );
  });

  it.each([
    [{ answers: { ...answers, teamSize: 'blue' } }, /^answers\.teamSize: /],
    [
      { answers: { ...answers, extra: 'red' } },
      /^answers\.extra: is not an input of this action$/,
    ],
    [
      { answers: { ...answers, teamSize: { value: -1 } } },
      /answers\.teamSize\.value: must be >= 0/,
    ],
    [
      {
        answers: { ...answers, teamSize: { colour: 'red', evidence: 'a\0b' } },
      },
      /^answers\.teamSize\.evidence: must not contain control characters/,
    ],
    [
      { answers: { ...answers, shadowIt: { value: 3 } } },
      /answers\.shadowIt\.value: Shadow IT does not take a number|shadowIt/,
    ],
    [
      { answers: { ...answers, shadowIt: {} } },
      /answers\.shadowIt\.colour: needs a colour or a value/,
    ],
    [{ answers, platformTeamSize: 1.5 }, /^platformTeamSize: Expected integer/],
  ])(
    'refuses invalid answers (case %#), naming the problem',
    async (input, message) => {
      const { invoke, service } = setUp();
      await expect(invoke('evaluate-readiness', input)).rejects.toThrow(
        message,
      );
      expect(service.evaluate).not.toHaveBeenCalled();
    },
  );

  it("gives a team's latest assessment, by any spelling of its ref", async () => {
    const { invoke, service } = setUp();
    const { output } = await invoke('get-latest-readiness-assessment', {
      group: 'Payments-Team',
    });
    expect(output).toEqual({
      groupRef: 'group:default/payments-team',
      assessment: JSON.parse(JSON.stringify(saved)),
    });
    expect(service.list).toHaveBeenCalledWith({
      groupRef: 'group:default/payments-team',
      limit: 1,
    });
    const none = await invoke('get-latest-readiness-assessment', {
      group: 'group:default/storefront-team',
    });
    expect(none.output).toEqual({
      groupRef: 'group:default/storefront-team',
      assessment: null,
    });
  });

  it.each(['component:default/payments', 'payments team', 'a/b/c'])(
    'refuses %p as a group',
    async group => {
      const { invoke, service } = setUp();
      await expect(
        invoke('get-latest-readiness-assessment', { group }),
      ).rejects.toThrow(/group: .*group entity reference/);
      expect(service.list).not.toHaveBeenCalled();
    },
  );

  it('refuses a caller the policy does not let read assessments', async () => {
    const { invoke, service } = setUp(AuthorizeResult.DENY);
    await expect(
      invoke('get-latest-readiness-assessment', { group: 'payments-team' }),
    ).rejects.toThrow('Not allowed: readiness.assessment.read');
    expect(service.list).not.toHaveBeenCalled();
  });

  it('acts for signed-in users only, as the routes do', async () => {
    const { invoke } = setUp();
    const service = mockCredentials.service('plugin:catalog');
    await expect(
      invoke('evaluate-readiness', { answers }, service),
    ).rejects.toThrow('signed-in user only');
    await expect(
      invoke(
        'get-latest-readiness-assessment',
        { group: 'payments-team' },
        service,
      ),
    ).rejects.toThrow('signed-in user only');
  });
});
