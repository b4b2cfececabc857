/**
 * Octokit as the portal's backend plugins use it: authenticated through the configured GitHub
 * integrations (a token or a GitHub App), rate limits waited out, 5xx retried, requests counted.
 *
 * @packageDocumentation
 */
export { createGithubOctokitProvider } from './GithubOctokitProvider';
export type {
  GithubOctokitProvider,
  GithubOctokitProviderOptions,
} from './GithubOctokitProvider';
export type { CountingOctokit } from './createOctokit';
