import { CsvValue, toCsv } from '@internal/csv';
import { ROI_FIELDS, RoiInputs } from './inputs';
import { RoiResult } from './calculate';

export type RoiCsvScenario = {
  name: string;
  description?: string;
  version: number;
  ownerRef: string;
  updatedAt: string;
  inputs: RoiInputs;
};

/**
 * A scenario as CSV, one `section,field,label,value,unit` row per figure: the inputs, the
 * results, the yearly view and the monthly cash flow, written by the portal's one CSV writer
 * (so a name like `=HYPERLINK(…)` reaches a spreadsheet as text). Ends with a line break.
 */
export function scenarioToCsv(
  scenario: RoiCsvScenario,
  result: RoiResult,
): string {
  const c = scenario.inputs.currency;
  const rows: CsvValue[][] = [
    ['section', 'field', 'label', 'value', 'unit'],
    ['scenario', 'name', 'Name', scenario.name, ''],
    ['scenario', 'description', 'Description', scenario.description ?? '', ''],
    ['scenario', 'version', 'Version', scenario.version, ''],
    ['scenario', 'owner', 'Owner', scenario.ownerRef, ''],
    ['scenario', 'updatedAt', 'Last saved', scenario.updatedAt, ''],
  ];
  for (const field of ROI_FIELDS) {
    const units: Record<string, string> = {
      amount: c,
      percent: '%',
      months: 'months',
      currency: '',
    };
    const unit = units[field.kind];
    rows.push([
      'input',
      field.name,
      field.label,
      scenario.inputs[field.name],
      unit,
    ]);
  }
  const results: Array<[string, string, number | null, string]> = [
    ['gain.productivity', 'Gain: productivity', result.gain.productivity, c],
    ['gain.incidents', 'Gain: incidents', result.gain.incidents, c],
    [
      'gain.infrastructure',
      'Gain: infrastructure',
      result.gain.infrastructure,
      c,
    ],
    ['gain.timeToMarket', 'Gain: time to market', result.gain.timeToMarket, c],
    ['gain.total', 'Gain: total', result.gain.total, c],
    ['investment', 'Investment', result.investment, c],
    ['netGain', 'Net gain', result.netGain, c],
    ['roiPercent', 'ROI', result.roiPercent, '%'],
    ['paybackMonths', 'Payback', result.paybackMonths, 'months'],
    [
      'breakEvenMonth',
      'Break-even month (with ramp-up)',
      result.breakEvenMonth,
      'month',
    ],
  ];
  for (const [field, label, value, unit] of results) {
    rows.push(['result', field, label, value, unit]);
  }
  for (const y of result.years) {
    rows.push([
      'year',
      `year${y.year}.gain`,
      `Year ${y.year}: gain`,
      y.gain,
      c,
    ]);
    rows.push([
      'year',
      `year${y.year}.costs`,
      `Year ${y.year}: investment + recurring costs`,
      y.investment + y.recurringCosts,
      c,
    ]);
    rows.push([
      'year',
      `year${y.year}.cumulativeNet`,
      `Year ${y.year}: cumulative net`,
      y.cumulativeNet,
      c,
    ]);
    rows.push([
      'year',
      `year${y.year}.cumulativeRoiPercent`,
      `Year ${y.year}: cumulative ROI`,
      y.cumulativeRoiPercent,
      '%',
    ]);
  }
  for (const s of result.sensitivity) {
    rows.push([
      'sensitivity',
      `${s.input}.low`,
      `ROI with ${s.input} at ${s.lowValue}`,
      s.lowRoiPercent,
      '%',
    ]);
    rows.push([
      'sensitivity',
      `${s.input}.high`,
      `ROI with ${s.input} at ${s.highValue}`,
      s.highRoiPercent,
      '%',
    ]);
  }
  for (const m of result.cashFlow) {
    rows.push([
      'cashflow',
      `month${m.month}.cumulative`,
      `Month ${m.month}: cumulative cash flow`,
      m.cumulative,
      c,
    ]);
  }
  return toCsv(rows);
}
