import {
  aspects,
  levelOfScore,
  meanToTwoDecimals,
  MaturityAnswers,
  questionIds,
  scoreMaturity,
} from './maturity';

/** Answers where every question of an aspect gets the given levels, in question order. */
function answersOf(perAspect: Record<string, number[]>): MaturityAnswers {
  const answers: MaturityAnswers = {};
  for (const aspect of aspects) {
    aspect.questions.forEach((q, i) => {
      answers[q.id] = perAspect[aspect.id][i] as 1 | 2 | 3 | 4;
    });
  }
  return answers;
}

describe('maturity model', () => {
  it('has five aspects of four levels with at least three questions each', () => {
    expect(aspects.map(a => a.id)).toEqual([
      'investment',
      'adoption',
      'interfaces',
      'operations',
      'measurement',
    ]);
    for (const aspect of aspects) {
      expect(aspect.levels).toHaveLength(4);
      expect(aspect.steps).toHaveLength(4);
      expect(aspect.questions.length).toBeGreaterThanOrEqual(3);
      for (const q of aspect.questions) expect(q.options).toHaveLength(4);
    }
    expect(new Set(questionIds).size).toBe(questionIds.length);
  });

  it.each([
    [[1, 1, 1], 1], // 3 / 3 = 1
    [[1, 2, 2], 1.67], // 5 / 3 = 1.666… → 1.67
    [[1, 1, 2], 1.33], // 4 / 3 = 1.333… → 1.33
    [[2, 3, 3], 2.67], // 8 / 3 = 2.666… → 2.67
    [[3, 4, 4], 3.67], // 11 / 3 = 3.666… → 3.67
    [[4, 4, 4], 4], // 12 / 3 = 4
    [[1, 2], 1.5], // 3 / 2 = 1.5
    [[1, 2, 2, 2], 1.75], // 7 / 4 = 1.75
    [[1, 1, 1, 1, 1, 1, 2], 1.14], // 8 / 7 = 1.142857… → 1.14
    [[1, 1, 1, 1, 1, 1, 1, 2], 1.13], // 9 / 8 = 1.125 → 1.13 (half up, computed as round(112.5) = 113)
  ])('mean of %j = %d', (values, mean) => {
    expect(meanToTwoDecimals(values)).toBe(mean);
  });

  it.each([
    [1, 1],
    [1.99, 1], // not yet level 2
    [2, 2],
    [2.67, 2],
    [3, 3],
    [3.67, 3],
    [4, 4],
  ])('score %d reaches level %d', (score, level) => {
    expect(levelOfScore(score)).toBe(level);
  });

  it('scores every aspect, its next level and a step in this portal', () => {
    const result = scoreMaturity(
      answersOf({
        investment: [1, 2, 2], // 5/3 = 1.67 → level 1, next 2
        adoption: [2, 3, 3], // 8/3 = 2.67 → level 2, next 3
        interfaces: [3, 3, 3], // 9/3 = 3 → level 3, next 4
        operations: [4, 4, 4], // 12/3 = 4 → level 4, no next level
        measurement: [1, 1, 2], // 4/3 = 1.33 → level 1, next 2
      }),
    );
    expect(
      result.aspects.map(a => [a.aspect, a.score, a.level, a.nextLevel]),
    ).toEqual([
      ['investment', 1.67, 1, 2],
      ['adoption', 2.67, 2, 3],
      ['interfaces', 3, 3, 4],
      ['operations', 4, 4, null],
      ['measurement', 1.33, 1, 2],
    ]);
    // overall = (167 + 267 + 300 + 400 + 133) / 5 hundredths = 1267 / 5 = 253.4 → 253 → 2.53
    expect(result.overall).toBe(2.53);
    expect(result.overallLevel).toBe(2);
    const investment = result.aspects[0];
    expect(investment.nextLevelId).toBe('operational');
    expect(investment.nextLevelDescription).toBe(aspects[0].levels[1]);
    expect(investment.step).toBe(aspects[0].steps[0]);
    const operations = result.aspects[3];
    expect(operations.nextLevelId).toBeNull();
    expect(operations.step).toBe(aspects[3].steps[3]);
    expect(operations.step).toMatch(/^Keep it/);
  });

  it('refuses missing answers', () => {
    expect(() => scoreMaturity({})).toThrow(
      /Missing answer for 'investment.people'/,
    );
  });
});
