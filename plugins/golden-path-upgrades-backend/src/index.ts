/**
 * Golden path upgrades: the backend that prepares them and answers the golden paths page.
 *
 * @packageDocumentation
 */
export { goldenPathUpgradesPlugin as default } from './plugin';
export { TemplateSource } from './lib/templateSource';
export { renderTemplate } from './lib/renderTemplate';
export { prepareUpgrade, readRecord } from './lib/prepareUpgrade';
export type { UpgradeOutcome } from './lib/prepareUpgrade';
