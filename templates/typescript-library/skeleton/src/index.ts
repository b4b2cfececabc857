/**
 * ${{ (values.name + ': ' + values.description) | replace('*/', '* /') }}
 *
 * The public API of the library. Everything exported here is covered by semantic versioning.
 */
export { Result, ok, err, isOk, mapResult } from './result.js';
export { retry, RetryOptions } from './retry.js';
