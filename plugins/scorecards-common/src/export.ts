import { toCsv } from '@internal/csv';
import { NO_LEVEL, ScorecardSummary } from './api';

/**
 * The summary's services per team and level as CSV, one row per team (the organisation's total
 * last), a column per level from below the lowest up, then the checks with their pass rate.
 */
export function summaryCsv(summary: ScorecardSummary): string {
  const columns = [NO_LEVEL, ...summary.levels];
  const header = [
    'Team',
    'Services',
    ...columns.map(level =>
      level === NO_LEVEL ? `below ${summary.levels[0]}` : level,
    ),
  ];
  const total = (counts: Record<string, number>) =>
    columns.reduce((sum, level) => sum + (counts[level] ?? 0), 0);
  const teams = summary.byTeam.map(team => [
    team.ownerRef ?? 'no owner',
    total(team.counts),
    ...columns.map(level => team.counts[level] ?? 0),
  ]);
  const all = columns.map(level =>
    summary.byTeam.reduce((sum, team) => sum + (team.counts[level] ?? 0), 0),
  );
  const checks = summary.checks.map(check => [
    check.checkId,
    check.title,
    check.level,
    check.applicable,
    check.passing,
    check.applicable === 0
      ? null
      : Math.round((1000 * check.passing) / check.applicable) / 10,
  ]);
  return toCsv([
    header,
    ...teams,
    ['All teams', all.reduce((a, b) => a + b, 0), ...all],
    [],
    ['Check', 'Title', 'Level', 'Applies to', 'Passing', 'Pass rate %'],
    ...checks,
  ]);
}
