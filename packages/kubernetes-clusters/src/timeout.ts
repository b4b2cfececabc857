/** A cluster that did not answer in time (rather than one that answered with an error). */
export class NoResponseError extends Error {
  name = 'NoResponseError';
}

/**
 * The promise's outcome, or a `NoResponseError` ("no response within <n> s") once `ms` pass
 * without one. The request itself goes on: pass an abort signal to the client (as
 * `readComponentDeployments` does) to free its connection too.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new NoResponseError(`no response within ${Math.round(ms / 1000)} s`),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
