import { LoggerService } from '@backstage/backend-plugin-api';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';

export type OctokitOptions = {
  /** REST API root: `https://api.github.com`, or a GitHub Enterprise Server's `/api/v3`. */
  baseUrl: string;
  /**
   * The token of each request, asked for before every request so that a GitHub App's
   * installation token is renewed when it expires; none: anonymous.
   */
  token?: () => Promise<string | undefined>;
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

/** An Octokit and the number of HTTP requests it has sent, retries included. */
export type CountingOctokit = { octokit: Octokit; requests: () => number };

/**
 * Octokit with GitHub's recommended behaviour: the throttling plugin waits out primary limits
 * (`x-ratelimit-reset`) and secondary limits (`retry-after`), the retry plugin retries 5xx
 * answers and timeouts with quadratic backoff. Every request is counted, so a scan can report
 * what it cost of the hourly limit.
 */
export function createOctokit(options: OctokitOptions): CountingOctokit {
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
  const warn =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      count: number,
    ) =>
      options.logger.warn(
        `GitHub ${kind} on ${request.method} ${request.url}; retry ${
          count + 1
        } in ${retryAfter}s`,
      );
  const ThrottledOctokit = Octokit.plugin(throttling, retry);
  const octokit = new ThrottledOctokit({
    baseUrl: options.baseUrl,
    userAgent: options.userAgent,
    request: { fetch: countingFetch },
    retry: { retries, retryAfterBaseValue: base },
    throttle: {
      retryAfterBaseValue: base,
      onRateLimit: (retryAfter, request, octokitInstance, count) => {
        warn('rate limit')(retryAfter, request, octokitInstance, count);
        // A reset more than an hour away is not a limit to wait for inside one run.
        return count < retries && retryAfter <= 3600;
      },
      onSecondaryRateLimit: (retryAfter, request, octokitInstance, count) => {
        warn('secondary rate limit')(
          retryAfter,
          request,
          octokitInstance,
          count,
        );
        return count < retries;
      },
    },
  });
  const token = options.token;
  if (token) {
    octokit.hook.before('request', async request => {
      const value = await token();
      if (value) request.headers.authorization = `token ${value}`;
    });
  }
  return { octokit, requests: () => requests };
}
