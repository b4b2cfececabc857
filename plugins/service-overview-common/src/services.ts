import type {
  GetEntitiesByRefsRequest,
  GetEntityFacetsRequest,
  GetEntityFacetsResponse,
  QueryEntitiesRequest,
  QueryEntitiesResponse,
} from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_ON_CALL,
  ANNOTATION_TEMPLATE,
} from './annotations';
import {
  dashboardLinks,
  docsLink,
  goldenPathOf,
  repositoryLink,
} from './links';
import { ServicesCursor, ServicesQuery, serviceSortFields } from './query';
import {
  ServiceFacets,
  ServiceOwner,
  ServicesPage,
  ServiceSummary,
} from './types';

/**
 * The catalog reads the services page needs, as both the frontend's CatalogApi and a
 * backend's CatalogService (bound to the caller's credentials) offer them. The page reads the
 * catalog directly, as Backstage's own catalog page does; the catalog applies the caller's
 * permissions.
 */
export interface ServiceCatalogReader {
  queryEntities(request: QueryEntitiesRequest): Promise<QueryEntitiesResponse>;
  getEntitiesByRefs(
    request: GetEntitiesByRefsRequest,
  ): Promise<{ items: Array<Entity | undefined> }>;
  getEntityFacets(
    request: GetEntityFacetsRequest,
  ): Promise<GetEntityFacetsResponse>;
}

/** The fields a services row needs: never whole entities. */
export const SERVICE_FIELDS = [
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

/** The fields of an owner (group or user) a services row shows. */
export const SERVICE_OWNER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.profile',
];

/** The catalog field behind each filter of the services page. */
export const SERVICE_FACET_FIELDS = {
  owner: `relations.${RELATION_OWNED_BY}`,
  system: `relations.${RELATION_PART_OF}`,
  lifecycle: 'spec.lifecycle',
  goldenPath: `metadata.annotations.${ANNOTATION_TEMPLATE}`,
} as const;

/**
 * An entity reference in the catalog's lower-case form, with the kind a bare name means;
 * `field` names the input in the error.
 */
export function normalizeRef(
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

/** The target of an entity's first relation of a type (and kind, when given). */
export function relationTarget(entity: Entity, type: string, kind?: string) {
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

/** The owners of a page's entities, each looked up once, in one request. */
async function resolveOwners(
  catalog: ServiceCatalogReader,
  refs: string[],
): Promise<Map<string, ServiceOwner>> {
  const unique = [...new Set(refs)];
  const owners = new Map<string, ServiceOwner>();
  if (unique.length === 0) return owners;
  const { items } = await catalog.getEntitiesByRefs({
    entityRefs: unique,
    fields: SERVICE_OWNER_FIELDS,
  });
  unique.forEach((ref, i) => owners.set(ref, toServiceOwner(ref, items[i])));
  return owners;
}

/**
 * The owner `ref` as a services row shows it, from its entity (read with SERVICE_OWNER_FIELDS);
 * without one the owner does not exist, or the caller may not read it.
 */
export function toServiceOwner(ref: string, owner?: Entity): ServiceOwner {
  const profile = owner?.spec?.profile as
    | { displayName?: string; email?: string }
    | undefined;
  const onCall = owner?.metadata.annotations?.[ANNOTATION_ON_CALL];
  return {
    entityRef: ref,
    exists: Boolean(owner),
    title: owner?.metadata.title ?? profile?.displayName,
    email: profile?.email,
    onCall: onCall
      ? normalizeRef(onCall, 'user', ANNOTATION_ON_CALL)
      : undefined,
  };
}

/** One services row: `entity` read with SERVICE_FIELDS, its owner's entity if there is one. */
export function summarizeService(
  entity: Entity,
  ownerEntity?: Entity,
): ServiceSummary {
  const ownerRef = relationTarget(entity, RELATION_OWNED_BY);
  const owners = new Map<string, ServiceOwner>();
  if (ownerRef) owners.set(ownerRef, toServiceOwner(ownerRef, ownerEntity));
  return toSummary(entity, owners);
}

/** Services rows for catalog entities (read with SERVICE_FIELDS), their owners resolved. */
export async function summarizeServices(
  catalog: ServiceCatalogReader,
  entities: Entity[],
): Promise<ServiceSummary[]> {
  const owners = await resolveOwners(
    catalog,
    entities.flatMap(e => relationTarget(e, RELATION_OWNED_BY) ?? []),
  );
  return entities.map(e => toSummary(e, owners));
}

/**
 * One page of the services page: components filtered and sorted by the catalog's cursor API
 * (`/entities/by-query` with `fields`), then their owners in one more request.
 */
export async function listServices(
  catalog: ServiceCatalogReader,
  request: ServicesQuery | ServicesCursor,
): Promise<ServicesPage> {
  let response: QueryEntitiesResponse;
  if ('cursor' in request) {
    const { cursor, limit } = request;
    response = await catalog.queryEntities({
      cursor,
      limit,
      fields: SERVICE_FIELDS,
    });
  } else {
    const filter: Record<string, string> = { kind: 'component' };
    if (request.owner)
      filter[SERVICE_FACET_FIELDS.owner] = normalizeRef(
        request.owner,
        'group',
        'owner',
      );
    if (request.system)
      filter[SERVICE_FACET_FIELDS.system] = normalizeRef(
        request.system,
        'system',
        'system',
      );
    if (request.lifecycle)
      filter[SERVICE_FACET_FIELDS.lifecycle] = request.lifecycle;
    if (request.goldenPath)
      filter[SERVICE_FACET_FIELDS.goldenPath] = request.goldenPath;
    response = await catalog.queryEntities({
      filter,
      fields: SERVICE_FIELDS,
      limit: request.limit,
      orderFields: {
        field: serviceSortFields[request.sort],
        order: request.order,
      },
      ...(request.q
        ? {
            fullTextFilter: {
              term: request.q,
              fields: ['metadata.name', 'metadata.title', 'spec.owner'],
            },
          }
        : {}),
    });
  }
  return {
    items: await summarizeServices(catalog, response.items),
    totalItems: response.totalItems,
    nextCursor: response.pageInfo.nextCursor,
    prevCursor: response.pageInfo.prevCursor,
  };
}

/** The values the services page's filters offer, with how many components carry each. */
export async function serviceFacets(
  catalog: ServiceCatalogReader,
): Promise<ServiceFacets> {
  const { facets } = await catalog.getEntityFacets({
    filter: { kind: 'component' },
    facets: Object.values(SERVICE_FACET_FIELDS),
  });
  const read = (field: string, keep: (v: string) => boolean = () => true) =>
    (facets[field] ?? [])
      .filter(f => keep(f.value))
      .map(f => ({ value: f.value, count: f.count }))
      .sort((a, b) => a.value.localeCompare(b.value));
  return {
    owner: read(SERVICE_FACET_FIELDS.owner),
    system: read(SERVICE_FACET_FIELDS.system, v => v.startsWith('system:')),
    lifecycle: read(SERVICE_FACET_FIELDS.lifecycle),
    goldenPath: read(SERVICE_FACET_FIELDS.goldenPath),
  };
}
