import { formatDuration, runDurationSeconds } from './runs';

const now = new Date('2026-12-03T12:00:00Z');

describe('runDurationSeconds', () => {
  it.each([
    // completed: 11:58:00 → 11:59:30 is 90 s
    ['completed', '2026-12-03T11:58:00Z', '2026-12-03T11:59:30Z', 90],
    // still running: from 11:59:15 to now (12:00:00) is 45 s, whatever the last update
    ['in_progress', '2026-12-03T11:59:15Z', '2026-12-03T11:59:20Z', 45],
    // 999 ms is not a whole second: 0
    ['completed', '2026-12-03T11:00:00.000Z', '2026-12-03T11:00:00.999Z', 0],
    // completed without an update time: unknown
    ['completed', '2026-12-03T11:00:00Z', undefined, undefined],
    // not started
    ['queued', undefined, undefined, undefined],
    // ends before it starts: unknown rather than negative
    ['completed', '2026-12-03T11:00:10Z', '2026-12-03T11:00:00Z', undefined],
    // unreadable time
    ['completed', 'yesterday', '2026-12-03T11:00:00Z', undefined],
  ])('%s from %s to %s: %s s', (status, startedAt, updatedAt, expected) => {
    expect(runDurationSeconds({ status, startedAt, updatedAt }, now)).toBe(
      expected,
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [42, '42 s'],
    // 187 s = 3 × 60 + 7
    [187, '3 min 07 s'],
    // 3720 s = 1 h + 2 × 60
    [3720, '1 h 02 min'],
    // 90061 s = 25 h + 1 min + 1 s: hours are not folded into days
    [90061, '25 h 01 min'],
  ])('%s s reads %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});
