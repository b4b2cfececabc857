import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { QueryEntitiesRequest } from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError, stringifyError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ORPHAN,
  ANNOTATION_TECHDOCS_REF,
  HygieneCheck,
  hygieneChecks,
  HygieneEntity,
  normalizeRef,
  relationTarget,
  SERVICE_FACET_FIELDS,
  SERVICE_FIELDS,
  SERVICE_OWNER_FIELDS,
  summarizeService,
} from '@internal/plugin-service-overview-common';
import { DeploymentSource, ServiceCatalog } from './types';

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

/** The entity's fields a services row needs and those of its owner, read together. */
const OVERVIEW_FIELDS = [
  ...new Set([...SERVICE_FIELDS, ...SERVICE_OWNER_FIELDS]),
];

/** Kinds that must name an owner (catalog model), checked for owners that do not exist. */
const OWNED_KINDS = ['component', 'api', 'system', 'domain', 'resource'];

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

/**
 * The overview card and catalog hygiene, read from the catalog on behalf of the caller. (The
 * services page reads the catalog itself: see listServices in the common package.)
 */
export function createServiceCatalog(
  options: ServiceCatalogOptions,
): ServiceCatalog {
  const { catalog } = options;

  /** Owner refs used in the catalog that resolve to no entity (facets, then one lookup). */
  async function missingOwners(credentials: BackstageCredentials) {
    const { facets } = await catalog.getEntityFacets(
      { facets: [SERVICE_FACET_FIELDS.owner], filter: { kind: OWNED_KINDS } },
      { credentials },
    );
    const refs = (facets[SERVICE_FACET_FIELDS.owner] ?? []).map(f => f.value);
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
            { [SERVICE_FACET_FIELDS.owner]: { $in: missing } },
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
    async overview(entityRef, credentials) {
      const ref = normalizeRef(entityRef, 'component', 'entityRef');
      const { kind, namespace, name } = parseEntityRef(ref);
      // the latest deployment does not wait for the catalog: the two answers are independent
      const latestDeployment = options.deployments
        ?.latest(ref, credentials)
        .catch(error => {
          options.logger.debug('No deployment data for the service', {
            entityRef: ref,
            error: stringifyError(error),
          });
          return undefined;
        });
      // One catalog request for the entity and its owner, in the usual case: the owner is the
      // entity with an ownerOf relation to it. Each round trip costs a token for the catalog,
      // the catalog's check of that token and of the caller's, and a permission decision.
      const { items } = await catalog.getEntities(
        {
          filter: [
            {
              kind,
              'metadata.namespace': namespace,
              'metadata.name': name,
            },
            { [`relations.${RELATION_OWNER_OF}`]: ref },
          ],
          fields: OVERVIEW_FIELDS,
        },
        { credentials },
      );
      const refOf = (e: Entity) =>
        stringifyEntityRef(e).toLocaleLowerCase('en-US');
      const entity = items.find(e => refOf(e) === ref);
      if (!entity) {
        throw new NotFoundError(`entityRef: ${ref} is not in the catalog`);
      }
      const ownerRef = relationTarget(entity, RELATION_OWNED_BY);
      let owner = ownerRef ? items.find(e => refOf(e) === ownerRef) : undefined;
      if (ownerRef && !owner) {
        // The owner's ownerOf relation comes with its own stitching, which can lag behind the
        // entity's; and an owner that does not exist must be told apart: ask for it by ref.
        const { items: owners } = await catalog.getEntitiesByRefs(
          { entityRefs: [ownerRef], fields: SERVICE_OWNER_FIELDS },
          { credentials },
        );
        owner = owners[0];
      }
      const summary = summarizeService(entity, owner);
      const deployment = await latestDeployment;
      return {
        ...summary,
        runtime: {
          kubernetesId: summary.kubernetesId,
          namespace: summary.namespace,
          clusters: summary.kubernetesId ? options.clusters() : [],
        },
        ...(deployment ? { latestDeployment: deployment } : {}),
      };
    },

    async hygiene(check, page, credentials) {
      if (page.cursor) {
        const response = await catalog
          .queryEntities(
            { cursor: page.cursor, limit: page.limit, fields: HYGIENE_FIELDS },
            { credentials },
          )
          .catch(error => {
            // the catalog refuses a cursor it did not give: the caller's input, not a fault;
            // no cause attached, since the error body would then carry the catalog's answer
            if (error?.response?.status === 400) {
              throw new InputError('cursor: not a cursor this list gave');
            }
            throw error;
          });
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
