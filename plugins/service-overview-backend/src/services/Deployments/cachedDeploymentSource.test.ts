import { mockCredentials } from '@backstage/backend-test-utils';
import { cachedDeploymentSource } from './cachedDeploymentSource';

const ADA = mockCredentials.user('user:default/ada');
const BO = mockCredentials.user('user:default/bo');
const CHECKOUT = 'component:default/checkout';

function setUp(options: { maxEntries?: number } = {}) {
  let clock = 0;
  const latest = jest.fn(async (entityRef: string) => ({
    deployments: entityRef.length,
    windowDays: 90,
  }));
  const source = cachedDeploymentSource(
    { latest },
    { ttlMs: 60_000, now: () => clock, ...options },
  );
  return { source, latest, tick: (ms: number) => (clock += ms) };
}

describe('cachedDeploymentSource', () => {
  it('asks once per caller and entity within the time to live, and again after it', async () => {
    const { source, latest, tick } = setUp();
    await source.latest(CHECKOUT, ADA);
    tick(59_999);
    await source.latest(CHECKOUT, ADA);
    expect(latest).toHaveBeenCalledTimes(1);
    tick(1);
    await source.latest(CHECKOUT, ADA);
    expect(latest).toHaveBeenCalledTimes(2);
  });

  it('keeps answers per caller: each is asked for with its own credentials', async () => {
    const { source, latest } = setUp();
    await source.latest(CHECKOUT, ADA);
    await source.latest(CHECKOUT, BO);
    await source.latest('component:default/cart', ADA);
    expect(latest.mock.calls).toEqual([
      [CHECKOUT, ADA],
      [CHECKOUT, BO],
      ['component:default/cart', ADA],
    ]);
  });

  it('shares a question under way among concurrent requests', async () => {
    const { source, latest } = setUp();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => source.latest(CHECKOUT, ADA)),
    );
    expect(latest).toHaveBeenCalledTimes(1);
    expect(new Set(answers.map(a => JSON.stringify(a))).size).toBe(1);
  });

  it('does not keep a failure', async () => {
    const { source, latest } = setUp();
    latest.mockRejectedValueOnce(new Error('insights timed out'));
    await expect(source.latest(CHECKOUT, ADA)).rejects.toThrow('timed out');
    await expect(source.latest(CHECKOUT, ADA)).resolves.toMatchObject({
      windowDays: 90,
    });
    expect(latest).toHaveBeenCalledTimes(2);
  });

  it('forgets the oldest answer beyond its size', async () => {
    const { source, latest } = setUp({ maxEntries: 2 });
    await source.latest('component:default/a', ADA);
    await source.latest('component:default/b', ADA);
    await source.latest('component:default/c', ADA);
    await source.latest('component:default/c', ADA);
    await source.latest('component:default/b', ADA);
    expect(latest).toHaveBeenCalledTimes(3);
    await source.latest('component:default/a', ADA);
    expect(latest).toHaveBeenCalledTimes(4);
  });
});
