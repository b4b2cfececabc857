/**
 * Roadmap: the platform team's public roadmap in the phases of seed 004, developers'
 * proposals and votes, and the platform team's answers, shared by the backend and the
 * frontend.
 *
 * @packageDocumentation
 */
export * from './phases';
export * from './quarters';
export * from './links';
export * from './types';
export * from './progress';
export * from './proposals';
export * from './schema';
export * from './permissions';
export * from './client';
