import { AppliesTo } from './types';

/** What a check's filter reads of an entity. */
export type EntityFacets = {
  kind: string;
  type?: string;
  lifecycle?: string;
  tags?: string[];
};

function matches(allowed: string[] | undefined, value: string | undefined) {
  if (!allowed || allowed.length === 0) return true;
  if (value === undefined) return false;
  const lower = value.toLocaleLowerCase('en-US');
  return allowed.some(item => item.toLocaleLowerCase('en-US') === lower);
}

/**
 * Whether a check applies to an entity: every field the filter names must match, compared
 * without case (the catalog compares kinds that way); `tags` matches when the entity carries
 * at least one of them.
 */
export function appliesTo(filter: AppliesTo, entity: EntityFacets): boolean {
  if (!matches(filter.kind, entity.kind)) return false;
  if (!matches(filter.type, entity.type)) return false;
  if (!matches(filter.lifecycle, entity.lifecycle)) return false;
  if (filter.tags && filter.tags.length > 0) {
    return (entity.tags ?? []).some(tag => matches(filter.tags, tag));
  }
  return true;
}
