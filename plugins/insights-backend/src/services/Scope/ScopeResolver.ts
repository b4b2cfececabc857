import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PROJECT_SLUG_ANNOTATION } from '@internal/plugin-insights-common';

export type Scope = {
  entityRef?: string;
  group?: string;
  components: Entity[];
  /** `owner/name`, lower case, of the components' repositories. */
  repositories: string[];
};

export function repositoryOf(entity: Entity): string | undefined {
  const slug = entity.metadata.annotations?.[PROJECT_SLUG_ANNOTATION];
  return slug ? slug.trim().toLocaleLowerCase('en-US') : undefined;
}

/** Resolves an entity, a team or the whole organisation to catalog components and repositories. */
export class ScopeResolver {
  constructor(private readonly catalog: CatalogService) {}

  async resolve(
    query: { entityRef?: string; group?: string },
    credentials: BackstageCredentials,
  ): Promise<Scope> {
    if (query.entityRef && query.group) {
      throw new InputError('entityRef, group: give one of them, not both');
    }
    if (query.entityRef) {
      let ref: string;
      try {
        ref = stringifyEntityRef(
          parseEntityRef(query.entityRef, { defaultKind: 'component' }),
        );
      } catch (e) {
        throw new InputError(
          `entityRef: not an entity reference (${(e as Error).message})`,
        );
      }
      const entity = await this.catalog.getEntityByRef(ref, { credentials });
      if (!entity)
        throw new InputError(`entityRef: unknown entity '${query.entityRef}'`);
      const repo = repositoryOf(entity);
      return {
        entityRef: ref,
        components: [entity],
        repositories: repo ? [repo] : [],
      };
    }
    if (query.group) {
      let ref: string;
      try {
        ref = stringifyEntityRef(
          parseEntityRef(query.group, { defaultKind: 'group' }),
        );
      } catch (e) {
        throw new InputError(
          `group: not an entity reference (${(e as Error).message})`,
        );
      }
      if (!ref.startsWith('group:'))
        throw new InputError(`group: '${query.group}' is not a group`);
      const group = await this.catalog.getEntityByRef(ref, { credentials });
      if (!group) throw new InputError(`group: unknown group '${query.group}'`);
      const { items } = await this.catalog.getEntities(
        { filter: { kind: 'component', 'relations.ownedBy': ref } },
        { credentials },
      );
      return { group: ref, components: items, repositories: repos(items) };
    }
    const { items } = await this.catalog.getEntities(
      { filter: { kind: 'component' } },
      { credentials },
    );
    return { components: items, repositories: repos(items) };
  }

  /** Every repository claimed by a catalog component (for the backfill). */
  async allRepositories(credentials: BackstageCredentials): Promise<string[]> {
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'component',
          [`metadata.annotations.${PROJECT_SLUG_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['kind', 'metadata', 'spec'],
      },
      { credentials },
    );
    return repos(items);
  }
}

function repos(items: Entity[]): string[] {
  return [
    ...new Set(items.map(repositoryOf).filter((r): r is string => Boolean(r))),
  ].sort();
}
