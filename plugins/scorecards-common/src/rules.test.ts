import { evaluateRule, formatFigure } from './rules';
import { CheckRule, FactValue } from './types';

const leadTime: CheckRule = {
  fact: 'insights.leadTimeHours',
  operator: '<=',
  threshold: 24,
  unit: 'h',
};
const deploys: CheckRule = {
  fact: 'insights.deploymentsPerWeek',
  operator: '>=',
  threshold: 1,
  unit: '/week',
};
const cfr: CheckRule = {
  fact: 'insights.changeFailureRatePercent',
  operator: 'between',
  min: 0,
  max: 15,
  unit: '%',
};
const codeowners: CheckRule = { fact: 'github.hasCodeowners', equals: true };

describe('evaluateRule', () => {
  it.each<[string, CheckRule, FactValue | undefined, string, string]>([
    // seed 004: lead time "less than one day (elite)" → ≤ 24 h
    [
      '31 > 24: fails, says both figures',
      leadTime,
      31,
      'fail',
      'lead time 31 h, needs ≤ 24 h',
    ],
    [
      '24 ≤ 24: the bound itself passes (inclusive)',
      leadTime,
      24,
      'pass',
      'lead time 24 h',
    ],
    ['23.5 ≤ 24 passes', leadTime, 23.5, 'pass', 'lead time 23.5 h'],
    // 24.001 > 24 fails; two decimals would print "24", so a third is shown
    [
      '24.001 fails and is not printed as 24',
      leadTime,
      24.001,
      'fail',
      'lead time 24.001 h, needs ≤ 24 h',
    ],
    // 31.256 rounds to two decimals: 31.26
    [
      'figures are rounded to two decimals',
      leadTime,
      31.256,
      'fail',
      'lead time 31.26 h, needs ≤ 24 h',
    ],
    // seed 004: deployment frequency "daily to weekly (high performing)" → ≥ 1/week
    [
      '0.5/week < 1: fails',
      deploys,
      0.5,
      'fail',
      'deployments 0.5/week, needs ≥ 1/week',
    ],
    ['1/week ≥ 1: the bound passes', deploys, 1, 'pass', 'deployments 1/week'],
    // seed 004: change failure rate "0-15% (elite/high performing)" → between 0 and 15 %
    ['15 % is inside [0, 15]', cfr, 15, 'pass', 'change failure rate 15 %'],
    ['0 % is inside [0, 15]', cfr, 0, 'pass', 'change failure rate 0 %'],
    [
      '15.5 % is above 15',
      cfr,
      15.5,
      'fail',
      'change failure rate 15.5 %, needs between 0 and 15 %',
    ],
    [
      '-1 % is below 0',
      cfr,
      -1,
      'fail',
      'change failure rate -1 %, needs between 0 and 15 %',
    ],
    ['true equals true', codeowners, true, 'pass', 'CODEOWNERS file: yes'],
    [
      'false is not true',
      codeowners,
      false,
      'fail',
      'CODEOWNERS file: no, needs yes',
    ],
    [
      'no fact yet: unknown',
      leadTime,
      undefined,
      'unknown',
      'lead time: not collected yet, needs ≤ 24 h',
    ],
    [
      'null (no deployments in the window): unknown',
      leadTime,
      null,
      'unknown',
      'lead time: not collected yet, needs ≤ 24 h',
    ],
    [
      'Infinity is not a figure: unknown',
      leadTime,
      Infinity,
      'unknown',
      'lead time: not collected yet, needs ≤ 24 h',
    ],
    [
      'NaN: unknown',
      deploys,
      NaN,
      'unknown',
      'deployments: not collected yet, needs ≥ 1/week',
    ],
    [
      'a boolean for a numeric rule: unknown',
      leadTime,
      true,
      'unknown',
      'lead time: not collected yet, needs ≤ 24 h',
    ],
    [
      'a number for a boolean rule: unknown',
      codeowners,
      1,
      'unknown',
      'CODEOWNERS file: not collected yet, needs yes',
    ],
  ])('%s', (_, rule, value, status, message) => {
    expect(evaluateRule({ id: 'c', rule }, value)).toEqual({
      checkId: 'c',
      status,
      value: status === 'unknown' ? null : value,
      message,
    });
  });
});

describe('formatFigure', () => {
  it.each([
    [31, [], '31'], // whole numbers without decimals
    [2 / 3, [], '0.67'], // 0.666… to two decimals
    [14.999, [15], '14.999'], // 15.00 would read as the bound 15
    [15, [15], '15'], // equal to the bound: nothing to tell apart
  ])('%p with bounds %p reads %p', (value, bounds, text) => {
    expect(formatFigure(value, bounds)).toBe(text);
  });
});
