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
import { NotAllowedError, NotFoundError } from '@backstage/errors';
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
import { UpgradeRecord, UpgradeStore } from '../database/UpgradeStore';
import { TemplateSource } from '../lib/templateSource';
import {
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

/** The entities made from a golden path, read from the catalog with the given credentials. */
export async function goldenPathEntities(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  const { items } = await catalog.getEntities(
    {
      filter: {
        kind: 'Component',
        [`metadata.annotations.${TEMPLATE_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
        'spec.owner',
      ],
    },
    { credentials },
  );
  return items;
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

  return {
    async templates(credentials) {
      const entities = await goldenPathEntities(catalog, credentials);
      const byTemplate = new Map<string, ServiceOnTemplate[]>();
      for (const e of entities) {
        let record;
        try {
          record = recordFromAnnotations(e.metadata.annotations);
        } catch {
          continue; // annotations edited by hand into something unreadable
        }
        if (!record) continue;
        const list = byTemplate.get(record.template) ?? [];
        list.push({
          entityRef: stringifyEntityRef(e).toLowerCase(),
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
      const owner =
        typeof found.spec?.owner === 'string'
          ? normalizeEntityRef(
              stringifyEntityRef(
                parseEntityRef(found.spec.owner, {
                  defaultKind: 'group',
                  defaultNamespace: found.metadata.namespace ?? 'default',
                }),
              ),
            )
          : undefined;
      const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
      const owns =
        owner !== undefined &&
        ownershipEntityRefs.some(ref2 => ref2.toLowerCase() === owner);
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
      return upgrades.prepare({
        entityRef,
        annotations: found.metadata.annotations,
      });
    },
  };
}
