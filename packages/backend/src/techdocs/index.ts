import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { techdocsPortalGeneratorModule } from './generatorModule';
import { techdocsPrebuildModule } from './module';

/** The portal's TechDocs modules: the allow-listed, sandboxed generator and the prebuild. */
export default createBackendFeatureLoader({
  *loader() {
    yield techdocsPortalGeneratorModule;
    yield techdocsPrebuildModule;
  },
});
