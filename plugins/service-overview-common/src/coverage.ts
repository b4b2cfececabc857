/**
 * Share of an organisation's repositories the catalog covers: repositories with at least one
 * catalog entity ÷ all repositories considered (archived ones excluded by the caller).
 * Null when there is no repository, so "nothing to cover" never reads as 0 % or 100 %.
 */
export function catalogCoverage(
  covered: number,
  repositories: number,
): number | null {
  if (!Number.isFinite(covered) || !Number.isFinite(repositories)) {
    throw new RangeError('covered and repositories must be finite numbers');
  }
  if (covered < 0 || repositories < 0 || covered > repositories) {
    throw new RangeError('expected 0 <= covered <= repositories');
  }
  if (repositories === 0) return null;
  return covered / repositories;
}

/**
 * GitHub requests a full discovery spends per repository: the number a 1,000-repository
 * organisation must keep well under 5 (GitHub's 5,000 requests an hour ÷ 1,000).
 */
export function requestsPerRepository(
  requests: number,
  repositories: number,
): number | null {
  if (repositories <= 0) return null;
  return requests / repositories;
}
