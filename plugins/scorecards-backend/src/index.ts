/**
 * Scorecards backend: checks as code evaluated against facts with history, levels, summaries
 * and waivers.
 *
 * @packageDocumentation
 */
export { scorecardsPlugin as default } from './plugin';
export { SCORECARDS_TASK_ID } from './plugin';
