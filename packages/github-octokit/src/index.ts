/**
 * Octokit as the portal's backend plugins use it.
 *
 * @packageDocumentation
 */
export { createOctokit } from './createOctokit';
export type { CountingOctokit, OctokitOptions } from './createOctokit';
