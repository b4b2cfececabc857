import { evaluateReadiness, resolveAnswer, ReadinessAnswers } from './evaluate';
import { questionIds } from './maturity';

const planAnswers: ReadinessAnswers = {
  teamSize: { value: 72 }, // 50 ≤ 72 ≤ 99 → yellow
  deploymentFriction: 'yellow',
  infrastructureComplexity: 'yellow',
  developerComplaints: 'yellow',
  shadowIt: 'red',
  onboardingTime: { value: 1.5 }, // 1.5 ≤ 2 → red
  contextSwitching: { colour: 'green' },
};

describe('evaluateReadiness', () => {
  it('turns numbers into colours and answers into a verdict', () => {
    const result = evaluateReadiness({ answers: planAnswers });
    expect(result.answers.map(a => a.colour)).toEqual([
      'yellow',
      'yellow',
      'yellow',
      'yellow',
      'red',
      'red',
      'green',
    ]);
    // yellow: teamSize, deploymentFriction, infrastructureComplexity, developerComplaints = 4 ≥ 4
    expect(result.verdict.verdict).toBe('plan');
    expect(result.verdict.counts).toEqual({ green: 1, yellow: 4, red: 2 });
    expect(result.maturity).toBeNull();
    expect(result.recommendations[0].title).toBe('Start planning');
    expect(result.recommendations.find(r => r.kind === 'scale')!.choice).toBe(
      'domain',
    );
  });

  it('keeps the number and whether it was measured', () => {
    expect(
      resolveAnswer('teamSize', {
        value: 120,
        source: 'measured',
        evidence: 'catalog',
      }),
    ).toEqual({
      factor: 'teamSize',
      colour: 'green',
      value: 120,
      source: 'measured',
      evidence: 'catalog',
    });
    expect(resolveAnswer('shadowIt', 'red')).toMatchObject({
      colour: 'red',
      value: null,
      source: 'declared',
    });
  });

  it('scores the maturity answers and lets the overall level choose the phase', () => {
    const maturity = Object.fromEntries(
      questionIds.map(q => [q, 'operational' as const]),
    );
    const result = evaluateReadiness({
      answers: {
        ...planAnswers,
        // 5 green: teamSize 150 (≥100), friction, complexity, complaints, shadowIt
        teamSize: { value: 150 },
        deploymentFriction: 'green',
        infrastructureComplexity: 'green',
        developerComplaints: 'green',
        shadowIt: 'green',
      },
      maturity,
    });
    expect(result.verdict.verdict).toBe('now');
    // every answer is level 2 → every aspect 2.00, overall 2.00 → level 2 → Phase 2
    expect(result.maturity!.overall).toBe(2);
    expect(result.recommendations.find(r => r.kind === 'phase')!.choice).toBe(
      'phase2',
    );
    // 100+ engineers with green infrastructure complexity → complex, up to 24 months or more
    expect(
      result.recommendations.find(r => r.kind === 'duration')!.choice,
    ).toBe('complex');
  });
});
