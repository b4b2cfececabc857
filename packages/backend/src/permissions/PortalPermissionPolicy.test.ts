import { mockServices } from '@backstage/backend-test-utils';
import { Entity, RELATION_MEMBER_OF } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  taskCreatePermission,
  taskReadPermission,
  templateManagementPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { databaseDropPermission } from '@internal/plugin-scaffolder-backend-module-golden-paths';
import {
  deploymentsDispatchPermission,
  deploymentsDispatchProductionPermission,
} from '@internal/plugin-deployments-common';
import {
  PortalPermissionPolicy,
  readPortalPolicyOptions,
} from './PortalPermissionPolicy';
import {
  CatalogPlatformAdminDirectory,
  readTrustedOrigins,
} from './PlatformAdminDirectory';
import {
  scorecardsInitiativeManagePermission,
  scorecardsReadPermission,
  scorecardsRefreshPermission,
  scorecardsWaiverDecidePermission,
  scorecardsWaiverRequestPermission,
} from '@internal/plugin-scorecards-common';
import {
  roadmapManagePermission,
  roadmapProposePermission,
  roadmapReadPermission,
  roadmapVotePermission,
} from '@internal/plugin-roadmap-common';
import {
  valueBaselineAdoptPermission,
  valueReadPermission,
} from '@internal/plugin-value-common';

/** Where the organisation file is; entities read from it carry this origin. */
const ORG_FILE = 'file:/app/catalog/org.yaml';
/** What GitHub org discovery records on the Users and Groups it brings in. */
const GITHUB_ORG = 'url:https://github.com/acme-retail';

function entity(
  ref: string,
  origin: string,
  memberOf: string[] = [],
  members?: string[],
): Entity {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind === 'user' ? 'User' : 'Group',
    metadata: {
      name,
      namespace,
      annotations: {
        'backstage.io/managed-by-location': origin,
        'backstage.io/managed-by-origin-location': origin,
      },
    },
    spec: members ? { members } : {},
    relations: memberOf.map(targetRef => ({
      type: RELATION_MEMBER_OF,
      targetRef,
    })),
  };
}

function policyOver(entities: Entity[], config: object = {}) {
  return new PortalPermissionPolicy(
    readPortalPolicyOptions(new ConfigReader(config)),
    new CatalogPlatformAdminDirectory({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      trustedOrigins: [ORG_FILE],
    }),
  );
}

const organisation = [
  entity('group:default/platform-team', ORG_FILE),
  entity('group:default/payments-team', ORG_FILE),
  entity('user:default/amelie.durand', ORG_FILE, [
    'group:default/platform-team',
  ]),
  entity('user:default/elena.rossi', ORG_FILE, ['group:default/payments-team']),
];

const policy = policyOver(organisation);

function user(name: string, groups: string[]): PolicyQueryUser {
  const userEntityRef = `user:default/${name}`;
  return {
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
    credentials: {} as PolicyQueryUser['credentials'],
  };
}

const admin = user('amelie.durand', ['group:default/platform-team']);
const member = user('elena.rossi', ['group:default/payments-team']);

const somethingNew = createPermission({
  name: 'roadmap.item.update',
  attributes: { action: 'update' },
});
const somethingToRead = createPermission({
  name: 'roadmap.item.read',
  attributes: { action: 'read' },
});

describe('PortalPermissionPolicy', () => {
  it.each([
    ['catalog read', catalogEntityReadPermission, AuthorizeResult.ALLOW],
    ['location create', catalogLocationCreatePermission, AuthorizeResult.ALLOW],
    ['location delete', catalogLocationDeletePermission, AuthorizeResult.DENY],
    ['template run', taskCreatePermission, AuthorizeResult.ALLOW],
    ['template management', templateManagementPermission, AuthorizeResult.DENY],
    ['an unlisted read', somethingToRead, AuthorizeResult.ALLOW],
    ['an unlisted write', somethingNew, AuthorizeResult.DENY],
  ])('gives a member %s: %s', async (_, permission, expected) => {
    const decision = await policy.handle({ permission }, member);
    expect(decision.result).toBe(expected);
  });

  it('lets platform admins do everything', async () => {
    for (const permission of [
      catalogLocationDeletePermission,
      templateManagementPermission,
      somethingNew,
    ]) {
      const decision = await policy.handle({ permission }, admin);
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('matches admin groups case-insensitively, from config', async () => {
    const configured = policyOver(
      [
        ...organisation,
        entity('group:default/sre', ORG_FILE),
        entity('user:default/jonas.weber', ORG_FILE, ['group:default/sre']),
      ],
      { permission: { platformAdmins: ['group:default/SRE'] } },
    );
    const sre = user('jonas.weber', ['group:default/sre']);
    await expect(
      configured.handle({ permission: somethingNew }, sre),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      configured.handle({ permission: somethingNew }, admin),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  describe('with GitHub org discovery on', () => {
    // Any organisation member may be allowed to create a team in GitHub: one named like the
    // admin group puts its members' tokens in `group:default/platform-team`.
    const mallory = user('mallory', ['group:default/platform-team']);

    it('gives a discovered user in a GitHub team named like the admin group no admin rights', async () => {
      const discovered = policyOver([
        ...organisation,
        entity('user:default/mallory', GITHUB_ORG, [
          'group:default/platform-team',
        ]),
      ]);
      await expect(
        discovered.handle({ permission: somethingNew }, mallory),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
      await expect(
        discovered.handle(
          { permission: catalogLocationDeletePermission },
          mallory,
        ),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    });

    it('trusts no one in an admin group that GitHub discovery brought in', async () => {
      // The discovered team took the name before the organisation file was read.
      const takenOver = policyOver([
        entity('group:default/platform-team', GITHUB_ORG),
        entity('user:default/amelie.durand', ORG_FILE, [
          'group:default/platform-team',
        ]),
      ]);
      await expect(
        takenOver.handle({ permission: somethingNew }, admin),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    });

    it('still lets the organisation file’s admins do everything', async () => {
      const discovered = policyOver([
        ...organisation,
        entity('user:default/mallory', GITHUB_ORG, [
          'group:default/platform-team',
        ]),
      ]);
      await expect(
        discovered.handle({ permission: somethingNew }, admin),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    });

    it('lets a discovered user whom the organisation file’s admin group lists be an admin', async () => {
      // With GitHub sign-in, people are discovered Users named by their GitHub login; the
      // organisation file names the admins in the group itself.
      const listed = policyOver([
        entity('group:default/platform-team', ORG_FILE, [], ['octo-admin']),
        entity('user:default/octo-admin', GITHUB_ORG, [
          'group:default/platform-team',
        ]),
        entity('user:default/mallory', GITHUB_ORG, [
          'group:default/platform-team',
        ]),
      ]);
      await expect(
        listed.handle(
          { permission: somethingNew },
          user('octo-admin', ['group:default/platform-team']),
        ),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      await expect(
        listed.handle({ permission: somethingNew }, mallory),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    });

    it('does not take members listed by a discovered group named like the admin group', async () => {
      const takenOver = policyOver([
        entity('group:default/platform-team', GITHUB_ORG, [], ['mallory']),
        entity('user:default/mallory', GITHUB_ORG, [
          'group:default/platform-team',
        ]),
      ]);
      await expect(
        takenOver.handle({ permission: somethingNew }, mallory),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    });

    it('treats an admin claim as a member’s when the catalog cannot answer', async () => {
      const catalog = catalogServiceMock.mock({
        getEntitiesByRefs: async () => {
          throw new Error('catalog unavailable');
        },
      });
      const unconfirmed = new PortalPermissionPolicy(
        readPortalPolicyOptions(new ConfigReader({})),
        new CatalogPlatformAdminDirectory({
          catalog,
          auth: mockServices.auth(),
          trustedOrigins: [ORG_FILE],
        }),
      );
      await expect(
        unconfirmed.handle({ permission: somethingNew }, admin),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    });
  });

  it('trusts the file locations of the catalog configuration, as the catalog records them', () => {
    expect(
      readTrustedOrigins(
        new ConfigReader({
          catalog: {
            locations: [
              { type: 'file', target: '/app/catalog/org.yaml' },
              { type: 'url', target: 'https://github.com/acme-retail/x' },
            ],
          },
        }),
      ),
    ).toEqual([ORG_FILE]);
  });

  it('lets members delete only what their groups own', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      member,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/elena.rossi', 'group:default/payments-team'],
        },
      },
    });
  });

  it('shows members only their own scaffolder tasks', async () => {
    const decision = await policy.handle(
      { permission: taskReadPermission },
      member,
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'scaffolder',
      resourceType: 'scaffolder-task',
      conditions: { params: { createdBy: ['user:default/elena.rossi'] } },
    });
  });

  describe('deployments', () => {
    const ownedByTheirGroups = (claims: string[]) => ({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims },
      },
    });
    const releaseManagers = [
      ...organisation,
      entity('group:default/release-managers', ORG_FILE),
      entity('user:default/noah.berg', ORG_FILE, [
        'group:default/release-managers',
      ]),
      // discovered from GitHub, claiming the approver group through a team of that name
      entity('user:default/mallory', GITHUB_ORG, [
        'group:default/release-managers',
      ]),
    ];
    const approving = policyOver(releaseManagers, {
      deployments: { productionApprovers: ['group:default/Release-Managers'] },
    });
    const approver = user('noah.berg', ['group:default/release-managers']);

    it.each([
      ['to dev or staging', deploymentsDispatchPermission],
      ['to production', deploymentsDispatchProductionPermission],
    ])(
      'lets members deploy %s only the components their groups own',
      async (_, permission) => {
        await expect(approving.handle({ permission }, member)).resolves.toEqual(
          ownedByTheirGroups([
            'user:default/elena.rossi',
            'group:default/payments-team',
          ]),
        );
      },
    );

    it('lets a production approver deploy any component to production, and only to production', async () => {
      await expect(
        approving.handle(
          { permission: deploymentsDispatchProductionPermission },
          approver,
        ),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
      // elsewhere an approver is a member like any other: their own groups' components
      await expect(
        approving.handle(
          { permission: deploymentsDispatchPermission },
          approver,
        ),
      ).resolves.toEqual(
        ownedByTheirGroups([
          'user:default/noah.berg',
          'group:default/release-managers',
        ]),
      );
    });

    it('does not take an approver claim that the organisation file does not confirm', async () => {
      const mallory = user('mallory', ['group:default/release-managers']);
      await expect(
        approving.handle(
          { permission: deploymentsDispatchProductionPermission },
          mallory,
        ),
      ).resolves.toMatchObject({ result: AuthorizeResult.CONDITIONAL });
    });

    it('has no approvers unless configured', async () => {
      await expect(
        policyOver(releaseManagers).handle(
          { permission: deploymentsDispatchProductionPermission },
          approver,
        ),
      ).resolves.toMatchObject({ result: AuthorizeResult.CONDITIONAL });
    });

    it('lets platform admins deploy everywhere', async () => {
      for (const permission of [
        deploymentsDispatchPermission,
        deploymentsDispatchProductionPermission,
      ]) {
        await expect(approving.handle({ permission }, admin)).resolves.toEqual({
          result: AuthorizeResult.ALLOW,
        });
      }
    });
  });

  describe("dropping a golden path service's database", () => {
    it('lets a member drop only the databases of components their groups own', async () => {
      // Decided by the catalog on the service's component (acme:database:drop sends it).
      await expect(
        policy.handle({ permission: databaseDropPermission }, member),
      ).resolves.toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: ['user:default/elena.rossi', 'group:default/payments-team'],
          },
        },
      });
    });

    it('lets platform admins drop any database', async () => {
      await expect(
        policy.handle({ permission: databaseDropPermission }, admin),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    });

    it('lets no one without a signed-in user drop one', async () => {
      await expect(
        policy.handle({ permission: databaseDropPermission }),
      ).resolves.toEqual({ result: AuthorizeResult.DENY });
    });
  });

  it('denies requests without a signed-in user', async () => {
    const decision = await policy.handle({
      permission: catalogEntityReadPermission,
    });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  describe('scorecards', () => {
    it.each([
      [
        scorecardsReadPermission.name,
        scorecardsReadPermission,
        AuthorizeResult.ALLOW,
        AuthorizeResult.ALLOW,
      ],
      // the backend also requires membership of the owning team
      [
        scorecardsWaiverRequestPermission.name,
        scorecardsWaiverRequestPermission,
        AuthorizeResult.ALLOW,
        AuthorizeResult.ALLOW,
      ],
      [
        scorecardsWaiverDecidePermission.name,
        scorecardsWaiverDecidePermission,
        AuthorizeResult.DENY,
        AuthorizeResult.ALLOW,
      ],
      [
        scorecardsRefreshPermission.name,
        scorecardsRefreshPermission,
        AuthorizeResult.DENY,
        AuthorizeResult.ALLOW,
      ],
      [
        scorecardsInitiativeManagePermission.name,
        scorecardsInitiativeManagePermission,
        AuthorizeResult.DENY,
        AuthorizeResult.ALLOW,
      ],
    ])(
      '%s: member %s, admin %s',
      async (_, permission, forMember, forAdmin) => {
        expect((await policy.handle({ permission }, member)).result).toBe(
          forMember,
        );
        expect((await policy.handle({ permission }, admin)).result).toBe(
          forAdmin,
        );
      },
    );
  });

  describe('value delivered', () => {
    it('lets everyone read, and admins adopt any baseline', async () => {
      expect(
        (await policy.handle({ permission: valueReadPermission }, member))
          .result,
      ).toBe(AuthorizeResult.ALLOW);
      expect(
        (
          await policy.handle(
            { permission: valueBaselineAdoptPermission },
            admin,
          )
        ).result,
      ).toBe(AuthorizeResult.ALLOW);
    });

    it('lets a member adopt only the baselines of their own teams', async () => {
      expect(
        await policy.handle(
          { permission: valueBaselineAdoptPermission },
          member,
        ),
      ).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'value',
        resourceType: 'value-scope',
        conditions: {
          rule: 'IS_SCOPE_MEMBER',
          resourceType: 'value-scope',
          params: {
            claims: ['user:default/elena.rossi', 'group:default/payments-team'],
          },
        },
      });
    });
  });

  describe('roadmap', () => {
    it.each([
      [
        roadmapReadPermission.name,
        roadmapReadPermission,
        AuthorizeResult.ALLOW,
      ],
      [
        roadmapProposePermission.name,
        roadmapProposePermission,
        AuthorizeResult.ALLOW,
      ],
      [
        roadmapVotePermission.name,
        roadmapVotePermission,
        AuthorizeResult.ALLOW,
      ],
      // editing items and answering proposals: the platform team
      [
        roadmapManagePermission.name,
        roadmapManagePermission,
        AuthorizeResult.DENY,
      ],
    ])('%s: member %s, admin allowed', async (_, permission, forMember) => {
      expect((await policy.handle({ permission }, member)).result).toBe(
        forMember,
      );
      expect((await policy.handle({ permission }, admin)).result).toBe(
        AuthorizeResult.ALLOW,
      );
    });
  });
});
