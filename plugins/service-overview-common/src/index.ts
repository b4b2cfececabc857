/**
 * Service overview: the shared model of the services page, the entity overview card,
 * catalog hygiene and catalog coverage, and the services page's catalog reads.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './entityRefs';
export * from './types';
export * from './links';
export * from './coverage';
export * from './codeowners';
export * from './catalogInfo';
export * from './permissions';
export * from './query';
export * from './services';
export * from './requests';
export * from './client';
