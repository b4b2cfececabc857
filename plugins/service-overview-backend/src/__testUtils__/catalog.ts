import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

const LOCATION =
  'url:https://github.com/acme-retail/catalog/blob/main/all.yaml';

/** Sample entities for the catalog under test. */
export function group(name: string, onCall?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      title: name.replace(/-/g, ' '),
      ...(onCall ? { annotations: { 'acme.example/on-call': onCall } } : {}),
    },
    spec: {
      type: 'team',
      children: [],
      profile: { email: `${name}@acme.example` },
    },
  };
}

export function component(
  name: string,
  spec: { owner: string; system?: string; lifecycle?: string },
  annotations: Record<string, string> = {},
  links: Entity['metadata']['links'] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations, links },
    spec: { type: 'service', lifecycle: 'production', ...spec },
  };
}

export function system(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name },
    spec: { owner },
  };
}

/** A catalog module whose provider applies the given entities once, as a full mutation. */
export function staticEntities(entities: Entity[]) {
  const provider: EntityProvider = {
    getProviderName: () => 'service-overview-test',
    async connect(connection: EntityProviderConnection) {
      await connection.applyMutation({
        type: 'full',
        entities: entities.map(entity => ({
          entity: {
            ...entity,
            metadata: {
              ...entity.metadata,
              annotations: {
                'backstage.io/managed-by-location': LOCATION,
                'backstage.io/managed-by-origin-location': LOCATION,
                ...entity.metadata.annotations,
              },
            },
          },
          locationKey: 'service-overview-test',
        })),
      });
    },
  };
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'service-overview-test-entities',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider(provider);
        },
      });
    },
  });
}
