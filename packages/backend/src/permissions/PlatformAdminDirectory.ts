import { AuthService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import path from 'node:path';

/**
 * Confirms platform-admin membership from trusted catalog data. The groups in a user's token
 * come from every entity that names the user as a member, including Groups and Users that
 * GitHub org discovery brings in: anyone allowed to create a GitHub team could name one
 * `platform-team`. So an admin claim counts only when the admin Group entity comes from a
 * location of the portal's own configuration (which the catalog API cannot add to) and either
 * that Group lists the user in `spec.members`, or the User entity comes from such a location
 * too and is a member.
 */
export interface PlatformAdminDirectory {
  isConfirmedAdmin(
    userEntityRef: string,
    adminGroupRefs: string[],
  ): Promise<boolean>;
}

/**
 * The origins an admin's User and Group entities may come from: the `file` locations under
 * `catalog.locations`, as the catalog records them (`file:` and the absolute path). The catalog
 * API only registers `url` locations (`catalog.allowedLocationTypes`), and an entity keeps the
 * origin of the configured location it was first read from, however many Location entities lie
 * between.
 */
export function readTrustedOrigins(config: Config): string[] {
  return (config.getOptionalConfigArray('catalog.locations') ?? [])
    .filter(location => location.getString('type') === 'file')
    .map(location => `file:${path.resolve(location.getString('target'))}`);
}

const CACHE_TTL_MS = 60_000;

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The users a Group entity lists itself, as full refs. */
function listedMembers(group: Entity): string[] {
  const members = (group.spec as { members?: unknown } | undefined)?.members;
  if (!Array.isArray(members)) return [];
  return members
    .filter((member): member is string => typeof member === 'string')
    .map(member =>
      lower(
        stringifyEntityRef(
          parseEntityRef(member, {
            defaultKind: 'user',
            defaultNamespace: group.metadata.namespace ?? 'default',
          }),
        ),
      ),
    );
}

export class CatalogPlatformAdminDirectory implements PlatformAdminDirectory {
  private readonly cache = new Map<
    string,
    { expires: number; admin: boolean }
  >();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      trustedOrigins: string[];
      now?: () => number;
    },
  ) {}

  private trusted(entity: Entity | null | undefined): entity is Entity {
    const origin = entity?.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION];
    return origin !== undefined && this.deps.trustedOrigins.includes(origin);
  }

  async isConfirmedAdmin(
    userEntityRef: string,
    adminGroupRefs: string[],
  ): Promise<boolean> {
    const now = (this.deps.now ?? Date.now)();
    const key = `${userEntityRef}|${adminGroupRefs.join(',')}`;
    const cached = this.cache.get(key);
    if (cached && cached.expires > now) return cached.admin;

    const admin = await this.lookUp(userEntityRef, adminGroupRefs).catch(
      // Fail closed: without the catalog the user is treated as a member.
      () => false,
    );
    this.cache.set(key, { expires: now + CACHE_TTL_MS, admin });
    return admin;
  }

  private async lookUp(
    userEntityRef: string,
    adminGroupRefs: string[],
  ): Promise<boolean> {
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: [userEntityRef, ...adminGroupRefs] },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const [user, ...groups] = items;
    const trustedGroups = groups.filter(group => this.trusted(group));
    const userRef = lower(userEntityRef);
    // The trusted group names the user itself: the User entity may come from anywhere (GitHub
    // discovery, so that GitHub sign-in finds it), its name being the GitHub login.
    if (trustedGroups.some(group => listedMembers(group).includes(userRef))) {
      return true;
    }
    if (!this.trusted(user)) return false;
    // A memberOf relation of this user towards this group can only be stated by one of the
    // two entities, and both come from the portal's configuration.
    const trustedRefs = new Set(
      trustedGroups.map(group => lower(stringifyEntityRef(group))),
    );
    return (user.relations ?? []).some(
      relation =>
        relation.type === RELATION_MEMBER_OF &&
        trustedRefs.has(lower(relation.targetRef)),
    );
  }
}
