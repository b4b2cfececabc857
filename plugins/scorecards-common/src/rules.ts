import { factDefinition } from './facts';
import { CheckDefinition, CheckResult, CheckRule, FactValue } from './types';

/** The words a person reads for an operator. */
const OPERATOR_TEXT = { '>=': '≥', '<=': '≤' } as const;

/** `31 h`, `12.5 %`, `2 /week` → `2/week`; a unit-less figure alone. */
function withUnit(value: string, unit: string): string {
  if (!unit) return value;
  return unit.startsWith('/') ? `${value}${unit}` : `${value} ${unit}`;
}

/**
 * A number with at most two decimals, more when two decimals would make it read as one of the
 * `bounds` it differs from (24.001 against 24 reads `24.001`, never `24`, so a failing figure
 * never looks equal to its threshold).
 */
export function formatFigure(value: number, bounds: number[] = []): string {
  for (let decimals = 2; decimals <= 6; decimals++) {
    const text = String(Number(value.toFixed(decimals)));
    const hidesDifference = bounds.some(
      bound =>
        bound !== value && text === String(Number(bound.toFixed(decimals))),
    );
    if (!hidesDifference) return text;
  }
  return String(value);
}

/** What the rule needs, as a person reads it: `needs ≤ 24 h`, `needs between 1 and 5`. */
export function describeRequirement(rule: CheckRule): string {
  if ('equals' in rule) return rule.equals ? 'needs yes' : 'needs no';
  if (rule.operator === 'between') {
    return `needs between ${formatFigure(rule.min)} and ${withUnit(
      formatFigure(rule.max),
      rule.unit,
    )}`;
  }
  return `needs ${OPERATOR_TEXT[rule.operator]} ${withUnit(
    formatFigure(rule.threshold),
    rule.unit,
  )}`;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

function boundsOf(rule: CheckRule): number[] {
  if ('equals' in rule) return [];
  return rule.operator === 'between' ? [rule.min, rule.max] : [rule.threshold];
}

/** Whether a collected value satisfies the rule (bounds inclusive). */
function satisfies(rule: CheckRule, value: boolean | number): boolean {
  if ('equals' in rule) return value === rule.equals;
  if (typeof value !== 'number') return false;
  switch (rule.operator) {
    case '>=':
      return value >= rule.threshold;
    case '<=':
      return value <= rule.threshold;
    default:
      return value >= rule.min && value <= rule.max;
  }
}

/**
 * Evaluates a check's rule against a fact's value. A missing fact, null, a value of the wrong
 * type or a non-finite number is `unknown`, which does not pass. The message names the fact,
 * its value and what the rule needs: `lead time 31 h, needs ≤ 24 h`.
 */
export function evaluateRule(
  check: Pick<CheckDefinition, 'id' | 'rule'>,
  value: FactValue | undefined,
): CheckResult {
  const { rule } = check;
  const fact = factDefinition(rule.fact);
  const label = fact?.label ?? rule.fact;
  const requirement = describeRequirement(rule);
  const expectsBoolean = 'equals' in rule;
  const usable =
    value !== null &&
    value !== undefined &&
    (expectsBoolean
      ? typeof value === 'boolean'
      : typeof value === 'number' && Number.isFinite(value));
  if (!usable) {
    return {
      checkId: check.id,
      status: 'unknown',
      value: null,
      message: `${label}: not collected yet, ${requirement}`,
    };
  }
  const passed = satisfies(rule, value);
  const shown =
    typeof value === 'boolean'
      ? yesNo(value)
      : withUnit(
          formatFigure(value, boundsOf(rule)),
          'unit' in rule ? rule.unit : '',
        );
  return {
    checkId: check.id,
    status: passed ? 'pass' : 'fail',
    value,
    message: `${label}${expectsBoolean ? ':' : ''} ${shown}${
      passed ? '' : `, ${requirement}`
    }`,
  };
}
