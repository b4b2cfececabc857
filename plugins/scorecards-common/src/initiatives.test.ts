import {
  InitiativeNoticeKind,
  initiativeNoticesDue,
  InitiativeStanding,
  initiativeCovers,
  initiativeProgress,
  meetsTargetLevel,
  projectInitiative,
  rankTeamsBehind,
  validateInitiativeInput,
} from './initiatives';

const LEVELS = ['bronze', 'silver', 'gold'];

describe('initiativeCovers', () => {
  const productionServices = {
    appliesTo: {
      kind: ['Component'],
      type: ['service'],
      lifecycle: ['production'],
    },
  };
  it.each([
    [
      'a production service',
      { kind: 'Component', type: 'service', lifecycle: 'production' },
      true,
    ],
    // kinds, types and lifecycles compare without case, as the catalog does
    [
      'case differs',
      { kind: 'component', type: 'Service', lifecycle: 'PRODUCTION' },
      true,
    ],
    [
      'an experimental service',
      { kind: 'Component', type: 'service', lifecycle: 'experimental' },
      false,
    ],
    [
      'a production website',
      { kind: 'Component', type: 'website', lifecycle: 'production' },
      false,
    ],
    ['no lifecycle', { kind: 'Component', type: 'service' }, false],
  ])('%s', (_, entity, covered) => {
    expect(initiativeCovers(productionServices, entity)).toBe(covered);
  });
});

describe('meetsTargetLevel', () => {
  it.each<[string | null, string, boolean]>([
    ['silver', 'silver', true], // the level itself
    ['gold', 'silver', true], // a higher level
    ['bronze', 'silver', false], // a lower level
    [null, 'bronze', false], // below the lowest level
    ['platinum', 'bronze', false], // a level the configuration no longer names
    ['gold', 'platinum', false], // a target the configuration no longer names
  ])('%s for target %s: %s', (level, target, meets) => {
    expect(meetsTargetLevel(LEVELS, level, target)).toBe(meets);
  });
});

describe('initiativeProgress', () => {
  it.each<[string, (string | null)[], number, number, number | null]>([
    // silver or gold count: silver, gold = 2 of 4 → 0.5
    ['half', ['silver', 'gold', 'bronze', null], 4, 2, 0.5],
    // gold, gold, silver = 3 of 3 → 1
    ['all', ['gold', 'gold', 'silver'], 3, 3, 1],
    // none of bronze, null, bronze → 0 of 3 = 0
    ['none', ['bronze', null, 'bronze'], 3, 0, 0],
    // silver = 1 of 3 → 1/3
    ['a third', ['silver', 'bronze', 'bronze'], 3, 1, 1 / 3],
    // no covered service: nothing to measure, not 0% and not 100%
    ['nothing covered', [], 0, 0, null],
  ])('%s', (_, coveredLevels, covered, meeting, share) => {
    expect(initiativeProgress(LEVELS, 'silver', coveredLevels)).toEqual({
      covered,
      meeting,
      share,
    });
  });
});

describe('projectInitiative', () => {
  const deadline = '2026-06-30T00:00:00Z';
  it.each<
    [
      string,
      { at: string; share: number | null },
      { at: string; share: number | null },
      number,
      string,
      number | null,
    ]
  >([
    // 0.8 ≥ 0.8: met, whatever the pace
    [
      'met exactly',
      { at: '2026-04-01T00:00:00Z', share: 0.2 },
      { at: '2026-05-01T00:00:00Z', share: 0.8 },
      0.8,
      'met',
      0.8,
    ],
    // Apr 1 → May 1 is 30 days, +0.3 → 0.01/day; May 1 → Jun 30 is 60 days → 0.6 + 0.6 = 1.2,
    // clamped to 1 ≥ 1: on track
    [
      'fast pace, clamped to 1',
      { at: '2026-04-01T00:00:00Z', share: 0.3 },
      { at: '2026-05-01T00:00:00Z', share: 0.6 },
      1,
      'on-track',
      1,
    ],
    // Apr 1 → May 1: 30 days, +0.15 → 0.005/day; 60 more days → 0.45 + 0.3 = 0.75 < 0.8: behind
    [
      'slow pace',
      { at: '2026-04-01T00:00:00Z', share: 0.3 },
      { at: '2026-05-01T00:00:00Z', share: 0.45 },
      0.8,
      'behind',
      0.75,
    ],
    // same pace, target 0.75: 0.75 ≥ 0.75 reaches it on the day: on track
    [
      'pace reaching the target on the deadline',
      { at: '2026-04-01T00:00:00Z', share: 0.3 },
      { at: '2026-05-01T00:00:00Z', share: 0.45 },
      0.75,
      'on-track',
      0.75,
    ],
    // Apr 1 → May 1: 30 days, −0.3 → −0.01/day; 60 more days → 0.3 − 0.6 = −0.3, clamped to 0
    [
      'going backwards, clamped to 0',
      { at: '2026-04-01T00:00:00Z', share: 0.6 },
      { at: '2026-05-01T00:00:00Z', share: 0.3 },
      0.5,
      'behind',
      0,
    ],
    // the deadline has passed at 0.7 < 0.8
    [
      'deadline passed',
      { at: '2026-04-01T00:00:00Z', share: 0.1 },
      { at: '2026-07-01T00:00:00Z', share: 0.7 },
      0.8,
      'missed',
      0.7,
    ],
    // the latest point is the deadline itself: no time left
    [
      'at the deadline',
      { at: '2026-04-01T00:00:00Z', share: 0.1 },
      { at: deadline, share: 0.7 },
      0.8,
      'missed',
      0.7,
    ],
    // started today: no pace yet, the projection is the current share 0.4 < 0.8
    [
      'started today',
      { at: '2026-05-01T00:00:00Z', share: 0.4 },
      { at: '2026-05-01T00:00:00Z', share: 0.4 },
      0.8,
      'behind',
      0.4,
    ],
    // nothing covered at the start: no pace, the projection is the current share 0.5
    [
      'nothing covered at the start',
      { at: '2026-04-01T00:00:00Z', share: null },
      { at: '2026-05-01T00:00:00Z', share: 0.5 },
      0.8,
      'behind',
      0.5,
    ],
    // nothing covered now: nothing to project
    [
      'nothing covered now',
      { at: '2026-04-01T00:00:00Z', share: 0.5 },
      { at: '2026-05-01T00:00:00Z', share: null },
      0.8,
      'behind',
      null,
    ],
  ])('%s', (_, first, latest, targetShare, standing, projectedShare) => {
    const projection = projectInitiative({
      first,
      latest,
      deadline,
      targetShare,
    });
    // rounded to 10 decimals: 0.45 + 0.005 × 60 is not exactly 0.75 in binary
    const rounded =
      projection.projectedShare === null
        ? null
        : Math.round(projection.projectedShare * 1e10) / 1e10;
    expect({ standing: projection.standing, projectedShare: rounded }).toEqual({
      standing,
      projectedShare,
    });
  });
});

describe('rankTeamsBehind', () => {
  it('ranks by services behind, then by share meeting, then by name; drops teams done', () => {
    const ranked = rankTeamsBehind([
      // behind 10 − 8 = 2, share 0.8
      { ownerRef: 'group:default/payments', covered: 10, meeting: 8 },
      // behind 4 − 0 = 4, share 0
      { ownerRef: 'group:default/search', covered: 4, meeting: 0 },
      // behind 3 − 1 = 2, share 1/3 < 0.8: ahead of payments
      { ownerRef: 'group:default/identity', covered: 3, meeting: 1 },
      // behind 0: left out
      { ownerRef: 'group:default/platform', covered: 5, meeting: 5 },
      // behind 6 − 2 = 4, share 1/3 > 0: after search
      { ownerRef: 'group:default/billing', covered: 6, meeting: 2 },
      // behind 3 − 1 = 2, share 1/3, the same as identity: by name, accounts first
      { ownerRef: 'group:default/accounts', covered: 3, meeting: 1 },
    ]);
    expect(ranked.map(team => [team.ownerRef, team.behind])).toEqual([
      ['group:default/search', 4],
      ['group:default/billing', 4],
      ['group:default/accounts', 2],
      ['group:default/identity', 2],
      ['group:default/payments', 2],
    ]);
  });
});

describe('validateInitiativeInput', () => {
  const input = {
    title: ' Silver by Q2 ',
    description: '',
    ownerRef: 'group:default/platform-team',
    appliesTo: { lifecycle: ['production'] },
    targetLevel: 'silver',
    targetShare: 1,
    startsAt: '2026-04-01T00:00:00Z',
    deadline: '2026-06-30T23:59:59+02:00',
  };

  it('names the owner in full, lower-case', () => {
    expect(
      validateInitiativeInput({ ...input, ownerRef: 'Platform-Team' }, LEVELS)
        .ownerRef,
    ).toBe('group:default/platform-team');
  });

  it('trims the title and puts the dates in UTC', () => {
    expect(validateInitiativeInput(input, LEVELS)).toEqual({
      ...input,
      title: 'Silver by Q2',
      startsAt: '2026-04-01T00:00:00.000Z',
      // 23:59:59 at +02:00 is 21:59:59 UTC
      deadline: '2026-06-30T21:59:59.000Z',
    });
  });

  it.each([
    [{ title: '  ' }, 'title: must not be blank'],
    [{ ownerRef: 'group:' }, 'ownerRef: must be an entity ref'],
    [
      { targetLevel: 'platinum' },
      'targetLevel: must be one of bronze, silver, gold',
    ],
    [{ targetShare: 0 }, 'targetShare: must be at least 0.01 and at most 1'],
    [{ targetShare: 1.01 }, 'targetShare: must be at least 0.01 and at most 1'],
    [
      { targetShare: Infinity },
      'targetShare: must be at least 0.01 and at most 1',
    ],
    [{ startsAt: 'soon' }, 'startsAt: must be a date-time'],
    [{ deadline: 'later' }, 'deadline: must be a date-time'],
    // year 0 exists for JavaScript, not for PostgreSQL; 2100-01-01 is the first instant out
    [
      { startsAt: '0000-01-01T00:00:00Z' },
      'startsAt: must be in the years 2000 to 2099',
    ],
    [
      { deadline: '2100-01-01T00:00:00Z' },
      'deadline: must be in the years 2000 to 2099',
    ],
    // the same instant is not after it
    [
      { deadline: '2026-04-01T02:00:00+02:00' },
      'deadline: must be after startsAt',
    ],
    [{ deadline: '2026-03-31T00:00:00Z' }, 'deadline: must be after startsAt'],
  ])('refuses %o', (change, message) => {
    expect(() =>
      validateInitiativeInput({ ...input, ...change }, LEVELS),
    ).toThrow(message);
  });
});

describe('initiativeNoticesDue', () => {
  const initiative = {
    startsAt: '2026-04-01T00:00:00Z',
    deadline: '2026-06-30T00:00:00Z',
  };
  it.each<[string, string, InitiativeStanding, InitiativeNoticeKind[]]>([
    ['before the start', '2026-03-31T23:59:59Z', 'behind', []],
    ['at the start, on track', '2026-04-01T00:00:00Z', 'on-track', ['started']],
    ['behind', '2026-05-01T00:00:00Z', 'behind', ['started', 'behind']],
    // Jun 30 − 14 days = Jun 16, 00:00: the first instant of the reminder
    [
      '14 days left, on track',
      '2026-06-16T00:00:00Z',
      'on-track',
      ['started', 'deadline'],
    ],
    [
      'a second more than 14 days left',
      '2026-06-15T23:59:59Z',
      'on-track',
      ['started'],
    ],
    [
      'behind near the deadline',
      '2026-06-29T00:00:00Z',
      'behind',
      ['started', 'behind', 'deadline'],
    ],
    [
      'met near the deadline',
      '2026-06-29T00:00:00Z',
      'met',
      ['started', 'deadline'],
    ],
    ['at the deadline', '2026-06-30T00:00:00Z', 'missed', []],
  ])('%s', (_, now, standing, due) => {
    expect(initiativeNoticesDue(initiative, standing, new Date(now))).toEqual(
      due,
    );
  });
});
