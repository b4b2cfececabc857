/**
 * Golden paths: scaffolder actions and the local git host's catalog provider.
 *
 * @packageDocumentation
 */
export { goldenPathsFeatures as default } from './module';
export { createValidateNameAction } from './actions/validateName';
export { createPublishLocalAction } from './actions/publishLocal';
export { createRegisterLocalAction } from './actions/registerLocal';
export { createKubernetesEnvironmentAction } from './actions/kubernetesEnvironment';
export { LocalGitHost } from './lib/LocalGitHost';
export { LocalGitEntityProvider } from './catalog/LocalGitEntityProvider';
export { databaseDropPermission } from './permissions';
