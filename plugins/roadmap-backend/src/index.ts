/**
 * Roadmap backend: the platform team's public roadmap, developers' proposals and votes, and
 * the answers.
 *
 * @packageDocumentation
 */
export { roadmapPlugin as default } from './plugin';
