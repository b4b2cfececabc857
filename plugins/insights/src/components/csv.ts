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
  const d = (
    metric: string,
    value: number | null,
    unit: string,
    category: string | null,
  ) =>
    rows.push([
      'dora',
      input.scope,
      dora.window.from,
      dora.window.to,
      metric,
      value,
      unit,
      category,
      null,
    ]);
  d('deployments', dora.deploymentFrequency.deployments, 'count', null);
  d(
    'deploymentsPerWeek',
    dora.deploymentFrequency.deploymentsPerWeek,
    'per week',
    dora.deploymentFrequency.category,
  );
  d(
    'medianDeployDaysPerWeek',
    dora.deploymentFrequency.medianDeployDaysPerWeek,
    'days',
    dora.deploymentFrequency.category,
  );
  d(
    'leadTimeMedian',
    dora.leadTimeForChanges.medianHours,
    'hours',
    dora.leadTimeForChanges.category,
  );
  d('leadTimeP90', dora.leadTimeForChanges.p90Hours, 'hours', null);
  d('changes', dora.leadTimeForChanges.changes, 'count', null);
  d(
    'changeFailureRate',
    dora.changeFailureRate.rate,
    'fraction',
    dora.changeFailureRate.category,
  );
  d(
    'failedDeployments',
    dora.changeFailureRate.failedDeployments,
    'count',
    null,
  );
  d(
    'timeToRestoreMedian',
    dora.timeToRestore.medianHours,
    'hours',
    dora.timeToRestore.category,
  );
  d('incidentsRestored', dora.timeToRestore.incidents, 'count', null);
  for (const w of dora.weekly) {
    const week = w.weekStart.slice(0, 10);
    rows.push([
      'week',
      input.scope,
      week,
      null,
      'deployments',
      w.deployments,
      'count',
      null,
      null,
    ]);
    rows.push([
      'week',
      input.scope,
      week,
      null,
      'deployDays',
      w.deployDays,
      'days',
      null,
      null,
    ]);
    rows.push([
      'week',
      input.scope,
      week,
      null,
      'leadTimeMedian',
      w.medianLeadTimeHours,
      'hours',
      null,
      null,
    ]);
    rows.push([
      'week',
      input.scope,
      week,
      null,
      'changeFailureRate',
      w.changeFailureRate,
      'fraction',
      null,
      null,
    ]);
    rows.push([
      'week',
      input.scope,
      week,
      null,
      'timeToRestoreMedian',
      w.medianTimeToRestoreHours,
      'hours',
      null,
      null,
    ]);
  }
  for (const kpi of [
    ...(input.adoption?.kpis ?? []),
    ...(input.surveyKpis ?? []),
  ]) {
    rows.push([
      'kpi',
      input.scope,
      dora.window.from,
      dora.window.to,
      kpi.id,
      kpi.value,
      kpi.unit,
      kpi.target,
      metLabel(kpi.met),
    ]);
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
