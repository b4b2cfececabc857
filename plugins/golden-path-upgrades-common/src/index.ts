/**
 * Golden path upgrades: template versions and their changelog, what a repository was made
 * from, and the description of an upgrade.
 *
 * @packageDocumentation
 */
export * from './versions';
export * from './record';
export * from './description';
export * from './location';
export * from './summary';
export * from './permissions';
export * from './client';
export * from './adoption';
export * from './recordLines';
