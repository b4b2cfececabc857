import { DemoHistory } from './history';

/**
 * The DORA figures a history must give, worked out from its records by the portal's
 * definitions (docs/plugins/insights.md, "DORA metrics, defined exactly") and nothing of the
 * portal's code: what the demo's proof compares the portal's answers with.
 */
export type DoraTruth = {
  deployments: number;
  deploymentsPerWeek: number;
  medianDeployDaysPerWeek: number | null;
  medianDeployDaysPerMonth: number | null;
  deploymentFrequencyCategory: Band | null;
  changes: number;
  leadTimeMedianHours: number | null;
  leadTimeP90Hours: number | null;
  leadTimeCategory: Band | null;
  failedDeployments: number;
  changeFailureRate: number | null;
  changeFailureRateCategory: Band | null;
  incidentsRestored: number;
  timeToRestoreMedianHours: number | null;
  timeToRestoreCategory: Band | null;
};

export type Band = 'elite' | 'high' | 'medium' | 'low';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const PRODUCTION = /^prod(uction)?$/i;
const INCIDENT = /incident/i;

/** The value at fraction p of the sorted values, interpolated between neighbours. */
function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** The band of a value where lower is better: strictly below each bound in turn. */
function below(
  value: number | null,
  [elite, high, medium]: [number, number, number],
): Band | null {
  if (value === null) return null;
  if (value < elite) return 'elite';
  if (value < high) return 'high';
  if (value < medium) return 'medium';
  return 'low';
}

/** Change failure rate's band: at most each bound in turn. */
function failureRateBand(rate: number | null): Band | null {
  if (rate === null) return null;
  if (rate <= 0.05) return 'elite';
  if (rate <= 0.1) return 'high';
  if (rate <= 0.15) return 'medium';
  return 'low';
}

/** Mondays 00:00 UTC whose whole week is inside [from, to). */
function weeksInside(from: Date, to: Date): number[] {
  const weeks: number[] = [];
  let day = Date.UTC(
    from.getUTCFullYear(),
    from.getUTCMonth(),
    from.getUTCDate(),
  );
  if (day < from.getTime()) day += DAY_MS;
  while (new Date(day).getUTCDay() !== 1) day += DAY_MS;
  for (; day + 7 * DAY_MS <= to.getTime(); day += 7 * DAY_MS) weeks.push(day);
  return weeks;
}

/** Starts and ends of the calendar months (UTC) wholly inside [from, to). */
function monthsInside(from: Date, to: Date): Array<[number, number]> {
  const months: Array<[number, number]> = [];
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth();
  if (Date.UTC(year, month, 1) < from.getTime()) month += 1;
  for (;;) {
    const start = Date.UTC(year, month, 1);
    const end = Date.UTC(year, month + 1, 1);
    if (end > to.getTime()) return months;
    months.push([start, end]);
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
}

type Counted = { id: number; sha: string; at: number };

/** A repository's successful production deployments, at their first success, in order. */
function countedDeployments(history: DemoHistory, repository: string) {
  const counted: Counted[] = [];
  for (const d of history.deployments) {
    if (d.repository !== repository || !PRODUCTION.test(d.environment))
      continue;
    const success = d.statuses
      .filter(s => s.state === 'success')
      .map(s => Date.parse(s.at))
      .sort((a, b) => a - b)[0];
    if (success !== undefined)
      counted.push({ id: d.id, sha: d.sha, at: success });
  }
  return counted.sort((a, b) => a.at - b.at || a.id - b.id);
}

/**
 * DORA over the repositories (a component, a team's, the organisation's) in [from, to),
 * with the default production pattern, incident pattern and bands.
 */
export function doraTruth(
  history: DemoHistory,
  repositories: ReadonlyArray<string>,
  window: { from: Date; to: Date },
): DoraTruth {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const inWindow = (t: number) => t >= from && t < to;
  const deployDays = new Set<number>();
  const leadHours: number[] = [];
  const restoreHours: number[] = [];
  let deployments = 0;
  let failed = 0;

  for (const repository of repositories) {
    const counted = countedDeployments(history, repository);
    const order = new Map(
      (history.commits[repository] ?? []).map((c, i) => [c.sha, i]),
    );
    const commits = history.commits[repository] ?? [];
    const attributed = new Set<number>();
    for (const issue of history.issues) {
      if (issue.repository !== repository) continue;
      if (!issue.labels.some(l => INCIDENT.test(l))) continue;
      const opened = Date.parse(issue.createdAt);
      // The latest deployment at or before the incident's creation (ties: the higher id).
      const cause = counted.filter(d => d.at <= opened).pop();
      if (cause) attributed.add(cause.id);
      if (issue.closedAt && inWindow(Date.parse(issue.closedAt))) {
        restoreHours.push((Date.parse(issue.closedAt) - opened) / HOUR_MS);
      }
    }
    for (let n = 0; n < counted.length; n++) {
      const d = counted[n];
      if (!inWindow(d.at)) continue;
      deployments += 1;
      if (attributed.has(d.id)) failed += 1;
      deployDays.add(Math.floor(d.at / DAY_MS) * DAY_MS);
      // Its changes: the commits after the previous deployment's, up to its own (the first
      // deployment: its own commit only, as the backfill reads it).
      const previous = counted[n - 1];
      const end = order.get(d.sha)!;
      const start = previous ? order.get(previous.sha)! + 1 : end;
      for (let i = start; i <= end; i++) {
        const hours = (d.at - Date.parse(commits[i].authoredAt)) / HOUR_MS;
        if (hours > 0) leadHours.push(hours);
      }
    }
  }

  const weeks = weeksInside(window.from, window.to);
  const deployDaysPerWeek = weeks.map(
    start =>
      [...deployDays].filter(day => day >= start && day < start + 7 * DAY_MS)
        .length,
  );
  const perMonth = monthsInside(window.from, window.to).map(
    ([start, end]) =>
      [...deployDays].filter(day => day >= start && day < end).length,
  );
  const weekMedian = percentile(deployDaysPerWeek, 0.5);
  const monthMedian = percentile(perMonth, 0.5);
  const perWeek = (deployments / ((to - from) / DAY_MS)) * 7;
  const frequencyBand = (): Band | null => {
    if (weekMedian === null && monthMedian === null) return null;
    // Elite is "multiple times per day": a deployment on 5 days of the median week and at
    // least 10 deployments a week (two a working day).
    if (weekMedian !== null && weekMedian >= 5 && perWeek >= 10) return 'elite';
    if (weekMedian !== null && weekMedian >= 1) return 'high';
    if (monthMedian !== null && monthMedian >= 1) return 'medium';
    return 'low';
  };
  const rate = deployments ? failed / deployments : null;
  const leadMedian = percentile(leadHours, 0.5);
  const restoreMedian = percentile(restoreHours, 0.5);
  return {
    deployments,
    deploymentsPerWeek: perWeek,
    medianDeployDaysPerWeek: weekMedian,
    medianDeployDaysPerMonth: monthMedian,
    deploymentFrequencyCategory: frequencyBand(),
    changes: leadHours.length,
    leadTimeMedianHours: leadMedian,
    leadTimeP90Hours: percentile(leadHours, 0.9),
    leadTimeCategory: below(leadMedian, [24, 168, 720]),
    failedDeployments: failed,
    changeFailureRate: rate,
    changeFailureRateCategory: failureRateBand(rate),
    incidentsRestored: restoreHours.length,
    timeToRestoreMedianHours: restoreMedian,
    timeToRestoreCategory: below(restoreMedian, [1, 24, 168]),
  };
}
