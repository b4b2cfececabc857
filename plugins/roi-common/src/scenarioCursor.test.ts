import {
  decodeScenarioCursor,
  encodeScenarioCursor,
  scenarioPageOf,
  ScenarioCursor,
} from './scenarioCursor';

const uuid = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const row = (n: number, updatedAt: string) => ({ id: uuid(n), updatedAt });

describe('scenario cursors', () => {
  it('encode to base64url of [direction, updatedAt, id] and decode back', () => {
    const cursor: ScenarioCursor = {
      direction: 'next',
      updatedAt: '2026-11-30T10:00:00.000Z',
      id: uuid(1),
    };
    // JSON ["n","2026-11-30T10:00:00.000Z","00000000-0000-4000-8000-000000000001"]
    const text = encodeScenarioCursor(cursor);
    expect(text).toBe(
      Buffer.from(
        '["n","2026-11-30T10:00:00.000Z","00000000-0000-4000-8000-000000000001"]',
      ).toString('base64url'),
    );
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeScenarioCursor(text)).toEqual(cursor);
    expect(
      decodeScenarioCursor(
        encodeScenarioCursor({ ...cursor, direction: 'prev' }),
      ),
    ).toEqual({ ...cursor, direction: 'prev' });
  });

  const b64 = (value: unknown) =>
    Buffer.from(
      typeof value === 'string' ? value : JSON.stringify(value),
    ).toString('base64url');

  it.each<[string, string]>([
    ['empty', ''],
    ['not base64url', 'abc+/=='],
    ['not JSON', b64('not json')],
    ['an object, not the three fields', b64({ d: 'n' })],
    ['an unknown direction', b64(['x', '2026-11-30T10:00:00.000Z', uuid(1)])],
    [
      'a date that does not exist (30 February)',
      b64(['n', '2026-02-30T10:00:00.000Z', uuid(1)]),
    ],
    ['a time without its zone', b64(['n', '2026-11-30T10:00:00', uuid(1)])],
    [
      'an id that is not a UUID',
      b64(['n', '2026-11-30T10:00:00.000Z', "1' OR 1=1"]),
    ],
    ['a NUL in the id', b64(['n', '2026-11-30T10:00:00.000Z', '\u0000'])],
    ['longer than 200 characters', 'A'.repeat(201)],
    [
      'bytes that are not UTF-8',
      Buffer.from([0xff, 0xfe, 0x5b]).toString('base64url'),
    ],
  ])('refuses %s', (_label, text) => {
    expect(decodeScenarioCursor(text)).toBeUndefined();
  });
});

describe('scenarioPageOf', () => {
  // The list, latest change first: r1 (12:00), r2 (11:00), r3 (11:00, a later id), r4 (10:00)
  const r1 = row(1, '2026-11-30T12:00:00.000Z');
  const r2 = row(2, '2026-11-30T11:00:00.000Z');
  const r3 = row(3, '2026-11-30T11:00:00.000Z');
  const r4 = row(4, '2026-11-30T10:00:00.000Z');
  const next = (r: { id: string; updatedAt: string }): ScenarioCursor => ({
    direction: 'next',
    ...r,
  });
  const prev = (r: { id: string; updatedAt: string }): ScenarioCursor => ({
    direction: 'prev',
    ...r,
  });
  const decoded = (page: { nextCursor?: string; prevCursor?: string }) => ({
    next: page.nextCursor && decodeScenarioCursor(page.nextCursor),
    prev: page.prevCursor && decodeScenarioCursor(page.prevCursor),
  });

  it.each<
    [
      string,
      Array<{ id: string; updatedAt: string }>,
      ScenarioCursor | undefined,
      string[],
      ScenarioCursor | undefined,
      ScenarioCursor | undefined,
    ]
  >([
    // [case, rows read (limit 2, so up to 3), cursor, page ids, next, prev]
    [
      'first page: 3 rows read for 2 → a next page after r2, none before',
      [r1, r2, r3],
      undefined,
      [uuid(1), uuid(2)],
      next(r2),
      undefined,
    ],
    [
      'after r2: r3, r4 and nothing more → no next page; back before r3',
      [r3, r4],
      next(r2),
      [uuid(3), uuid(4)],
      undefined,
      prev(r3),
    ],
    [
      'before r3, read nearest first (r2, r1): shown r1, r2; nothing before; next after r2',
      [r2, r1],
      prev(r3),
      [uuid(1), uuid(2)],
      next(r2),
      undefined,
    ],
    [
      'before r4 with 3 rows read (r3, r2, r1): shown r2, r3; r1 is before them',
      [r3, r2, r1],
      prev(r4),
      [uuid(2), uuid(3)],
      next(r3),
      prev(r2),
    ],
    [
      'after r4: empty (all deleted meanwhile) → back before where we stood',
      [],
      next(r4),
      [],
      undefined,
      prev(r4),
    ],
    [
      'an empty list: no page either way',
      [],
      undefined,
      [],
      undefined,
      undefined,
    ],
  ])('%s', (_label, rows, cursor, ids, expectedNext, expectedPrev) => {
    const page = scenarioPageOf(rows, 2, cursor);
    expect(page.items.map(i => i.id)).toEqual(ids);
    expect(decoded(page)).toEqual({ next: expectedNext, prev: expectedPrev });
  });
});
