import { questionIds } from '@internal/plugin-readiness-common';
import { emptyFactors, effectiveColour } from './FactorForm';
import { buildRequest } from './ReadinessPage';

describe('buildRequest', () => {
  it('waits for all seven factors, then sends numbers, colours and whether they were measured', () => {
    const states = emptyFactors();
    expect(buildRequest(states, '', {}, '')).toBeUndefined();
    states.teamSize = {
      value: '72',
      measured: true,
      evidence: 'Catalog: 72 users',
    };
    states.deploymentFriction = {
      colour: 'yellow',
      value: '',
      measured: false,
    };
    states.infrastructureComplexity = {
      colour: 'yellow',
      value: '',
      measured: true,
    };
    states.developerComplaints = {
      colour: 'yellow',
      value: '',
      measured: false,
    };
    states.shadowIt = { colour: 'red', value: '', measured: false };
    states.onboardingTime = { value: '2', measured: false };
    expect(buildRequest(states, '', {}, '')).toBeUndefined();
    states.contextSwitching = { colour: 'green', value: '', measured: false };
    const request = buildRequest(states, 'growing', {}, '3')!;
    expect(request.answers.teamSize).toEqual({ value: 72, source: 'measured' });
    expect(request.answers.infrastructureComplexity).toEqual({
      colour: 'yellow',
      source: 'measured',
    });
    expect(request.answers.onboardingTime).toEqual({
      value: 2,
      source: 'declared',
    });
    expect(request.trajectory).toBe('growing');
    expect(request.platformTeamSize).toBe(3);
    // Maturity is only sent once every question is answered.
    expect(request.maturity).toBeUndefined();
    const all = Object.fromEntries(questionIds.map(q => [q, 2 as const]));
    expect(buildRequest(states, '', all, '')!.maturity).toEqual(all);
  });

  it('lets the number pick the colour, and holds back an invalid number', () => {
    // 72 engineers: 50 ≤ 72 ≤ 99 → yellow, whatever colour was clicked before
    expect(
      effectiveColour('teamSize', {
        colour: 'green',
        value: '72',
        measured: false,
      }),
    ).toBe('yellow');
    const states = emptyFactors();
    for (const id of Object.keys(states) as Array<keyof typeof states>) {
      states[id] = { colour: 'red', value: '', measured: false };
    }
    states.teamSize = { value: '12.5', measured: false }; // not a whole number of engineers
    expect(effectiveColour('teamSize', states.teamSize)).toBeUndefined();
    expect(buildRequest(states, '', {}, '')).toBeUndefined();
  });
});
