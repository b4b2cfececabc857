export type RetryOptions = {
  /** Attempts in total, including the first one (default 3). */
  attempts?: number;
  /** Delay before the second attempt in milliseconds; doubles after each failure (default 100). */
  initialDelayMs?: number;
  /** Whether an error is worth another attempt (default: every error). */
  retryOn?: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
};

/** Calls `fn` until it succeeds or the attempts run out, with exponential backoff. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}) {
  const {
    attempts = 3,
    initialDelayMs = 100,
    retryOn = () => true,
    sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)),
  } = options;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
  }
  let delay = initialDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= attempts || !retryOn(error)) throw error;
      await sleep(delay);
      delay *= 2;
    }
  }
}
