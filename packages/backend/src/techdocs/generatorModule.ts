import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  techdocsBuildsExtensionPoint,
  TechdocsGenerator,
  techdocsGeneratorExtensionPoint,
} from '@backstage/plugin-techdocs-node';
import { readGithubHosts } from './editLinks';
import { createBuildStrategy, FailedBuilds } from './failedBuilds';
import { PortalMkdocsGenerator } from './PortalMkdocsGenerator';

/**
 * Replaces Backstage's TechDocs generator with the portal's: every build, on demand from the
 * reader or from the prebuild, goes through the mkdocs allow-lists and the sandboxed run. The
 * build strategy makes a site whose build failed wait a minute before the next attempt.
 */
export const techdocsPortalGeneratorModule = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'portal-generator',
  register(reg) {
    reg.registerInit({
      deps: {
        generator: techdocsGeneratorExtensionPoint,
        builds: techdocsBuildsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ generator, builds, config, logger }) {
        const failedBuilds = new FailedBuilds();
        builds.setBuildStrategy(createBuildStrategy(config, failedBuilds));
        // The extension point is typed with Backstage's class, but the backend only calls the
        // `run` of GeneratorBase, which is all the portal's generator implements.
        generator.setTechdocsGenerator(
          new PortalMkdocsGenerator({
            logger,
            failedBuilds,
            githubHosts: readGithubHosts(config),
          }) as unknown as TechdocsGenerator,
        );
      },
    });
  },
});
