import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { QueryEntitiesRequest } from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_ON_CALL,
  ANNOTATION_ORPHAN,
  ANNOTATION_TECHDOCS_REF,
  ANNOTATION_TEMPLATE,
  dashboardLinks,
  docsLink,
  goldenPathOf,
  HygieneCheck,
  hygieneChecks,
  HygieneEntity,
  ServiceFacets,
  ServiceOwner,
  ServicesCursor,
  ServicesQuery,
  ServiceSummary,
  serviceSortFields,
  repositoryLink,
} from '@internal/plugin-service-overview-common';
import { DeploymentSource, ServiceCatalog } from './types';

/** The fields a services row needs: never whole entities. */
const SERVICE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.annotations',
  'metadata.links',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.system',
  'relations',
];

const OWNER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.profile',
];

const HYGIENE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations.backstage.io/managed-by-location',
  'spec.owner',
  'spec.system',
  'relations',
];

/** Kinds that must name an owner (catalog model), checked for owners that do not exist. */
const OWNED_KINDS = ['component', 'api', 'system', 'domain', 'resource'];

const FACET_FIELDS = {
  owner: `relations.${RELATION_OWNED_BY}`,
  system: `relations.${RELATION_PART_OF}`,
  lifecycle: 'spec.lifecycle',
  goldenPath: `metadata.annotations.${ANNOTATION_TEMPLATE}`,
} as const;

type Query = NonNullable<
  QueryEntitiesRequest extends infer R
    ? R extends { query?: infer Q }
      ? Q
      : never
    : never
>;

export type ServiceCatalogOptions = {
  catalog: CatalogService;
  logger: LoggerService;
  /** Names of the Kubernetes clusters configured in app-config. */
  clusters: () => string[];
  deployments?: DeploymentSource;
};

function normalizeRef(
  value: string,
  defaultKind: string,
  field: string,
): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(`${field}: not an entity reference`);
  }
}

function relationTarget(entity: Entity, type: string, kind?: string) {
  return entity.relations?.find(
    r => r.type === type && (!kind || r.targetRef.startsWith(`${kind}:`)),
  )?.targetRef;
}

function toSummary(
  entity: Entity,
  owners: Map<string, ServiceOwner>,
): ServiceSummary {
  const annotations = entity.metadata.annotations ?? {};
  const ownerRef = relationTarget(entity, RELATION_OWNED_BY);
  return {
    entityRef: stringifyEntityRef(entity),
    name: entity.metadata.name,
    title: entity.metadata.title,
    description: entity.metadata.description,
    type: entity.spec?.type as string | undefined,
    lifecycle: entity.spec?.lifecycle as string | undefined,
    system: relationTarget(entity, RELATION_PART_OF, 'system'),
    owner: ownerRef
      ? owners.get(ownerRef) ?? { entityRef: ownerRef, exists: false }
      : undefined,
    goldenPath: goldenPathOf(entity),
    repository: repositoryLink(entity),
    docs: docsLink(entity),
    dashboards: dashboardLinks(entity),
    kubernetesId: annotations[ANNOTATION_KUBERNETES_ID],
    namespace: annotations[ANNOTATION_KUBERNETES_NAMESPACE],
  };
}

function toHygieneEntity(entity: Entity): HygieneEntity {
  return {
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind,
    name: entity.metadata.name,
    title: entity.metadata.title,
    owner: relationTarget(entity, RELATION_OWNED_BY),
    system: relationTarget(entity, RELATION_PART_OF, 'system'),
    location: entity.metadata.annotations?.['backstage.io/managed-by-location'],
  };
}

/** Reads the catalog with its cursor API: one page and the few owners on it per call. */
export function createServiceCatalog(
  options: ServiceCatalogOptions,
): ServiceCatalog {
  const { catalog } = options;

  async function resolveOwners(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, ServiceOwner>> {
    const unique = [...new Set(refs)];
    const owners = new Map<string, ServiceOwner>();
    if (unique.length === 0) return owners;
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: unique, fields: OWNER_FIELDS },
      { credentials },
    );
    unique.forEach((ref, i) => {
      const owner = items[i];
      const profile = owner?.spec?.profile as
        | { displayName?: string; email?: string }
        | undefined;
      const onCall = owner?.metadata.annotations?.[ANNOTATION_ON_CALL];
      owners.set(ref, {
        entityRef: ref,
        exists: Boolean(owner),
        title: owner?.metadata.title ?? profile?.displayName,
        email: profile?.email,
        onCall: onCall
          ? normalizeRef(onCall, 'user', ANNOTATION_ON_CALL)
          : undefined,
      });
    });
    return owners;
  }

  async function summarize(items: Entity[], credentials: BackstageCredentials) {
    const owners = await resolveOwners(
      items.flatMap(e => relationTarget(e, RELATION_OWNED_BY) ?? []),
      credentials,
    );
    return items.map(e => toSummary(e, owners));
  }

  /** Owner refs used in the catalog that resolve to no entity (facets, then one lookup). */
  async function missingOwners(credentials: BackstageCredentials) {
    const { facets } = await catalog.getEntityFacets(
      { facets: [FACET_FIELDS.owner], filter: { kind: OWNED_KINDS } },
      { credentials },
    );
    const refs = (facets[FACET_FIELDS.owner] ?? []).map(f => f.value);
    const missing: string[] = [];
    for (let i = 0; i < refs.length; i += 200) {
      const batch = refs.slice(i, i + 200);
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: batch, fields: ['kind', 'metadata.name'] },
        { credentials },
      );
      batch.forEach((ref, j) => {
        if (!items[j]) missing.push(ref);
      });
    }
    return missing;
  }

  async function hygieneQuery(
    check: HygieneCheck,
    credentials: BackstageCredentials,
  ): Promise<Query | undefined> {
    switch (check) {
      case 'ownerMissing': {
        const missing = await missingOwners(credentials);
        if (missing.length === 0) return undefined;
        return {
          $all: [
            { kind: { $in: OWNED_KINDS } },
            { [FACET_FIELDS.owner]: { $in: missing } },
          ],
        } as Query;
      }
      case 'noDocs':
        return {
          $all: [
            { kind: 'component' },
            {
              $not: {
                [`metadata.annotations.${ANNOTATION_TECHDOCS_REF}`]: {
                  $exists: true,
                },
              },
            },
          ],
        } as Query;
      case 'noSystem':
        return {
          $all: [
            { kind: 'component' },
            { $not: { 'spec.system': { $exists: true } } },
          ],
        } as Query;
      case 'orphaned':
        return {
          [`metadata.annotations.${ANNOTATION_ORPHAN}`]: 'true',
        } as Query;
      default:
        throw new InputError(`check: one of ${hygieneChecks.join(', ')}`);
    }
  }

  return {
    async listServices(request, credentials) {
      let response;
      if ('cursor' in request) {
        const { cursor, limit } = request as ServicesCursor;
        response = await catalog.queryEntities(
          { cursor, limit, fields: SERVICE_FIELDS },
          { credentials },
        );
      } else {
        const q = request as ServicesQuery;
        const filter: Record<string, string> = { kind: 'component' };
        if (q.owner)
          filter[FACET_FIELDS.owner] = normalizeRef(q.owner, 'group', 'owner');
        if (q.system)
          filter[FACET_FIELDS.system] = normalizeRef(
            q.system,
            'system',
            'system',
          );
        if (q.lifecycle) filter[FACET_FIELDS.lifecycle] = q.lifecycle;
        if (q.goldenPath) filter[FACET_FIELDS.goldenPath] = q.goldenPath;
        response = await catalog.queryEntities(
          {
            filter,
            fields: SERVICE_FIELDS,
            limit: q.limit,
            orderFields: { field: serviceSortFields[q.sort], order: q.order },
            ...(q.q
              ? {
                  fullTextFilter: {
                    term: q.q,
                    fields: ['metadata.name', 'metadata.title', 'spec.owner'],
                  },
                }
              : {}),
          },
          { credentials },
        );
      }
      return {
        items: await summarize(response.items, credentials),
        totalItems: response.totalItems,
        nextCursor: response.pageInfo.nextCursor,
        prevCursor: response.pageInfo.prevCursor,
      };
    },

    async facets(credentials) {
      const { facets } = await catalog.getEntityFacets(
        { filter: { kind: 'component' }, facets: Object.values(FACET_FIELDS) },
        { credentials },
      );
      const read = (field: string, keep: (v: string) => boolean = () => true) =>
        (facets[field] ?? [])
          .filter(f => keep(f.value))
          .map(f => ({ value: f.value, count: f.count }))
          .sort((a, b) => a.value.localeCompare(b.value));
      const result: ServiceFacets = {
        owner: read(FACET_FIELDS.owner),
        system: read(FACET_FIELDS.system, v => v.startsWith('system:')),
        lifecycle: read(FACET_FIELDS.lifecycle),
        goldenPath: read(FACET_FIELDS.goldenPath),
      };
      return result;
    },

    async overview(entityRef, credentials) {
      const ref = normalizeRef(entityRef, 'component', 'entityRef');
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: [ref], fields: SERVICE_FIELDS },
        { credentials },
      );
      const entity = items[0];
      if (!entity)
        throw new NotFoundError(`entityRef: ${ref} is not in the catalog`);
      const [summary] = await summarize([entity], credentials);
      const latestDeployment = await options.deployments
        ?.latest(ref, credentials)
        .catch(error => {
          options.logger.debug(`no deployment data for ${ref}: ${error}`);
          return undefined;
        });
      return {
        ...summary,
        runtime: {
          kubernetesId: summary.kubernetesId,
          namespace: summary.namespace,
          clusters: summary.kubernetesId ? options.clusters() : [],
        },
        ...(latestDeployment ? { latestDeployment } : {}),
      };
    },

    async hygiene(check, page, credentials) {
      if (page.cursor) {
        const response = await catalog.queryEntities(
          { cursor: page.cursor, limit: page.limit, fields: HYGIENE_FIELDS },
          { credentials },
        );
        return {
          check,
          items: response.items.map(toHygieneEntity),
          totalItems: response.totalItems,
          nextCursor: response.pageInfo.nextCursor,
          prevCursor: response.pageInfo.prevCursor,
        };
      }
      const query = await hygieneQuery(check, credentials);
      if (!query) return { check, items: [], totalItems: 0 };
      const response = await catalog.queryEntities(
        {
          query,
          fields: HYGIENE_FIELDS,
          limit: page.limit,
          orderFields: { field: 'metadata.name', order: 'asc' },
        },
        { credentials },
      );
      return {
        check,
        items: response.items.map(toHygieneEntity),
        totalItems: response.totalItems,
        nextCursor: response.pageInfo.nextCursor,
        prevCursor: response.pageInfo.prevCursor,
      };
    },

    async hygieneSummary(credentials) {
      const counts = await Promise.all(
        hygieneChecks.map(async check => {
          const query = await hygieneQuery(check, credentials);
          if (!query) return 0;
          const { totalItems } = await catalog.queryEntities(
            { query, fields: ['metadata.name'], limit: 1 },
            { credentials },
          );
          return totalItems;
        }),
      );
      return Object.fromEntries(
        hygieneChecks.map((check, i) => [check, counts[i]]),
      ) as Record<HygieneCheck, number>;
    },
  };
}
