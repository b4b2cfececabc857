/**
 * Deploy, promote and roll back from the portal: the permissions, the pure rules (which
 * environment a promotion goes to, which deployment a rollback goes back to, whether a
 * workflow accepts the inputs, how long a run took) and the typed client of the backend.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './environments';
export * from './history';
export * from './workflow';
export * from './runs';
export * from './cluster';
export * from './client';
