import { DEFAULT_ENVIRONMENTS, nextEnvironment } from './environments';

describe('nextEnvironment', () => {
  it.each([
    // dev is first of dev → staging → production: the one after it is staging
    ['dev', 'staging'],
    // staging is second: production follows
    ['staging', 'production'],
    // production is last: nothing to promote to
    ['production', undefined],
    // not configured: no order to follow
    ['qa', undefined],
    // names are compared as written (environments are case-sensitive in GitHub's inputs)
    ['Dev', undefined],
  ])('after %s comes %s', (from, expected) => {
    expect(nextEnvironment(DEFAULT_ENVIRONMENTS, from)?.name).toBe(expected);
  });

  it('follows the configured order, not the names', () => {
    const order = [
      { name: 'production', production: true },
      { name: 'dr', production: true },
    ];
    // production is first here, so dr follows it
    expect(nextEnvironment(order, 'production')).toEqual({
      name: 'dr',
      production: true,
    });
  });
});
