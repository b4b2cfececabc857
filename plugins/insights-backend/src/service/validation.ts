import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Largest value of a PostgreSQL `integer` column. */
export const MAX_INT32 = 2_147_483_647;

/** A positive integer that fits a PostgreSQL `integer` column. */
export const int32 = () => z.number().int().min(0).max(MAX_INT32);

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    month - 1
  ];
}

/**
 * Why `value` is not an ISO 8601 date or timestamp PostgreSQL can store, or undefined when it
 * is. Every part is checked (30 February is refused, not moved to 2 March), years run from
 * 0001 to 9999, and a date or time without an offset is UTC.
 */
export function timestampProblem(value: string): string | undefined {
  const m = TIMESTAMP.exec(value);
  if (!m) return `'${printable(value)}' is not an ISO 8601 date or timestamp`;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m
    .slice(1, 7)
    .map(v => (v === undefined ? undefined : Number(v))) as number[];
  if (year < 1)
    return `'${printable(value)}': year ${m[1]} is out of range (0001-9999)`;
  if (month < 1 || month > 12)
    return `'${printable(value)}': month ${m[2]} does not exist`;
  if (day < 1 || day > daysInMonth(year, month))
    return `'${printable(value)}': day ${m[3]} does not exist in ${m[1]}-${
      m[2]
    }`;
  if (hour > 23 || minute > 59 || second > 59)
    return `'${printable(value)}': the time of day does not exist`;
  const offset = m[7];
  if (offset && offset.toUpperCase() !== 'Z') {
    const [, oh, om] = /^[+-](\d{2}):?(\d{2})$/.exec(offset)!;
    if (Number(oh) > 14 || Number(om) > 59)
      return `'${printable(value)}': offset ${offset} does not exist`;
  }
  return undefined;
}

/** Parses a checked ISO 8601 date or timestamp (see {@link timestampProblem}); throws InputError naming `field`. */
export function parseTimestamp(value: unknown, field: string): Date {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${field}: required, an ISO 8601 date or timestamp`);
  }
  const trimmed = value.trim();
  const problem = timestampProblem(trimmed);
  if (problem) throw new InputError(`${field}: ${problem}`);
  let normalised = trimmed.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(normalised)) normalised += 'T00:00:00Z';
  else if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(normalised)) normalised += 'Z';
  const ms = Date.parse(normalised);
  // A valid local time at the ends of the range can leave it once its offset applies.
  const year = new Date(ms).getUTCFullYear();
  if (Number.isNaN(ms) || year < 1 || year > 9999) {
    throw new InputError(`${field}: '${printable(trimmed)}' is out of range`);
  }
  return new Date(ms);
}

/** A zod ISO 8601 timestamp (see {@link timestampProblem}), normalised to `toISOString()`. */
export const timestamp = () =>
  z.string().transform((value, ctx) => {
    const problem = timestampProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    try {
      return parseTimestamp(value, 'value').toISOString();
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  });

/** A value quoted in a message: NULs and other control characters shown escaped, and short. */
export function printable(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return shown.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
