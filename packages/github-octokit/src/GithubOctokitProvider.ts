import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { CountingOctokit, createOctokit } from './createOctokit';

export type GithubOctokitProviderOptions = {
  /** The root configuration: its `integrations.github` entries are the only credentials used. */
  config: Config;
  logger: LoggerService;
  /** Sent as `User-Agent`, so GitHub's audit log names the calling plugin. */
  userAgent: string;
  /** Per-request timeout, milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Retries of 5xx answers, timeouts and rate limits (default 3). */
  retries?: number;
  /** Milliseconds per second of `retry-after` and backoff (1000 in production, small in tests). */
  retryAfterBaseValue?: number;
};

/**
 * The portal's one way to reach GitHub: Octokit clients authenticated through the configured
 * integrations (`integrations.github`: a token or a GitHub App), with rate limits waited out,
 * 5xx answers retried and requests counted.
 */
export interface GithubOctokitProvider {
  /**
   * An Octokit for an organisation or repository URL (`https://github.com/acme`,
   * `https://github.com/acme/payments`), pointed at the API of the matching integration. With
   * a GitHub App, each request carries the token of the app's installation on that owner,
   * renewed before it expires. Throws when no integration matches the URL's host.
   */
  forUrl(url: string): CountingOctokit;
  /**
   * Whether the integration of the host has credentials (a token or a GitHub App); without,
   * GitHub allows 60 anonymous requests an hour.
   */
  hasCredentials(host: string): boolean;
}

/** Builds the provider from the root configuration. */
export function createGithubOctokitProvider(
  options: GithubOctokitProviderOptions,
): GithubOctokitProvider {
  const integrations = ScmIntegrations.fromConfig(options.config);
  const credentials: GithubCredentialsProvider =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  const hasCredentials = (host: string) => {
    const integration = integrations.github.byHost(host);
    return Boolean(
      integration?.config.token || integration?.config.apps?.length,
    );
  };
  return {
    hasCredentials,
    forUrl(url) {
      const integration = integrations.github.byUrl(url);
      if (!integration) {
        throw new Error(
          `No integrations.github entry matches the host of ${url}`,
        );
      }
      const { host, apiBaseUrl } = integration.config;
      const configured = hasCredentials(host);
      // The credentials provider caches tokens (an installation's until shortly before it
      // expires), so asking before every request costs nothing.
      const token = async () => {
        const { token: value } = await credentials.getCredentials({ url });
        // An app not installed on the owner would make the request anonymous: 60 an hour,
        // public data only. Say so instead.
        if (!value && configured) {
          throw new Error(
            `No GitHub credentials for ${url}: no app of the integrations.github entry ${host} is installed on its owner`,
          );
        }
        return value;
      };
      return createOctokit({
        baseUrl: apiBaseUrl ?? 'https://api.github.com',
        token,
        logger: options.logger,
        userAgent: options.userAgent,
        timeoutMs: options.timeoutMs,
        retries: options.retries,
        retryAfterBaseValue: options.retryAfterBaseValue,
      });
    },
  };
}
