/**
 * A target quarter, `2027-Q1`: calendar quarters (Q1 is January to March), years 2000 to 2099
 * like every other date of the portal.
 */
export type Quarter = string;

export const QUARTER_PATTERN = /^(20\d\d)-Q([1-4])$/;

export type QuarterParts = { year: number; quarter: 1 | 2 | 3 | 4 };

/** The year and quarter of `2027-Q1`, or null when the text is not a quarter. */
export function parseQuarter(text: string): QuarterParts | null {
  const match = QUARTER_PATTERN.exec(text);
  if (!match) return null;
  return {
    year: Number(match[1]),
    quarter: Number(match[2]) as QuarterParts['quarter'],
  };
}

/** The quarter an instant falls in, in UTC: 31 March 23:59 UTC is still Q1. */
export function quarterOf(date: Date): Quarter {
  const quarter = Math.floor(date.getUTCMonth() / 3) + 1;
  return `${date.getUTCFullYear()}-Q${quarter}`;
}

/**
 * Orders quarters in time (negative when `a` comes first). The text sorts the same way, but
 * this says so, and a caller need not rely on the zero-padding of the format.
 */
export function compareQuarters(a: Quarter, b: Quarter): number {
  const pa = parseQuarter(a);
  const pb = parseQuarter(b);
  if (!pa || !pb) throw new Error(`Not a quarter: ${pa ? b : a}`);
  return pa.year * 4 + pa.quarter - (pb.year * 4 + pb.quarter);
}
