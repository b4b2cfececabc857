import { dns1123LabelProblem, namespaceFor } from './names';

describe('dns1123LabelProblem', () => {
  it.each([
    ['orders-api', undefined],
    ['a', undefined],
    ['a1-b2', undefined],
    ['x'.repeat(63), undefined],
  ])('accepts %s', (name, problem) => {
    expect(dns1123LabelProblem(name)).toBe(problem);
  });

  it.each([
    ['', 'must not be empty'],
    ['x'.repeat(64), 'must be at most 63 characters, got 64'],
    ['Orders', 'lower-case'],
    ['-orders', 'start and end'],
    ['orders-', 'start and end'],
    ['orders_api', 'lower-case'],
    ['orders.api', 'lower-case'],
  ])('refuses %j', (name, fragment) => {
    expect(dns1123LabelProblem(name)).toContain(fragment);
  });
});

describe('namespaceFor', () => {
  it('suffixes the environment', () => {
    expect(namespaceFor('orders-api', 'staging')).toBe('orders-api-staging');
  });
});
