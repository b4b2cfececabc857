/**
 * Shared model of the insights plugins: DORA bands, survey scoring, adoption KPIs, targets.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './dora';
export * from './survey';
export * from './targets';
export * from './adoption';
export * from './permissions';
export * from './client';
export * from './cohorts';
