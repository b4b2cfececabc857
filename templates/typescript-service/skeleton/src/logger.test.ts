import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from './logger.js';

describe('logger', () => {
  it('writes JSON lines at or above the minimum level', () => {
    const lines: string[] = [];
    const logger = createLogger('svc', 'warn', line => lines.push(line));
    logger.info('hidden');
    logger.error('shown', { code: 42 });
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0] ?? '');
    assert.equal(entry.level, 'error');
    assert.equal(entry.msg, 'shown');
    assert.equal(entry.code, 42);
    assert.ok(!Number.isNaN(Date.parse(entry.time)));
  });
});
