import { summarizeTemplate } from './summary';

const versions = [
  { version: '1.2.0', date: '2026-12-03', changes: 'c', why: 'w' },
  {
    version: '1.1.0',
    date: '2026-11-30',
    changes: 'c',
    why: 'w',
    deprecated: { sunset: '2026-12-31', reason: 'old CI' },
  },
  { version: '1.0.0', date: '2026-11-23', changes: 'c', why: 'w' },
];

describe('summarizeTemplate', () => {
  const summary = summarizeTemplate({
    template: 'typescript-service',
    versions,
    services: [
      { entityRef: 'component:default/a', version: '1.2.0' },
      { entityRef: 'component:default/b', version: '1.1.0' },
      { entityRef: 'component:default/c', version: '1.1.0' },
      {
        entityRef: 'component:default/d',
        version: '1.0.0',
        optOutReason: 'Forked for PCI scope',
      },
      // a version versions.yaml no longer lists: counted in the total and as behind
      { entityRef: 'component:default/e', version: '0.9.0' },
    ],
    upgrades: [{ toVersion: '1.2.0', open: 3, merged: 1, conflicted: 2 }],
    today: '2026-12-04',
  });

  it('counts services in total and behind', () => {
    // 5 services; all but a (on 1.2.0, the latest) are behind → 4
    expect(summary).toMatchObject({
      latest: '1.2.0',
      services: 5,
      servicesBehind: 4,
    });
  });

  it.each([
    // 1.2.0: a only; latest → 0 behind; the upgrade counts are those to 1.2.0
    ['1.2.0', 1, 0, 3, 1, 2, 'supported'],
    // 1.1.0: b and c; one version (1.2.0) newer → 1 behind; deprecated, 27 days to 2026-12-31
    ['1.1.0', 2, 1, 0, 0, 0, 'deprecated'],
    // 1.0.0: d; 1.1.0 and 1.2.0 newer → 2 behind
    ['1.0.0', 1, 2, 0, 0, 0, 'supported'],
  ])(
    '%s: %d services, %d behind, %d open, %d merged, %d conflicted, %s',
    (version, services, behindBy, open, merged, conflicted, state) => {
      expect(summary.versions.find(v => v.version === version)).toMatchObject({
        services,
        behindBy,
        upgradesOpen: open,
        upgradesMerged: merged,
        upgradesConflicted: conflicted,
        deprecation: { state },
      });
    },
  );

  it('gives the days left until a sunset', () => {
    // 2026-12-04 → 2026-12-31 is 27 days
    expect(summary.versions[1].deprecation).toEqual({
      state: 'deprecated',
      sunset: '2026-12-31',
      reason: 'old CI',
      daysLeft: 27,
    });
  });

  it('lists the services that opted out with their reason', () => {
    expect(summary.optedOut).toEqual([
      { entityRef: 'component:default/d', reason: 'Forked for PCI scope' },
    ]);
  });
});
