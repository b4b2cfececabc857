import { LoggerService } from '@backstage/backend-plugin-api';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

export type CountingOctokit = { octokit: Octokit; requests: () => number };

/**
 * Octokit with GitHub's recommended behaviour: the throttling plugin waits out primary limits
 * (`x-ratelimit-reset`) and secondary limits (`retry-after`), the retry plugin retries 5xx.
 * Every HTTP request is counted, retries included, so a scan can report its cost.
 */
export function createOctokit(options: {
  baseUrl: string;
  token?: string;
  logger: LoggerService;
  timeoutMs?: number;
  retries?: number;
  /** Milliseconds per second of `retry-after` (1000 in production, small in tests). */
  retryAfterBaseValue?: number;
}): CountingOctokit {
  let requests = 0;
  const retries = options.retries ?? 3;
  const base = options.retryAfterBaseValue ?? 1000;
  const countingFetch: typeof fetch = (input, init) => {
    requests += 1;
    return fetch(input, {
      ...init,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  };
  const ThrottledOctokit = Octokit.plugin(throttling, retry);
  const octokit = new ThrottledOctokit({
    baseUrl: options.baseUrl,
    auth: options.token,
    userAgent: 'acme-portal-service-overview',
    request: { fetch: countingFetch },
    retry: { retries, retryAfterBaseValue: base },
    throttle: {
      retryAfterBaseValue: base,
      onRateLimit: (
        retryAfter: number,
        opts: any,
        _o: unknown,
        count: number,
      ) => {
        options.logger.warn(
          `GitHub rate limit on ${opts.method} ${opts.url}; retry ${
            count + 1
          } in ${retryAfter}s`,
        );
        return count < retries && retryAfter <= 3600;
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        opts: any,
        _o: unknown,
        count: number,
      ) => {
        options.logger.warn(
          `GitHub secondary rate limit on ${opts.method} ${opts.url}; retry ${
            count + 1
          } in ${retryAfter}s`,
        );
        return count < retries;
      },
    },
  });
  return { octokit, requests: () => requests };
}
