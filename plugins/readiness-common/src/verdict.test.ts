import { seedSections } from './seeds';
import { Colour } from './factors';
import { decideVerdict, verdictHeadline } from './verdict';

const g: Colour = 'green';
const y: Colour = 'yellow';
const r: Colour = 'red';

describe('decideVerdict', () => {
  it.each<[string, Colour[], string, string | null]>([
    // 7 green: 7 ≥ 4 → mostly green
    ['7 green', [g, g, g, g, g, g, g], 'now', 'green'],
    // 4 green, 3 yellow: 4 ≥ 4 → mostly green
    ['4 green 3 yellow', [g, g, g, g, y, y, y], 'now', 'green'],
    // 3 green, 4 yellow: 3 < 4 green, 4 ≥ 4 yellow → mostly yellow
    ['3 green 4 yellow', [g, g, g, y, y, y, y], 'plan', 'yellow'],
    // 4 yellow, 3 red → mostly yellow
    ['4 yellow 3 red', [y, y, y, y, r, r, r], 'plan', 'yellow'],
    // 3 yellow, 4 red → mostly red
    ['3 yellow 4 red', [y, y, y, r, r, r, r], 'wait', 'red'],
    // 4 red, 2 green, 1 yellow → mostly red
    ['4 red 2 green 1 yellow', [r, g, r, g, r, y, r], 'wait', 'red'],
    // 3 green, 3 yellow, 1 red: no colour reaches 4 → mixed
    ['3 green 3 yellow 1 red', [g, g, g, y, y, y, r], 'mixed', null],
    // 3 red, 3 green, 1 yellow → mixed
    ['3 red 3 green 1 yellow', [r, r, r, g, g, g, y], 'mixed', null],
    // 2 green, 2 yellow, 3 red → mixed (3 < 4)
    ['2 green 2 yellow 3 red', [g, g, y, y, r, r, r], 'mixed', null],
  ])('%s → %s', (_name, answers, verdict, mostly) => {
    const result = decideVerdict(answers);
    expect(result.verdict).toBe(verdict);
    expect(result.mostly).toBe(mostly);
    expect(result.counts.green + result.counts.yellow + result.counts.red).toBe(
      7,
    );
  });

  it('counts each colour', () => {
    // 2 green (positions 1, 2), 2 yellow (3, 4), 3 red (5, 6, 7)
    expect(decideVerdict([g, g, y, y, r, r, r]).counts).toEqual({
      green: 2,
      yellow: 2,
      red: 3,
    });
  });

  it.each([
    [
      'now',
      [g, g, g, g, y, y, y],
      'You need platform engineering now',
      'Mostly green',
    ],
    ['plan', [y, y, y, y, g, g, r], 'Start planning', 'Mostly yellow'],
    [
      'wait',
      [r, r, r, r, g, y, y],
      'Wait; revisit in six months',
      'Mostly red',
    ],
  ] as const)(
    '%s uses the seed headline and cites its section',
    (_v, answers, headline, quoted) => {
      const result = decideVerdict([...answers]);
      expect(result.headline).toBe(headline);
      expect(result.source).toMatchObject({
        section: seedSections.guide.whenToAdopt,
        quote: expect.stringContaining(quoted),
      });
      expect(result.mixedAdvice).toBeNull();
    },
  );

  it.each([
    [
      undefined,
      'askTrajectory',
      'Mixed results: think about where you’re headed',
    ],
    ['growing', 'startSooner', 'Mixed results, growing fast: start sooner'],
    ['steady', 'canWait', 'Mixed results, steady growth: you can wait'],
  ] as const)(
    'mixed results with trajectory %s → %s',
    (trajectory, advice, headline) => {
      const result = decideVerdict([g, g, g, y, y, y, r], trajectory);
      expect(result.verdict).toBe('mixed');
      expect(result.mixedAdvice).toBe(advice);
      expect(result.headline).toBe(headline);
      expect(result.source.quote).toMatch(/^Mixed results/);
      expect(verdictHeadline('mixed', trajectory)).toBe(headline);
    },
  );

  it('ignores the trajectory when one colour dominates', () => {
    const result = decideVerdict([y, y, y, y, g, g, r], 'steady');
    expect(result.verdict).toBe('plan');
    expect(result.mixedAdvice).toBeNull();
  });
});
