/**
 * Golden path upgrades: the backend that prepares them.
 *
 * @packageDocumentation
 */
export { TemplateSource } from './lib/templateSource';
export { renderTemplate } from './lib/renderTemplate';
export { prepareUpgrade, readRecord } from './lib/prepareUpgrade';
export type { UpgradeOutcome } from './lib/prepareUpgrade';
