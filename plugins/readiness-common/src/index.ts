/**
 * The platform readiness and maturity model: the guide's seven-factor readiness table, its
 * verdict and recommendations drawn from the two reference documents, and the CNCF platform
 * engineering maturity model. Pure functions, no I/O.
 *
 * @packageDocumentation
 */
export * from './seeds';
export * from './factors';
export * from './verdict';
export * from './maturity';
export * from './recommendations';
export * from './evaluate';
export * from './evidence';
export * from './delivery';
export * from './scorecardProposals';
export * from './history';
export * from './export';
export * from './schema';
export * from './groupRef';
export * from './permissions';
export * from './types';
export * from './requests';
export * from './client';
