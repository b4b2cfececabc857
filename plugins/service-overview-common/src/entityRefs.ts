import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * The catalog's rules for the parts of a ref (its KubernetesValidatorFunctions): a kind is
 * letters and digits, a namespace or name letters, digits and `-_.` between them; each at
 * most 63 characters. A ref outside them (NUL, control characters, spaces, non-ASCII) can name
 * no entity, and is refused before it reaches the catalog.
 */
const KIND = /^[a-zA-Z][a-z0-9A-Z]{0,62}$/;
const PART = /^(?=.{1,63}$)[a-z0-9A-Z]+(?:[-_.][a-z0-9A-Z]+)*$/;

export const ENTITY_REF_ERROR =
  'not an entity reference (kind:namespace/name, letters, digits and -_. only)';

/**
 * A ref given by a user (a query, a form) in the catalog's lower-case form, with the kind a
 * bare name means; undefined when it cannot name an entity.
 */
export function readEntityRef(
  value: string,
  defaultKind: string,
): string | undefined {
  let parsed;
  try {
    parsed = parseEntityRef(value, {
      defaultKind,
      defaultNamespace: 'default',
    });
  } catch {
    return undefined;
  }
  const { kind, namespace, name } = parsed;
  if (!KIND.test(kind) || !PART.test(namespace) || !PART.test(name)) {
    return undefined;
  }
  return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
}
