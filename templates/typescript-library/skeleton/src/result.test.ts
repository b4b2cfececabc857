import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { err, isOk, mapResult, ok } from './index.js';

describe('Result', () => {
  it('maps values and leaves errors alone', () => {
    assert.deepEqual(mapResult(ok(2), n => n * 21), ok(42));
    const failure = err(new Error('nope'));
    assert.equal(mapResult(failure, () => 1), failure);
    assert.equal(isOk(failure), false);
  });
});
