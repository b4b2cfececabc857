/**
 * Scorecards frontend: the entity's Scorecard tab and the Scorecards page.
 *
 * @packageDocumentation
 */
export { scorecardsPlugin as default } from './plugin';
export { scorecardsApiRef } from './api';
