import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * One spelling of an entity ref, for storing and comparing: `user:default/Jane.Doe` (as a
 * sign-in resolver may give it) and `user:default/jane.doe` are the same user. The catalog
 * compares refs case-insensitively; so must every check of ours, in code and in SQL.
 */
export function normalizeEntityRef(ref: string): string {
  let canonical = ref;
  try {
    canonical = stringifyEntityRef(parseEntityRef(ref));
  } catch {
    // not a full ref: compared as given, lower-cased
  }
  return canonical.toLocaleLowerCase('en-US');
}
