import { z } from 'zod';

/** A calendar day, `YYYY-MM-DD`, in UTC: the unit costs are kept in. */
export type Day = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The longest window a query may ask for: two years and a day. */
export const MAX_WINDOW_DAYS = 731;

/**
 * The day as a UTC midnight, or undefined when the text is not a day that exists (30 February,
 * month 13) or lies outside 2000–9999.
 */
export function parseDay(text: string): Date | undefined {
  const match = DAY.exec(text);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 2000) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
    ? date
    : undefined;
}

export function formatDay(date: Date): Day {
  return date.toISOString().slice(0, 10);
}

/** The day after. */
export function nextDay(day: Day): Day {
  return formatDay(new Date(parseDay(day)!.getTime() + MS_PER_DAY));
}

/** Days in `[from, to)`. */
export function daysBetween(from: Day, to: Day): number {
  return Math.round(
    (parseDay(to)!.getTime() - parseDay(from)!.getTime()) / MS_PER_DAY,
  );
}

/** A quarter, `2026-Q3`. */
export type Quarter = string;

/** `[from, to)` of a quarter in days, and how many days it has; undefined when malformed. */
export function quarterDays(
  quarter: Quarter,
): { from: Day; to: Day; days: number } | undefined {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match || Number(match[1]) < 2000) return undefined;
  const year = Number(match[1]);
  const q = Number(match[2]);
  const from = formatDay(new Date(Date.UTC(year, (q - 1) * 3, 1)));
  const to = formatDay(new Date(Date.UTC(year, q * 3, 1)));
  return { from, to, days: daysBetween(from, to) };
}

/** The quarter a day lies in. */
export function quarterOfDay(day: Day): Quarter {
  const date = parseDay(day)!;
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

const dayField = z.string().refine(text => parseDay(text) !== undefined, {
  message: 'must be a day that exists, YYYY-MM-DD, from 2000',
});

/** A window of days `[from, to)`, checked: both days exist, from before to, at most two years. */
export const costWindowSchema = z
  .object({ from: dayField, to: dayField })
  .superRefine((window, ctx) => {
    // a day that does not exist has its own issue already
    if (!parseDay(window.from) || !parseDay(window.to)) return;
    const days = daysBetween(window.from, window.to);
    if (days <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'must be after from',
      });
    } else if (days > MAX_WINDOW_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${MAX_WINDOW_DAYS} days after from`,
      });
    }
  });

export type CostWindow = z.infer<typeof costWindowSchema>;

export const quarterSchema = z
  .string()
  .refine(text => quarterDays(text) !== undefined, {
    message: 'must be a quarter such as 2026-Q3, from 2000',
  });
