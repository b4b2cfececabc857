import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  TechdocsGenerator,
  techdocsGeneratorExtensionPoint,
} from '@backstage/plugin-techdocs-node';
import { PortalMkdocsGenerator } from './PortalMkdocsGenerator';

/**
 * Replaces Backstage's TechDocs generator with the portal's: every build, on demand from the
 * reader or from the prebuild, goes through the mkdocs allow-lists and the sandboxed run.
 */
export const techdocsPortalGeneratorModule = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'portal-generator',
  register(reg) {
    reg.registerInit({
      deps: {
        generator: techdocsGeneratorExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ generator, logger }) {
        // The extension point is typed with Backstage's class, but the backend only calls the
        // `run` of GeneratorBase, which is all the portal's generator implements.
        generator.setTechdocsGenerator(
          new PortalMkdocsGenerator({ logger }) as unknown as TechdocsGenerator,
        );
      },
    });
  },
});
