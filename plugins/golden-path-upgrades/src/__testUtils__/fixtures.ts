import type {
  GoldenPathEntityStatus,
  GoldenPathTemplateSummary,
  GoldenPathUpgrade,
} from '@internal/plugin-golden-path-upgrades-common';

/** typescript-service with three versions; 1.0.0 is deprecated, 1.1.0 carries a conflicted upgrade. */
export const openUpgrade: GoldenPathUpgrade = {
  entityRef: 'component:default/checkout',
  template: 'typescript-service',
  fromVersion: '1.0.0',
  toVersion: '1.2.0',
  host: 'github',
  repository: 'acme/checkout',
  branch: 'golden-path-upgrade/typescript-service',
  pullRequestNumber: 42,
  url: 'https://github.com/acme/checkout/pull/42',
  state: 'open',
  conflicts: ['.github/workflows/deploy.yaml'],
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
};

const supported = { state: 'supported' as const };

export const typescriptService: GoldenPathTemplateSummary = {
  template: 'typescript-service',
  latest: '1.2.0',
  services: 7,
  servicesBehind: 4,
  versions: [
    {
      version: '1.2.0',
      date: '2026-12-10',
      changes: 'The deploy workflow runs the image scan before the push.',
      why: 'A vulnerable image must never reach the registry.',
      deprecation: supported,
      services: 3,
      behindBy: 0,
      upgradesOpen: 0,
      upgradesMerged: 2,
      upgradesConflicted: 0,
    },
    {
      version: '1.1.0',
      date: '2026-10-01',
      changes: 'Services record what they were made from.',
      why: 'Upgrades need the values a service was made with.',
      deprecation: supported,
      services: 1,
      behindBy: 1,
      upgradesOpen: 1,
      upgradesMerged: 0,
      upgradesConflicted: 0,
    },
    {
      version: '1.0.0',
      date: '2026-06-01',
      changes: 'First version.',
      why: 'A service in minutes.',
      deprecation: {
        state: 'deprecated',
        sunset: '2027-03-31',
        reason: 'Use 1.2.0, which scans images.',
        daysLeft: 118,
      },
      services: 3,
      behindBy: 2,
      upgradesOpen: 2,
      upgradesMerged: 0,
      upgradesConflicted: 1,
    },
  ],
  optedOut: [
    {
      entityRef: 'component:default/ledger',
      reason: 'Frozen until the audit ends in January.',
    },
  ],
  oldestUnmerged: openUpgrade,
};

export const checkoutStatus: GoldenPathEntityStatus = {
  entityRef: 'component:default/checkout',
  template: 'typescript-service',
  version: '1.0.0',
  latest: '1.2.0',
  behind: 2,
  deprecation: typescriptService.versions[2].deprecation,
  upgrade: openUpgrade,
};
