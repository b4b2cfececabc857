import { ConfigReader } from '@backstage/config';
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
import {
  PortalPermissionPolicy,
  readPortalPolicyOptions,
} from './PortalPermissionPolicy';

const policy = new PortalPermissionPolicy(
  readPortalPolicyOptions(new ConfigReader({})),
);

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
    const configured = new PortalPermissionPolicy(
      readPortalPolicyOptions(
        new ConfigReader({
          permission: { platformAdmins: ['group:default/SRE'] },
        }),
      ),
    );
    const sre = user('jonas.weber', ['group:default/sre']);
    await expect(
      configured.handle({ permission: somethingNew }, sre),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    await expect(
      configured.handle({ permission: somethingNew }, admin),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
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

  it('denies requests without a signed-in user', async () => {
    const decision = await policy.handle({
      permission: catalogEntityReadPermission,
    });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});
