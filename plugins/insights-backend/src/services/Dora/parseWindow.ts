import { InputError } from '@backstage/errors';
import { MAX_WINDOW_DAYS, windowDays } from '@internal/plugin-insights-common';

/** Parses `from`/`to` (ISO dates or timestamps) into a `[from, to)` window of at most 2 years. */
export function parseWindow(
  fromText: unknown,
  toText: unknown,
): { from: Date; to: Date } {
  const from = parseInstant(fromText, 'from');
  const to = parseInstant(toText, 'to');
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

function parseInstant(value: unknown, name: string): Date {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${name}: required, an ISO 8601 date or timestamp`);
  }
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    throw new InputError(
      `${name}: '${text}' is not an ISO 8601 date or timestamp`,
    );
  }
  // A date alone, or a timestamp without offset, is read as UTC.
  let normalised = text;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) normalised = `${text}T00:00:00Z`;
  else if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) normalised = `${text}Z`;
  const ms = Date.parse(normalised.replace(' ', 'T'));
  if (Number.isNaN(ms)) {
    throw new InputError(`${name}: '${text}' is not a valid date`);
  }
  return new Date(ms);
}
