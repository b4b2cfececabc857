import { levelOf, LevelledResult } from './levels';
import { CheckStatus } from './types';

const LEVELS = ['bronze', 'silver', 'gold'];

function results(spec: [string, CheckStatus][]): LevelledResult[] {
  return spec.map(([level, status], i) => ({
    checkId: `c${i}`,
    level,
    status,
  }));
}

describe('levelOf', () => {
  it.each<
    [string, [string, CheckStatus][], string | null, string | null, string[]]
  >([
    // every check passes → the top level, nothing next
    [
      'all pass',
      [
        ['bronze', 'pass'],
        ['silver', 'pass'],
        ['gold', 'pass'],
      ],
      'gold',
      null,
      [],
    ],
    // gold's c2 fails → silver reached, gold next, held back by c2
    [
      'gold fails',
      [
        ['bronze', 'pass'],
        ['silver', 'pass'],
        ['gold', 'fail'],
      ],
      'silver',
      'gold',
      ['c2'],
    ],
    // bronze fails: no level even though silver and gold pass (levels are climbed in order)
    [
      'a failing bronze check blocks everything',
      [
        ['bronze', 'fail'],
        ['silver', 'pass'],
        ['gold', 'pass'],
      ],
      null,
      'bronze',
      ['c0'],
    ],
    // unknown does not count: a fact not collected holds the level back
    [
      'unknown holds back',
      [
        ['bronze', 'pass'],
        ['silver', 'unknown'],
      ],
      'bronze',
      'silver',
      ['c1'],
    ],
    // a waived check counts as passed
    [
      'waived counts',
      [
        ['bronze', 'waived'],
        ['silver', 'pass'],
      ],
      'gold',
      null,
      [],
    ],
    // silver has no check for this entity: passed vacuously, so gold's passing checks give gold
    [
      'a level without checks is passed',
      [
        ['bronze', 'pass'],
        ['gold', 'pass'],
      ],
      'gold',
      null,
      [],
    ],
    // no applicable check at all: every level passed vacuously
    ['no checks', [], 'gold', null, []],
    // two silver checks fail: both are listed as blocking
    [
      'all blocking checks of the next level',
      [
        ['bronze', 'pass'],
        ['silver', 'fail'],
        ['silver', 'unknown'],
        ['gold', 'fail'],
      ],
      'bronze',
      'silver',
      ['c1', 'c2'],
    ],
  ])('%s', (_, spec, level, nextLevel, blocking) => {
    expect(levelOf(LEVELS, results(spec))).toEqual({
      level,
      nextLevel,
      blocking,
    });
  });
});
