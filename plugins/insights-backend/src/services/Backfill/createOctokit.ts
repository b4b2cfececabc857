import { LoggerService } from '@backstage/backend-plugin-api';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

export type OctokitOptions = {
  baseUrl: string;
  token?: string;
  logger: LoggerService;
  /** Per-request timeout, milliseconds. */
  timeoutMs: number;
  /** Retries of 5xx, timeouts and rate limits. */
  retries?: number;
  /** Milliseconds per second of `retry-after` / backoff (1000 in production, small in tests). */
  retryAfterBaseValue?: number;
};

/**
 * Octokit with the retry plugin (5xx and timeouts, quadratic backoff) and the throttling
 * plugin (primary limits wait for `x-ratelimit-reset`, secondary limits for `retry-after`).
 */
export function createOctokit(options: OctokitOptions): Octokit {
  const retries = options.retries ?? 3;
  const base = options.retryAfterBaseValue ?? 1000;
  const ThrottledOctokit = Octokit.plugin(throttling, retry);
  const timedFetch: typeof fetch = (input, init) =>
    fetch(input, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  return new ThrottledOctokit({
    baseUrl: options.baseUrl,
    auth: options.token,
    userAgent: 'acme-portal-insights',
    request: { fetch: timedFetch },
    retry: { retries, retryAfterBaseValue: base },
    throttle: {
      retryAfterBaseValue: base,
      onRateLimit: (
        retryAfter: number,
        opts: any,
        _o: unknown,
        retryCount: number,
      ) => {
        options.logger.warn(
          `GitHub rate limit on ${opts.method} ${opts.url}; retry ${
            retryCount + 1
          } in ${retryAfter}s`,
        );
        return retryCount < retries && retryAfter <= 3600;
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        opts: any,
        _o: unknown,
        retryCount: number,
      ) => {
        options.logger.warn(
          `GitHub secondary rate limit on ${opts.method} ${opts.url}; retry ${
            retryCount + 1
          } in ${retryAfter}s`,
        );
        return retryCount < retries;
      },
    },
  });
}
