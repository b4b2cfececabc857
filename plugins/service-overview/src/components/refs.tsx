import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';

/** `group:default/storefront-team` → `storefront-team` (namespace shown only when not default). */
export function shortRef(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** The catalog page of an entity. */
export function entityPath(ref: string): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}

export function EntityRefLink({
  entityRef,
  title,
}: {
  entityRef: string;
  title?: string;
}) {
  return <Link to={entityPath(entityRef)}>{title ?? shortRef(entityRef)}</Link>;
}
