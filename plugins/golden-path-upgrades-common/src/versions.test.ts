import {
  compareVersions,
  deprecationOf,
  parseVersionsFile,
  TemplateVersion,
  versionsBehind,
  versionsCrossed,
} from './versions';

function v(version: string, deprecated?: TemplateVersion['deprecated']) {
  return {
    version,
    date: '2026-01-01',
    changes: `changes of ${version}`,
    why: `why ${version}`,
    ...(deprecated ? { deprecated } : {}),
  };
}

// Newest first, as versions.yaml lists them.
const VERSIONS: TemplateVersion[] = [
  v('2.0.0'),
  v('1.10.0'),
  v('1.2.0'),
  v('1.1.0', { sunset: '2027-01-31', reason: 'old pipeline' }),
  v('1.0.0'),
];

describe('compareVersions', () => {
  it.each([
    // numeric per part, not text: 10 > 2 although "1" < "2"
    ['1.10.0', '1.2.0', 1],
    ['1.2.0', '1.10.0', -1],
    // equal
    ['1.1.0', '1.1.0', 0],
    // major wins over minor and patch
    ['2.0.0', '1.99.99', 1],
    // patch decides when the rest is equal
    ['1.0.1', '1.0.0', 1],
  ])('%s vs %s → sign %d', (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
});

describe('versionsCrossed', () => {
  it.each([
    // from 1.0.0 to 2.0.0: everything newer than 1.0.0 → 1.1.0, 1.2.0, 1.10.0, 2.0.0, oldest first
    ['1.0.0', '2.0.0', ['1.1.0', '1.2.0', '1.10.0', '2.0.0']],
    // from 1.2.0 to 1.10.0: only 1.10.0 (1.2.0 itself is where the service is)
    ['1.2.0', '1.10.0', ['1.10.0']],
    // already there: nothing crossed
    ['2.0.0', '2.0.0', []],
    // a version not in the list (1.5.0) still bounds the range: 1.10.0 and 2.0.0 are newer
    ['1.5.0', '2.0.0', ['1.10.0', '2.0.0']],
  ])('%s → %s crosses %j', (from, to, expected) => {
    expect(versionsCrossed(VERSIONS, from, to).map(x => x.version)).toEqual(
      expected,
    );
  });
});

describe('versionsBehind', () => {
  it.each([
    // 1.0.0: 1.1.0, 1.2.0, 1.10.0, 2.0.0 are newer → 4
    ['1.0.0', 4],
    // 1.2.0: 1.10.0 and 2.0.0 → 2
    ['1.2.0', 2],
    // the latest → 0
    ['2.0.0', 0],
  ])('%s is %d behind', (current, behind) => {
    expect(versionsBehind(VERSIONS, current)).toBe(behind);
  });
});

describe('deprecationOf', () => {
  it.each([
    // not deprecated
    ['1.0.0', '2027-01-01', { state: 'supported' }],
    // 2027-01-01 → 2027-01-31 is 30 days
    [
      '1.1.0',
      '2027-01-01',
      {
        state: 'deprecated',
        sunset: '2027-01-31',
        reason: 'old pipeline',
        daysLeft: 30,
      },
    ],
    // the sunset day itself: 0 days left, still deprecated
    [
      '1.1.0',
      '2027-01-31',
      {
        state: 'deprecated',
        sunset: '2027-01-31',
        reason: 'old pipeline',
        daysLeft: 0,
      },
    ],
    // 2027-02-02 is 2 days after 2027-01-31
    [
      '1.1.0',
      '2027-02-02',
      {
        state: 'sunset',
        sunset: '2027-01-31',
        reason: 'old pipeline',
        daysPast: 2,
      },
    ],
  ])('%s on %s', (version, today, expected) => {
    expect(deprecationOf(VERSIONS, version, today)).toEqual(expected);
  });
});

describe('parseVersionsFile', () => {
  it('reads a newest-first file', () => {
    const versions = parseVersionsFile(`
versions:
  - version: 1.1.0
    date: 2026-12-03
    changes: Owner must be your team.
    why: Ownership decides permissions.
    deprecated: { sunset: 2027-03-31, reason: Move to 1.2.0 }
  - version: 1.0.0
    date: 2026-11-23
    changes: First version.
    why: The golden path starts.
`);
    expect(versions.map(x => x.version)).toEqual(['1.1.0', '1.0.0']);
    expect(versions[0].deprecated).toEqual({
      sunset: '2027-03-31',
      reason: 'Move to 1.2.0',
    });
  });

  it.each([
    [
      'an older version above a newer one',
      `versions:\n  - {version: 1.0.0, date: 2026-01-01, changes: a, why: b}\n  - {version: 1.1.0, date: 2026-01-02, changes: a, why: b}`,
      'versions.1.version: 1.1.0 must be older than 1.0.0',
    ],
    [
      'an impossible date',
      `versions:\n  - {version: 1.0.0, date: 2026-02-30, changes: a, why: b}`,
      'versions.0.date: must be a real date',
    ],
    [
      'a version that is not major.minor.patch',
      `versions:\n  - {version: v1, date: 2026-01-01, changes: a, why: b}`,
      'versions.0.version: must be major.minor.patch',
    ],
    [
      'a missing why',
      `versions:\n  - {version: 1.0.0, date: 2026-01-01, changes: a}`,
      'versions.0.why',
    ],
    [
      'an unknown field',
      `versions:\n  - {version: 1.0.0, date: 2026-01-01, changes: a, why: b, note: c}`,
      'versions.0',
    ],
    ['no versions', `versions: []`, 'versions:'],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseVersionsFile(text)).toThrow(message);
  });
});
