import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readConfig } from './config.js';

describe('readConfig', () => {
  it('defaults to port 8080 and level info', () => {
    assert.deepEqual(
      { port: readConfig({}).port, logLevel: readConfig({}).logLevel },
      { port: 8080, logLevel: 'info' },
    );
  });
  it('refuses an invalid port', () => {
    assert.throws(() => readConfig({ PORT: 'eighty' }), /PORT must be an integer/);
  });
});
