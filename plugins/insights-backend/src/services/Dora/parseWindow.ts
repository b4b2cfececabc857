import { InputError } from '@backstage/errors';
import { MAX_WINDOW_DAYS, windowDays } from '@internal/plugin-insights-common';
import { parseTimestamp } from '../../service/validation';

/** Parses `from`/`to` (ISO dates or timestamps) into a `[from, to)` window of at most 2 years. */
export function parseWindow(
  fromText: unknown,
  toText: unknown,
): { from: Date; to: Date } {
  const from = parseTimestamp(fromText, 'from');
  const to = parseTimestamp(toText, 'to');
  if (from.getTime() >= to.getTime()) {
    throw new InputError(
      `from: ${from.toISOString()} is not before to: ${to.toISOString()}`,
    );
  }
  if (windowDays(from, to) > MAX_WINDOW_DAYS) {
    throw new InputError(
      `to: the window from ${from.toISOString()} is longer than 2 years (${MAX_WINDOW_DAYS} days)`,
    );
  }
  return { from, to };
}
