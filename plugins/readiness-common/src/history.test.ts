import {
  compareAssessments,
  daysBetween,
  isStale,
  AssessmentSnapshot,
} from './history';

const colours = {
  teamSize: 'yellow',
  deploymentFriction: 'yellow',
  infrastructureComplexity: 'red',
  developerComplaints: 'yellow',
  shadowIt: 'red',
  onboardingTime: 'yellow',
  contextSwitching: 'green',
} as const;

describe('history', () => {
  it.each([
    ['2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z', 90, false], // Jan 31 + Feb 28 + Mar 31 = 90 days: not over 90
    ['2025-01-01T00:00:00Z', '2025-04-02T00:00:00Z', 91, true], // 91 > 90
    ['2025-01-01T00:00:00Z', '2025-04-01T23:59:59Z', 90, false], // 90 days and 23:59:59 → 90 whole days
    ['2025-03-01T00:00:00Z', '2025-03-01T12:00:00Z', 0, false],
  ])('from %s to %s: %d days, stale %s', (from, to, days, stale) => {
    expect(daysBetween(new Date(from), new Date(to))).toBe(days);
    expect(isStale(new Date(from), new Date(to))).toBe(stale);
  });

  it('counts no assessment at all as due', () => {
    expect(isStale(null, new Date())).toBe(true);
  });

  it('compares two assessments, older first, with aspect deltas on hundredths', () => {
    const older: AssessmentSnapshot = {
      id: 'a',
      assessedAt: '2025-01-15T10:00:00Z',
      verdict: 'mixed',
      trajectory: null,
      colours,
      aspectScores: {
        investment: 1.33,
        adoption: 2,
        interfaces: 1.67,
        operations: 2.33,
        measurement: 1,
      },
    };
    const newer: AssessmentSnapshot = {
      id: 'b',
      assessedAt: '2025-04-20T10:00:00Z',
      verdict: 'plan',
      trajectory: null,
      colours: { ...colours, infrastructureComplexity: 'yellow' },
      aspectScores: {
        investment: 2.67,
        adoption: 2,
        interfaces: 3,
        operations: 2,
        measurement: 1.33,
      },
    };
    const diff = compareAssessments(newer, older);
    expect(diff.before.id).toBe('a');
    expect(diff.verdictChanged).toBe(true);
    expect(diff.factors.filter(f => f.changed).map(f => f.factor)).toEqual([
      'infrastructureComplexity',
    ]);
    expect(diff.aspects.map(a => a.delta)).toEqual([
      1.34, // 267 − 133 = 134 hundredths
      0, // 200 − 200
      1.33, // 300 − 167 = 133
      -0.33, // 200 − 233 = −33
      0.33, // 133 − 100 = 33
    ]);
    // Jan 15 → Apr 15 is 16 + 28 + 31 + 15 = 90 days, + 5 to Apr 20 = 95
    expect(diff.daysApart).toBe(95);
  });

  it('has no delta when one side has no maturity answers', () => {
    const a: AssessmentSnapshot = {
      id: 'a',
      assessedAt: '2025-01-01T00:00:00Z',
      verdict: 'wait',
      trajectory: null,
      colours,
      aspectScores: null,
    };
    expect(
      compareAssessments(a, { ...a, id: 'b' }).aspects[0].delta,
    ).toBeNull();
  });
});
