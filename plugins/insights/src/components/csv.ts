import { CsvValue, toCsv } from '@internal/csv';
import {
  AdoptionSummary,
  DoraSummary,
  KpiValue,
} from '@internal/plugin-insights-common';

function metLabel(met: boolean | null): string {
  if (met === null) return 'no data';
  return met ? 'met' : 'not met';
}

/** The page's numbers as one CSV: section, metric, value, unit, category/target, status. */
export function insightsCsv(input: {
  scope: string;
  dora: DoraSummary;
  adoption?: AdoptionSummary;
  surveyKpis?: KpiValue[];
}): string {
  const { dora } = input;
  const rows: CsvValue[][] = [];
  // One row in the column order of the header below.
  const row = (
    section: 'dora' | 'week' | 'kpi',
    from: string,
    to: string | null,
    metric: string,
    value: number | null,
    unit: string,
    categoryOrTarget: CsvValue = null,
    status: string | null = null,
  ) =>
    rows.push([
      section,
      input.scope,
      from,
      to,
      metric,
      value,
      unit,
      categoryOrTarget,
      status,
    ]);
  const f = dora.deploymentFrequency;
  const l = dora.leadTimeForChanges;
  const c = dora.changeFailureRate;
  const t = dora.timeToRestore;
  const totals: Array<[string, number | null, string, string | null]> = [
    ['deployments', f.deployments, 'count', null],
    ['deploymentsPerWeek', f.deploymentsPerWeek, 'per week', f.category],
    ['medianDeployDaysPerWeek', f.medianDeployDaysPerWeek, 'days', f.category],
    ['leadTimeMedian', l.medianHours, 'hours', l.category],
    ['leadTimeP90', l.p90Hours, 'hours', null],
    ['changes', l.changes, 'count', null],
    ['changeFailureRate', c.rate, 'fraction', c.category],
    ['failedDeployments', c.failedDeployments, 'count', null],
    ['timeToRestoreMedian', t.medianHours, 'hours', t.category],
    ['incidentsRestored', t.incidents, 'count', null],
  ];
  for (const [metric, value, unit, category] of totals) {
    row(
      'dora',
      dora.window.from,
      dora.window.to,
      metric,
      value,
      unit,
      category,
    );
  }
  for (const w of dora.weekly) {
    const week = w.weekStart.slice(0, 10);
    const perWeek: Array<[string, number | null, string]> = [
      ['deployments', w.deployments, 'count'],
      ['deployDays', w.deployDays, 'days'],
      ['leadTimeMedian', w.medianLeadTimeHours, 'hours'],
      ['changeFailureRate', w.changeFailureRate, 'fraction'],
      ['timeToRestoreMedian', w.medianTimeToRestoreHours, 'hours'],
    ];
    for (const [metric, value, unit] of perWeek) {
      row('week', week, null, metric, value, unit);
    }
  }
  for (const kpi of [
    ...(input.adoption?.kpis ?? []),
    ...(input.surveyKpis ?? []),
  ]) {
    row(
      'kpi',
      dora.window.from,
      dora.window.to,
      kpi.id,
      kpi.value,
      kpi.unit,
      kpi.target,
      metLabel(kpi.met),
    );
  }
  return toCsv([
    [
      'section',
      'scope',
      'from',
      'to',
      'metric',
      'value',
      'unit',
      'category_or_target',
      'status',
    ],
    ...rows,
  ]);
}
