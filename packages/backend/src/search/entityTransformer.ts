import { Entity } from '@backstage/catalog-model';
import {
  CatalogCollatorEntityTransformer,
  defaultCatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';

/**
 * The stock catalog document indexes an entity's title and description only, so once
 * components carry titles ("Payment Gateway") a search for the name people type in commands
 * and URLs (`payment-gateway`) finds nothing. We add the name, its words, and the tags.
 */
export const portalEntityTransformer: CatalogCollatorEntityTransformer = (
  entity: Entity,
) => {
  const document = defaultCatalogCollatorEntityTransformer(entity);
  const { name, tags = [] } = entity.metadata;
  const nameWords = name
    .split(/[-_.]+/)
    .filter(Boolean)
    .join(' ');
  const extra = [name, nameWords !== name ? nameWords : '', ...tags].filter(
    Boolean,
  );
  return {
    ...document,
    text: [document.text, ...extra].filter(Boolean).join(' : '),
  };
};
