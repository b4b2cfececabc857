import { forEachBounded } from './bounded';

describe('forEachBounded', () => {
  it('runs every item, never more than the limit at a time', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await forEachBounded([1, 2, 3, 4, 5, 6, 7], 3, async item => {
      running++;
      most = Math.max(most, running);
      await new Promise(resolve => setTimeout(resolve, 5 * (item % 3)));
      done.push(item);
      running--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('starts nothing more once aborted', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    await forEachBounded(
      [1, 2, 3, 4],
      1,
      async item => {
        started.push(item);
        if (item === 2) controller.abort();
      },
      controller.signal,
    );
    expect(started).toEqual([1, 2]);
  });
});
