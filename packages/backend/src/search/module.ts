import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogCollatorExtensionPoint } from '@backstage/plugin-search-backend-module-catalog';
import { portalEntityTransformer } from './entityTransformer';

/** Makes catalog entities findable by name and tags as well as by title and description. */
export const searchCatalogDocumentsModule = createBackendModule({
  pluginId: 'search',
  moduleId: 'portal-catalog-documents',
  register(reg) {
    reg.registerInit({
      deps: { collator: catalogCollatorExtensionPoint },
      async init({ collator }) {
        collator.setEntityTransformer(portalEntityTransformer);
      },
    });
  },
});
