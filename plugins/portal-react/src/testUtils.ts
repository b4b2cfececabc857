/**
 * Test helpers for the portal's frontend plugins.
 *
 * @packageDocumentation
 */

/**
 * An error shaped like the `ResponseError` a plugin's client throws for a failed request
 * (`@backstage/errors`): its status code and, as `cause`, the error the backend named.
 * `apiError(403, 'NotAllowedError', '…')` is how a refusal reaches a page.
 */
export function apiError(
  statusCode: number,
  name: string,
  message: string,
): Error {
  const cause = Object.assign(new Error(message), { name });
  return Object.assign(
    new Error(`Request failed with ${statusCode}, ${message}`),
    {
      name: 'ResponseError',
      statusCode,
      cause,
      body: { error: { name, message }, response: { statusCode } },
    },
  );
}
