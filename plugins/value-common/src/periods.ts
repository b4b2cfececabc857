/**
 * The periods of a baseline: quarter k (k ≥ 1) after a start date is the three calendar months
 * [start + 3(k − 1) months, start + 3k months), in UTC; "before" is the three months that end at
 * the start. Quarters count from the start date, not from the calendar's quarters, so a case
 * adopted on 15 February is measured 15 Feb – 15 May, 15 May – 15 Aug, …
 */

/** A half-open period [from, to), ISO dates (YYYY-MM-DD), UTC. */
export type Period = { from: string; to: string };

const DAY_MS = 86_400_000;

/** The date `months` calendar months after `date` (YYYY-MM-DD), clamped to the month's end. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (dates or ISO timestamps), never below 0. */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, (Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** Quarter `index` (1-based) after `startDate`. */
export function quarterAfter(startDate: string, index: number): Period {
  return {
    from: addMonths(startDate, 3 * (index - 1)),
    to: addMonths(startDate, 3 * index),
  };
}

/** The three months before `startDate`: the figures "before" of seed 000's method. */
export function periodBefore(startDate: string): Period {
  return { from: addMonths(startDate, -3), to: startDate };
}

/**
 * How many quarters after `startDate` have started by `now` (the current one included); 0 while
 * the start is in the future.
 */
export function quartersStarted(startDate: string, now: Date): number {
  let started = 0;
  while (
    Date.parse(quarterAfter(startDate, started + 1).from) <= now.getTime()
  ) {
    started++;
  }
  return started;
}

/** How much of a period has elapsed by `now`, and up to when. */
export type Elapsed = {
  /** The end of what can have been measured: min(to, now), ISO timestamp. */
  until: string;
  days: number;
  periodDays: number;
  /** days ÷ periodDays, 0–1. */
  share: number;
};

/** The part of `period` that lies before `now`. */
export function elapsed(period: Period, now: Date): Elapsed {
  const end = Math.min(Date.parse(period.to), now.getTime());
  const until = new Date(Math.max(end, Date.parse(period.from))).toISOString();
  const days = daysBetween(period.from, until);
  const periodDays = daysBetween(period.from, period.to);
  return {
    until,
    days,
    periodDays,
    share: periodDays > 0 ? days / periodDays : 0,
  };
}
