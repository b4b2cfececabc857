import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_HAS_MEMBER,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The groups whose members may do everything (the permission policy reads the same key). */
export function readPlatformAdmins(config: Config): string[] {
  return (
    config.getOptionalStringArray('permission.platformAdmins') ?? [
      'group:default/platform-team',
    ]
  ).map(lower);
}

function relationTargets(entity: Entity | undefined, type: string): string[] {
  return (entity?.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => lower(relation.targetRef));
}

/** Fetches `ref` and refuses it unless it is an entity of `kind` (and `type`, when given). */
export async function requireEntity(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  parameter: string;
  ref: string;
  kind: string;
  type?: string;
}): Promise<Entity> {
  const { catalog, credentials, parameter, ref, kind, type } = options;
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity || entity.kind.toLocaleLowerCase('en-US') !== lower(kind)) {
    throw new InputError(
      `${parameter}: ${ref} is not a ${kind} in the catalog`,
    );
  }
  if (type && entity.spec?.type !== type) {
    throw new InputError(
      `${parameter}: ${ref} is a ${kind} of type ${String(
        entity.spec?.type ?? 'none',
      )}, not a ${type}`,
    );
  }
  return entity;
}

export type OwnershipDecision = {
  user: string;
  /** Why the user may create for the group. */
  reason: 'member' | 'platform-admin';
};

/**
 * Refuses to create something owned by `group` unless the task's user is a member of it or a
 * platform admin. Membership is what the portal's permission policy trusts, the user's ownership
 * claims (resolved from the catalog's `memberOf` at sign-in), together with the catalog's
 * relations now: the user entity's `memberOf` and the group's `hasMember` (both include
 * `spec.members` and `spec.memberOf`, which the catalog turns into relations).
 */
export async function authorizeOwner(options: {
  catalog: CatalogService;
  userInfo: UserInfoService;
  credentials: BackstageCredentials;
  group: Entity;
  platformAdmins: string[];
}): Promise<OwnershipDecision> {
  const { catalog, userInfo, credentials, group, platformAdmins } = options;
  const principal = credentials.principal as Partial<BackstageUserPrincipal>;
  if (principal?.type !== 'user' || !principal.userEntityRef) {
    throw new NotAllowedError(
      'owner: a golden path creates components for signed-in users only',
    );
  }
  const user = lower(principal.userEntityRef);
  let claims: string[] = [user];
  try {
    claims = (await userInfo.getUserInfo(credentials)).ownershipEntityRefs.map(
      lower,
    );
  } catch {
    // Credentials without a user token (e.g. in a dry run): the catalog alone decides.
  }
  const userEntity = await catalog.getEntityByRef(user, { credentials });
  const groups = new Set([
    ...claims,
    ...relationTargets(userEntity, RELATION_MEMBER_OF),
  ]);
  const groupRef = lower(stringifyEntityRef(group));
  if (
    groups.has(groupRef) ||
    relationTargets(group, RELATION_HAS_MEMBER).includes(user)
  ) {
    return { user, reason: 'member' };
  }
  if (platformAdmins.some(admin => groups.has(admin))) {
    return { user, reason: 'platform-admin' };
  }
  throw new NotAllowedError(
    `owner: ${user} is not a member of ${groupRef}; choose a team you belong to (platform admins may choose any team)`,
  );
}
