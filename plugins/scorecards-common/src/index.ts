/**
 * Scorecards: checks as code, rule evaluation, levels and waivers, shared by the backend and
 * the frontend.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './facts';
export * from './rules';
export * from './levels';
export * from './waivers';
export * from './appliesTo';
export * from './definitions';
export * from './scorecard';
export * from './permissions';
export * from './api';
export * from './client';
export * from './export';
export * from './initiatives';
export * from './goldenPathAdoption';
export * from './quarters';
