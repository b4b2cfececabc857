/**
 * Service overview backend: the plugin and, when `GITHUB_ORG` is set, GitHub discovery for
 * the catalog. The default export loads both.
 *
 * @packageDocumentation
 */
import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { catalogModuleServiceOverviewGithub } from './catalogModule';
import { serviceOverviewPlugin } from './plugin';

export { serviceOverviewPlugin } from './plugin';
export { catalogModuleServiceOverviewGithub } from './catalogModule';
export { readGithubDiscoveryConfig, readClusterNames } from './config';

export default createBackendFeatureLoader({
  loader() {
    return [serviceOverviewPlugin, catalogModuleServiceOverviewGithub];
  },
});
