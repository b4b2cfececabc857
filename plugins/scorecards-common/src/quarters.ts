/** Quarters of the calendar year (UTC), for the team page's trend. */

/** `2026-Q3` for any day of July to September 2026 (YYYY-MM-DD or an ISO instant). */
export function quarterLabel(day: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(day);
  if (!match) throw new RangeError(`quarterLabel: not a day: ${day}`);
  const month = Number(match[2]);
  if (month < 1 || month > 12) {
    throw new RangeError(`quarterLabel: no month ${match[2]} in ${day}`);
  }
  return `${match[1]}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/**
 * The first day (YYYY-MM-DD) of the quarter `count - 1` quarters before the one holding `now`:
 * the start of the last `count` quarters, the running one included.
 */
export function quartersStart(now: Date, count: number): string {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`quartersStart: count must be a whole number ≥ 1`);
  }
  const quarter = Math.floor(now.getUTCMonth() / 3);
  // months since year 0 of the first month of the earliest quarter
  const months = now.getUTCFullYear() * 12 + (quarter - (count - 1)) * 3;
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(
    2,
    '0',
  )}-01`;
}
