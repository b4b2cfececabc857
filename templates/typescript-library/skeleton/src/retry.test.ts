import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retry } from './index.js';

describe('retry', () => {
  it('retries with doubling delays until it succeeds', async () => {
    const delays: number[] = [];
    const value = await retry(
      async attempt => {
        if (attempt < 3) throw new Error(`attempt ${attempt}`);
        return 'done';
      },
      { attempts: 3, initialDelayMs: 10, sleep: async ms => void delays.push(ms) },
    );
    assert.equal(value, 'done');
    assert.deepEqual(delays, [10, 20]);
  });

  it('gives up after the last attempt with the last error', async () => {
    await assert.rejects(
      retry(async attempt => Promise.reject(new Error(`attempt ${attempt}`)), {
        attempts: 2,
        sleep: async () => undefined,
      }),
      /attempt 2/,
    );
  });

  it('does not retry errors that retryOn refuses', async () => {
    let calls = 0;
    await assert.rejects(
      retry(
        async () => {
          calls++;
          throw new Error('fatal');
        },
        { retryOn: () => false },
      ),
    );
    assert.equal(calls, 1);
  });
});
