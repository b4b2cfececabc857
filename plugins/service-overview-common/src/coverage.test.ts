import { catalogCoverage, requestsPerRepository } from './coverage';

describe('catalogCoverage', () => {
  it.each([
    // 3 covered of 4 repositories: 3 ÷ 4 = 0.75
    { covered: 3, repositories: 4, share: 0.75 },
    // 0 covered of 10: 0 ÷ 10 = 0
    { covered: 0, repositories: 10, share: 0 },
    // every repository covered: 7 ÷ 7 = 1
    { covered: 7, repositories: 7, share: 1 },
    // 1 of 8: 1 ÷ 8 = 0.125
    { covered: 1, repositories: 8, share: 0.125 },
    // no repository at all: nothing to cover, null rather than 0 % or 100 %
    { covered: 0, repositories: 0, share: null },
  ])(
    '$covered of $repositories → $share',
    ({ covered, repositories, share }) => {
      expect(catalogCoverage(covered, repositories)).toBe(share);
    },
  );

  it.each([
    [5, 4],
    [-1, 3],
    [Number.NaN, 3],
  ])('refuses covered=%p of %p', (covered, repositories) => {
    expect(() => catalogCoverage(covered, repositories)).toThrow(RangeError);
  });
});

describe('requestsPerRepository', () => {
  it.each([
    // 1,000 repositories in 10 pages of 100 + 1,000 contents checks = 1,010 requests: 1,010 ÷ 1,000 = 1.01
    { requests: 1010, repositories: 1000, expected: 1.01 },
    // 25 requests for 100 repositories: 25 ÷ 100 = 0.25
    { requests: 25, repositories: 100, expected: 0.25 },
    // no repository: undefined ratio
    { requests: 3, repositories: 0, expected: null },
  ])(
    '$requests for $repositories → $expected',
    ({ requests, repositories, expected }) => {
      expect(requestsPerRepository(requests, repositories)).toBe(expected);
    },
  );
});
