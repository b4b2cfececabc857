import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { KUBERNETES_ID_ANNOTATION } from '@internal/kubernetes-clusters';
import { Attribution, Owner } from './snapshotCosts';

/** A component's owner as a full, lower-case ref (`group:default/payments-team`). */
function ownerRefOf(entity: Entity): string | undefined {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || owner.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Which component a workload's `backstage.io/kubernetes-id` label belongs to, as the Kubernetes
 * plugin matches them: the component whose `backstage.io/kubernetes-id` annotation has that
 * value, else the component of that name. Read once per collection, with the plugin's own
 * credentials.
 */
export async function readCatalogAttribution(options: {
  catalog: CatalogService;
  auth: AuthService;
}): Promise<Attribution> {
  const credentials = await options.auth.getOwnServiceCredentials();
  const { items } = await options.catalog.getEntities(
    {
      filter: { kind: 'Component' },
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
  const byAnnotation = new Map<string, Owner>();
  const byName = new Map<string, Owner>();
  for (const entity of items) {
    const owner: Owner = {
      entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
      ...(ownerRefOf(entity) ? { ownerRef: ownerRefOf(entity) } : {}),
    };
    const id = entity.metadata.annotations?.[KUBERNETES_ID_ANNOTATION];
    if (id && !byAnnotation.has(id)) byAnnotation.set(id, owner);
    if (!byName.has(entity.metadata.name)) {
      byName.set(entity.metadata.name, owner);
    }
  }
  return kubernetesId =>
    kubernetesId === undefined
      ? undefined
      : byAnnotation.get(kubernetesId) ?? byName.get(kubernetesId);
}
