import { toCsv } from '@internal/csv';
import { NO_LEVEL, ScorecardSummary } from './api';
import { GoldenPathAdoption } from './goldenPathAdoption';

/** A share as a percentage with one decimal (2 / 3 → 66.7); empty when it has no whole. */
function percent(share: number | null): number | null {
  return share === null ? null : Math.round(1000 * share) / 10;
}

/** A golden path adoption row: counts, shares in %, seed 004's aim and whether it is met. */
function adoptionRow(label: string, adoption: GoldenPathAdoption) {
  return [
    label,
    adoption.services,
    adoption.fromGoldenPath,
    percent(adoption.adoptedShare),
    percent(adoption.aim),
    adoption.meetsAim ? 'yes' : 'no',
    adoption.onLatestVersion,
    percent(adoption.currentShare),
  ];
}

/**
 * The summary's services per team and level as CSV, one row per team (the organisation's total
 * last), a column per level from below the lowest up, then the checks with their pass rate,
 * then the golden path adoption per team and in total: services made from a golden path against
 * seed 004's 80 %, and of those the ones on their template's latest version.
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
    [],
    [
      'Golden path adoption',
      'Services',
      'From a golden path',
      'From a golden path %',
      'Aim %',
      'Aim met',
      'On latest version',
      'On latest version %',
    ],
    ...summary.goldenPathsByTeam.map(team =>
      adoptionRow(team.ownerRef ?? 'no owner', team),
    ),
    adoptionRow('All teams', summary.goldenPaths),
  ]);
}
