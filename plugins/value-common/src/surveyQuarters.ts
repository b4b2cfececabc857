/**
 * The survey is published per calendar quarter (1 January, April, July, October), once the
 * quarter has ended. A baseline's windows count from its start date, so a start in the middle
 * of a calendar quarter gives windows that straddle two of them. These functions say which
 * survey quarters a window covers, for how many of its days, and the window's share from them.
 */

const DAY_MS = 86_400_000;

/** One calendar quarter's part of a window: `[from, to)` are ISO dates (UTC). */
export type SurveyQuarterPart = {
  /** `2026-Q1`, as the survey names its quarters. */
  quarter: string;
  from: string;
  to: string;
  /** Whole or fractional days of the window inside the quarter. */
  days: number;
  /** The quarter's own end (its results are published from then on). */
  quarterEnd: string;
};

/** What the survey published for one quarter: its share, or why there is none. */
export type SurveyQuarterResult = SurveyQuarterPart & {
  /** 0–100, or null when not published (quarter open, too few answers, not asked). */
  sharePercent: number | null;
  answers: number | null;
  withheld: string | null;
};

/** A window's share of the week on infrastructure and tooling, from the quarters it covers. */
export type SurveyWindowShare = {
  /** The day-weighted mean of the published quarters' shares; null when none is. */
  sharePercent: number | null;
  /** The published quarters' answers, summed; null when one of them does not say. */
  answers: number | null;
  /** Why there is no share (every covered quarter's reason), or null. */
  withheld: string | null;
  /** Days of the window covered by a published quarter, and the window's days. */
  coveredDays: number;
  windowDays: number;
  /** In words: which quarters, how many days of each, which were not published. */
  coverage: string;
};

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The calendar quarter holding `ms`: its name, start and end (as epoch milliseconds). */
function calendarQuarter(ms: number) {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const index = Math.floor(d.getUTCMonth() / 3);
  return {
    quarter: `${year}-Q${index + 1}`,
    start: Date.UTC(year, index * 3, 1),
    end: Date.UTC(year, index * 3 + 3, 1),
  };
}

/**
 * The calendar quarters a window `[from, to)` (ISO dates or timestamps) overlaps, in order,
 * each with the part of the window inside it. An empty window covers none.
 */
export function surveyQuartersOf(window: {
  from: string;
  to: string;
}): SurveyQuarterPart[] {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const parts: SurveyQuarterPart[] = [];
  for (let at = from; at < to; ) {
    const q = calendarQuarter(at);
    const end = Math.min(q.end, to);
    parts.push({
      quarter: q.quarter,
      from: isoDate(at),
      to: isoDate(end),
      days: (end - at) / DAY_MS,
      quarterEnd: isoDate(q.end),
    });
    at = end;
  }
  return parts;
}

const days = (x: number) => `${Math.round(x * 10) / 10}`;

/**
 * A window's share from the survey quarters it covers: each published quarter weighs by the
 * days of the window inside it (a window of 46 days in a quarter at 30 % and 45 days in one at
 * 20 % spent (46 × 30 + 45 × 20) ÷ 91 = 25.05 % of the week on infrastructure and tooling).
 * A quarter not published (still open, too few answers) is left out and the coverage says so;
 * a window that is one calendar quarter takes that quarter's share as it is.
 */
export function shareOverSurveyQuarters(
  results: SurveyQuarterResult[],
): SurveyWindowShare {
  const windowDays = results.reduce((sum, r) => sum + r.days, 0);
  const published = results.filter(
    (r): r is SurveyQuarterResult & { sharePercent: number } =>
      r.sharePercent !== null,
  );
  const coveredDays = published.reduce((sum, r) => sum + r.days, 0);
  const coverage = results
    .map(
      r =>
        `${r.quarter} (${days(r.days)} days${
          r.sharePercent === null ? `: ${r.withheld ?? 'not published'}` : ''
        })`,
    )
    .join(', ');
  const coverageText = `survey quarters ${coverage}; ${days(
    coveredDays,
  )} of ${days(windowDays)} days covered`;
  if (published.length === 0) {
    const why = (r: SurveyQuarterResult) => r.withheld ?? 'not published';
    return {
      sharePercent: null,
      answers: null,
      withheld:
        results.length === 1
          ? why(results[0])
          : results.map(r => `${r.quarter}: ${why(r)}`).join('; '),
      coveredDays: 0,
      windowDays,
      coverage: coverageText,
    };
  }
  const sharePercent =
    published.length === 1
      ? published[0].sharePercent
      : published.reduce((sum, r) => sum + r.days * r.sharePercent, 0) /
        coveredDays;
  const answers = published.some(r => r.answers === null)
    ? null
    : published.reduce((sum, r) => sum + (r.answers ?? 0), 0);
  return {
    sharePercent,
    answers,
    withheld: null,
    coveredDays,
    windowDays,
    coverage: coverageText,
  };
}
