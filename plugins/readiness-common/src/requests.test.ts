import { InputError } from '@backstage/errors';
import { toEvaluateRequest, toSaveRequest } from './requests';

const answers = {
  teamSize: { value: 72 },
  deploymentFriction: 'yellow',
  infrastructureComplexity: 'yellow',
  developerComplaints: 'yellow',
  shadowIt: 'red',
  onboardingTime: { value: 2 },
  contextSwitching: { value: 30 },
} as const;

describe('the domain rules after the contract', () => {
  it('turns maturity level names into numbers', () => {
    const request = toEvaluateRequest({
      answers,
      maturity: { 'investment.people': 'scalable' } as any,
    });
    expect(request.maturity).toEqual({ 'investment.people': 3 });
    expect(request.answers).toEqual(answers);
  });

  it('refuses an answer with neither a colour nor a value, naming it', () => {
    const attempt = () =>
      toEvaluateRequest({
        answers: { ...answers, shadowIt: { source: 'declared' } },
      });
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(
      'answers.shadowIt.colour: needs a colour or a value',
    );
  });

  it('writes the group in one spelling and refuses another kind', () => {
    expect(toSaveRequest({ answers, groupRef: 'Payments-Team' }).groupRef).toBe(
      'group:default/payments-team',
    );
    expect(() =>
      toSaveRequest({ answers, groupRef: 'component:default/portal' }),
    ).toThrow(/^groupRef: a component is not a Group reference/);
  });
});
