/**
 * Roadmap frontend: the platform team's public roadmap by phase and by quarter, the
 * developers' proposals with their votes, and the platform team's answers.
 *
 * @packageDocumentation
 */
export { roadmapPlugin as default } from './plugin';
export { roadmapApiRef } from './api';
