import {
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  goldenPathUpgradesPreparePermission,
  optOutReason,
  recordFromAnnotations,
  ServiceOnTemplate,
  summarizeTemplate,
  TEMPLATE_ANNOTATION,
  TemplateSummaryCore,
} from '@internal/plugin-golden-path-upgrades-common';
import {
  AdoptedService,
  UpgradeRecord,
  UpgradeStore,
} from '../database/UpgradeStore';
import { TemplateSource } from '../lib/templateSource';
import {
  AdoptResult,
  EntityUpgradeStatus,
  PrepareResult,
  UpgradeService,
} from './UpgradeService';

export type TemplateSummary = TemplateSummaryCore & {
  oldestUnmerged?: UpgradeRecord;
};

/** What the golden paths page and the entity page ask. */
export interface GoldenPathsService {
  templates(credentials: BackstageCredentials): Promise<TemplateSummary[]>;
  status(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityUpgradeStatus>;
  prepare(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<PrepareResult>;
  adopt(
    entityRef: string,
    stated: { template?: string; version?: string },
    credentials: BackstageCredentials,
  ): Promise<AdoptResult>;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A user's ref as the catalog keys it: `component:default/orders` for `orders`. */
export function normalizeEntityRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    }),
  ).toLowerCase();
}

const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'spec.owner',
];

/**
 * The entities made from a golden path, read from the catalog with the given credentials:
 * every component with the template annotation, and every adopted one (`adoptedRefs`, the
 * adoptions stored by `POST /adoptions`), whose catalog entity may carry no annotation at all.
 */
export async function goldenPathEntities(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  adoptedRefs: string[] = [],
): Promise<Entity[]> {
  const { items } = await catalog.getEntities(
    {
      filter: {
        kind: 'Component',
        [`metadata.annotations.${TEMPLATE_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
      },
      fields: ENTITY_FIELDS,
    },
    { credentials },
  );
  const annotated = new Set(
    items.map(e => stringifyEntityRef(e).toLowerCase()),
  );
  const adopted = adoptedRefs.filter(ref => !annotated.has(ref.toLowerCase()));
  if (adopted.length === 0) return items;
  const found = await catalog.getEntitiesByRefs(
    { entityRefs: adopted, fields: ENTITY_FIELDS },
    { credentials },
  );
  return [...items, ...found.items.filter((e): e is Entity => Boolean(e))];
}

/**
 * What a service is on: its annotations say so, else its adoption does (the version an
 * upgrade of it was merged to since, if any). Undefined for an entity that is neither, or
 * whose annotations were edited into something unreadable.
 */
export function serviceRecord(
  entity: Entity,
  adoption: AdoptedService | undefined,
): { template: string; version: string } | undefined {
  try {
    const annotated = recordFromAnnotations(entity.metadata.annotations);
    if (annotated) return annotated;
  } catch {
    // unreadable annotations: the adoption, if any, still says
  }
  return adoption
    ? {
        template: adoption.template,
        version: adoption.mergedVersion ?? adoption.version,
      }
    : undefined;
}

/** The stored adoptions, by entity ref. */
export async function adoptionsByRef(
  store: UpgradeStore,
): Promise<Map<string, AdoptedService>> {
  return new Map((await store.adoptions()).map(a => [a.entityRef, a]));
}

/** The entity's owner as a full ref (`group:default/payments-team`). */
function ownerRef(found: Entity): string | undefined {
  return typeof found.spec?.owner === 'string'
    ? stringifyEntityRef(
        parseEntityRef(found.spec.owner, {
          defaultKind: 'group',
          defaultNamespace: found.metadata.namespace ?? 'default',
        }),
      )
    : undefined;
}

export function createGoldenPathsService(options: {
  catalog: CatalogService;
  permissions: PermissionsService;
  userInfo: UserInfoService;
  store: UpgradeStore;
  source: TemplateSource;
  upgrades: UpgradeService;
}): GoldenPathsService {
  const { catalog, permissions, userInfo, store, source, upgrades } = options;

  const entity = async (ref: string, credentials: BackstageCredentials) => {
    const entityRef = normalizeEntityRef(ref);
    const found = await catalog.getEntityByRef(entityRef, { credentials });
    if (!found)
      throw new NotFoundError(`entityRef: ${entityRef} is not in the catalog`);
    return { entityRef, found };
  };

  /**
   * Changing a service (preparing its upgrade, adopting it) is allowed to its owners and to
   * whoever golden-path-upgrades.prepare allows (platform admins).
   */
  const mayChange = async (
    entityRef: string,
    found: Entity,
    credentials: BackstageCredentials,
  ) => {
    const owner = ownerRef(found)?.toLowerCase();
    const info = await userInfo.getUserInfo(credentials);
    const owns =
      owner !== undefined &&
      info.ownershipEntityRefs.some(r => r.toLowerCase() === owner);
    if (!owns) {
      const [decision] = await permissions.authorize(
        [{ permission: goldenPathUpgradesPreparePermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Only the owners of ${entityRef} (or platform admins) may prepare its upgrade`,
        );
      }
    }
    return info;
  };

  return {
    async templates(credentials) {
      const adoptions = await adoptionsByRef(store);
      const entities = await goldenPathEntities(catalog, credentials, [
        ...adoptions.keys(),
      ]);
      const byTemplate = new Map<string, ServiceOnTemplate[]>();
      for (const e of entities) {
        const entityRef = stringifyEntityRef(e).toLowerCase();
        const record = serviceRecord(e, adoptions.get(entityRef));
        if (!record) continue;
        const list = byTemplate.get(record.template) ?? [];
        list.push({
          entityRef,
          version: record.version,
          optOutReason: optOutReason(e.metadata.annotations),
        });
        byTemplate.set(record.template, list);
      }
      const [counts, oldest] = await Promise.all([
        store.counts(),
        store.oldestUnmerged(),
      ]);
      const summaries: TemplateSummary[] = [];
      for (const template of await source.templates()) {
        const summary = summarizeTemplate({
          template,
          versions: await source.versions(template),
          services: byTemplate.get(template) ?? [],
          upgrades: counts.filter(c => c.template === template),
          today: today(),
        });
        const oldestUnmerged = oldest.find(u => u.template === template);
        summaries.push(
          oldestUnmerged ? { ...summary, oldestUnmerged } : summary,
        );
      }
      return summaries;
    },

    async status(ref, credentials) {
      const { entityRef, found } = await entity(ref, credentials);
      return upgrades.status(
        { entityRef, annotations: found.metadata.annotations },
        today(),
      );
    },

    async prepare(ref, credentials) {
      const { entityRef, found } = await entity(ref, credentials);
      await mayChange(entityRef, found, credentials);
      return upgrades.prepare({
        entityRef,
        annotations: found.metadata.annotations,
      });
    },

    async adopt(ref, stated, credentials) {
      const { entityRef, found } = await entity(ref, credentials);
      const { userEntityRef } = await mayChange(entityRef, found, credentials);
      // A version alone names the entity's own template; a template alone is inferred within.
      const template =
        stated.template ??
        (stated.version !== undefined
          ? found.metadata.annotations?.[TEMPLATE_ANNOTATION]
          : undefined);
      if (stated.version !== undefined && !template) {
        throw new InputError(
          'template: required with a version when the entity names no template',
        );
      }
      return upgrades.adopt(
        {
          entityRef,
          annotations: found.metadata.annotations,
          entity: {
            name: found.metadata.name,
            description: found.metadata.description,
            owner: ownerRef(found),
            system:
              typeof found.spec?.system === 'string'
                ? stringifyEntityRef(
                    parseEntityRef(found.spec.system, {
                      defaultKind: 'system',
                      defaultNamespace: found.metadata.namespace ?? 'default',
                    }),
                  )
                : undefined,
          },
        },
        { template, version: stated.version, adoptedBy: userEntityRef },
      );
    },
  };
}
