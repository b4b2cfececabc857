import { InputError } from '@backstage/errors';
import { ENTITY_REF_ERROR, readEntityRef } from './entityRefs';
import type { operations } from './schema/openapi/generated/types';

/**
 * What the backend's contract (plugins/service-overview-backend/src/schema/openapi.yaml) has
 * already checked when a request reaches a route: types, bounds, patterns, enums, unknown
 * parameters. The functions below add what a JSON schema cannot express and apply the
 * defaults; each refusal is an InputError naming its field.
 */
export type OverviewQuery = operations['getOverview']['parameters']['query'];
export type HygienePageQuery = NonNullable<
  operations['getHygiene']['parameters']['query']
>;
export type UncataloguedPageQuery = NonNullable<
  operations['listUncataloguedRepositories']['parameters']['query']
>;

/** The page size when the caller gives none. */
export const DEFAULT_PAGE_SIZE = 25;

/** The overview's entity in the catalog's lower-case form, a bare name being a component. */
export function toOverviewRequest(query: OverviewQuery): { entityRef: string } {
  const entityRef = readEntityRef(query.entityRef, 'component');
  if (entityRef === undefined) {
    throw new InputError(`entityRef: ${ENTITY_REF_ERROR}`);
  }
  return { entityRef };
}

/** A hygiene page: the cursor of a previous page, if any, and the page size. */
export function toHygienePageRequest(query: HygienePageQuery = {}): {
  cursor?: string;
  limit: number;
} {
  return {
    ...(query.cursor ? { cursor: query.cursor } : {}),
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
  };
}

/**
 * A page of the repositories not in the catalog. `-0` passes `minimum: 0` (JSON Schema
 * compares it equal to 0), but a whole number written with a sign is no offset a client
 * should send: it is refused as the other malformed numbers are.
 */
export function toUncataloguedPageRequest(query: UncataloguedPageQuery = {}): {
  offset: number;
  limit: number;
  organization?: string;
} {
  const offset = query.offset ?? 0;
  if (Object.is(offset, -0)) {
    throw new InputError(
      'offset: must be a whole number from 0, without a sign',
    );
  }
  return {
    offset,
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
    ...(query.organization ? { organization: query.organization } : {}),
  };
}
