/**
 * Cursors of the saved scenario list (`GET /api/roi/scenarios`). The list is ordered by last
 * change, latest first, then by id; a cursor names a row of that order and which way to read
 * from it, so a page stays right while scenarios are saved or deleted in between (an offset
 * would skip or repeat rows). It is opaque to callers: base64url of `[direction, updatedAt, id]`.
 */

/** Where a page starts: after this row (`next`) or before it (`prev`), in the list's order. */
export type ScenarioCursor = {
  direction: 'next' | 'prev';
  /** ISO 8601 timestamp of the row's last change. */
  updatedAt: string;
  id: string;
};

/** A page of a cursor-paged list: the cursors of the pages before and after, where there are. */
export type ScenarioPage<T> = {
  items: T[];
  nextCursor?: string;
  prevCursor?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** The longest cursor a page hands out (the contract allows no longer). */
export const SCENARIO_CURSOR_MAX_LENGTH = 200;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary)
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function fromBase64Url(text: string): string | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, c => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function encodeScenarioCursor(cursor: ScenarioCursor): string {
  return toBase64Url(
    JSON.stringify([
      cursor.direction === 'next' ? 'n' : 'p',
      cursor.updatedAt,
      cursor.id,
    ]),
  );
}

/**
 * The cursor a page handed out, or undefined when the text is not one: not base64url, not the
 * three fields, a timestamp that is not an existing UTC instant, or an id that is not a UUID.
 */
export function decodeScenarioCursor(text: string): ScenarioCursor | undefined {
  if (text.length === 0 || text.length > SCENARIO_CURSOR_MAX_LENGTH) {
    return undefined;
  }
  const json = fromBase64Url(text);
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [d, updatedAt, id] = value;
  if (d !== 'n' && d !== 'p') return undefined;
  if (typeof updatedAt !== 'string' || !ISO_UTC.test(updatedAt)) {
    return undefined;
  }
  const time = new Date(updatedAt);
  // 2025-02-30T… parses to March: the text must be the instant it names
  if (
    Number.isNaN(time.getTime()) ||
    time.toISOString().slice(0, 19) !== updatedAt.slice(0, 19)
  ) {
    return undefined;
  }
  if (typeof id !== 'string' || !UUID.test(id)) return undefined;
  return { direction: d === 'n' ? 'next' : 'prev', updatedAt, id };
}

/**
 * The page and its cursors from the rows a store read for it: `limit + 1` rows from the
 * cursor's position in the cursor's direction (for `prev`, nearest first), so one extra row
 * says whether there is a further page that way. Rows come back in the list's order.
 */
export function scenarioPageOf<T extends { id: string; updatedAt: string }>(
  rows: T[],
  limit: number,
  cursor: ScenarioCursor | undefined,
): ScenarioPage<T> {
  const more = rows.length > limit;
  const read = rows.slice(0, limit);
  const backwards = cursor?.direction === 'prev';
  const items = backwards ? [...read].reverse() : read;
  const at = (row: T, direction: 'next' | 'prev') =>
    encodeScenarioCursor({ direction, updatedAt: row.updatedAt, id: row.id });
  const page: ScenarioPage<T> = { items };
  const first = items[0];
  const last = items[items.length - 1];
  // Further on in the direction read: only when the extra row exists.
  // Back the way we came: always, when we came by a cursor.
  const hasNext = backwards ? cursor !== undefined : more;
  const hasPrev = backwards ? more : cursor !== undefined;
  if (hasNext) {
    page.nextCursor = last
      ? at(last, 'next')
      : encodeScenarioCursor({ ...cursor!, direction: 'next' });
  }
  if (hasPrev) {
    page.prevCursor = first
      ? at(first, 'prev')
      : encodeScenarioCursor({ ...cursor!, direction: 'prev' });
  }
  return page;
}
