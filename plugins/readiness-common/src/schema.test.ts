import {
  describeZodError,
  evaluateRequestSchema,
  saveRequestSchema,
} from './schema';
import { questionIds } from './maturity';

const answers = {
  teamSize: 'yellow',
  deploymentFriction: 'yellow',
  infrastructureComplexity: 'yellow',
  developerComplaints: 'yellow',
  shadowIt: 'red',
  onboardingTime: 'red',
  contextSwitching: 'green',
};

function messageFor(body: unknown, schema = evaluateRequestSchema): string {
  const parsed = schema.safeParse(body);
  if (parsed.success) throw new Error('expected a failure');
  return describeZodError(parsed.error);
}

describe('request validation', () => {
  it('accepts colours, numbers and maturity levels as numbers or names', () => {
    const maturity = Object.fromEntries(
      questionIds.map((q, i) => [q, i % 2 ? 3 : 'scalable']),
    );
    const parsed = evaluateRequestSchema.safeParse({
      answers: { ...answers, teamSize: { value: 50, source: 'measured' } },
      trajectory: 'growing',
      maturity,
      platformTeamSize: 4,
    });
    expect(parsed.success).toBe(true);
  });

  it.each([
    [{ answers: { ...answers, teamSize: 'blue' } }, /^answers\.teamSize: /],
    [{ answers: { ...answers, shadowIt: undefined } }, /^answers\.shadowIt: /],
    [
      { answers: { ...answers, velocity: 'green' } },
      /^answers\.velocity: unknown field$/,
    ],
    [
      { answers: { ...answers, teamSize: { value: -1 } } },
      /^answers\.teamSize\.value: must be >= 0/,
    ],
    [
      { answers: { ...answers, teamSize: { value: 12.5 } } },
      /^answers\.teamSize\.value: must be a whole number/,
    ],
    [
      { answers: { ...answers, contextSwitching: { value: 101 } } },
      /^answers\.contextSwitching\.value: must be <= 100/,
    ],
    [
      { answers: { ...answers, shadowIt: { value: 3 } } },
      /^answers\.shadowIt\.value: /,
    ],
    [
      { answers: { ...answers, shadowIt: {} } },
      /^answers\.shadowIt\.colour: needs a colour or a value/,
    ],
    [
      { answers: { ...answers, teamSize: { colour: 'purple' } } },
      /^answers\.teamSize\.colour: must be green, yellow or red/,
    ],
    [
      { answers, trajectory: 'sideways' },
      /^trajectory: must be growing or steady/,
    ],
    [{ answers, extra: 1 }, /^extra: unknown field$/],
    [{}, /^answers: is required$/],
    [
      { answers, maturity: { 'investment.people': 2 } },
      /^maturity\.investment\.funding: /,
    ],
    [
      {
        answers,
        maturity: {
          ...Object.fromEntries(questionIds.map(q => [q, 2])),
          'adoption.usage': 5,
        },
      },
      /^maturity\.adoption\.usage: must be a level 1, 2, 3 or 4/,
    ],
    [
      {
        answers,
        maturity: {
          ...Object.fromEntries(questionIds.map(q => [q, 2])),
          'adoption.usage': 'expert',
        },
      },
      /^maturity\.adoption\.usage: must be a level/,
    ],
    [{ answers, platformTeamSize: -2 }, /^platformTeamSize: must be >= 0/],
  ])('%j → %s', (body, message) => {
    expect(messageFor(body)).toMatch(message);
  });

  it('needs the group when saving', () => {
    expect(messageFor({ answers }, saveRequestSchema)).toMatch(/^groupRef: /);
    expect(
      saveRequestSchema.safeParse({
        answers,
        groupRef: 'group:default/payments-team',
      }).success,
    ).toBe(true);
  });
});

describe('text and references a save stores', () => {
  const save = { groupRef: 'group:default/payments-team', answers };

  it('normalises the group reference', () => {
    const parsed = saveRequestSchema.safeParse({
      ...save,
      groupRef: 'Payments-Team',
      note: 'Q1\nreview',
    });
    expect(parsed.success && parsed.data.groupRef).toBe(
      'group:default/payments-team',
    );
  });

  it.each([
    [
      { ...save, groupRef: 'group:default/team\u0000' },
      /^groupRef: must be a group entity reference/,
    ],
    [
      { ...save, groupRef: 'group:default/a b' },
      /^groupRef: must be a group entity reference/,
    ],
    [
      { ...save, groupRef: 'user:default/elena' },
      /^groupRef: a user is not a Group reference/,
    ],
    [
      { ...save, note: 'x\u0000' },
      /^note: must not contain control characters/,
    ],
    [
      { ...save, note: 'x\ud800' },
      /^note: must not contain control characters/,
    ],
    [
      {
        ...save,
        answers: {
          ...answers,
          shadowIt: { colour: 'red', evidence: 'a\u0000' },
        },
      },
      /^answers\.shadowIt\.evidence: must not contain control characters/,
    ],
  ])('refuses %j', (body, message) => {
    expect(messageFor(body, saveRequestSchema as any)).toMatch(message);
  });
});
