/**
 * Optional helpers for the ImprovedProductivity% input, from figures of seed 004 (Jellyfish,
 * "Platform Engineering", part 5 "The Business Benefits of Platform Engineering") that a
 * leader can turn into a share of time freed. Each is one estimate of the same quantity: they
 * overlap (a context switch is part of switching tools), so the form offers them one at a time,
 * never summed.
 */

const SEED_004 =
  'Seed 004 (Jellyfish, Platform Engineering guide), “The Business Benefits of Platform Engineering”';

/** "Developers waste 6 to 15 hours each week just switching between different tools." */
export const TOOL_SWITCHING_HOURS_PER_WEEK = { low: 6, high: 15 } as const;

/** "Context switching costs developers an average of 23 minutes and 15 seconds …": 23.25 min. */
export const CONTEXT_SWITCH_MINUTES = 23 + 15 / 60;

/** "Developers spend 42% of their working week dealing with technical debt." */
export const TECHNICAL_DEBT_SHARE_OF_WEEK_PCT = 42;

export type ProductivityHelperId =
  | 'toolSwitching'
  | 'contextSwitching'
  | 'technicalDebt';

export type ProductivityHelper = {
  id: ProductivityHelperId;
  title: string;
  /** The seed's figure, in its words. */
  figure: string;
  source: string;
  /** The formula, as shown beside the result. */
  formula: string;
};

export const PRODUCTIVITY_HELPERS: readonly ProductivityHelper[] = [
  {
    id: 'toolSwitching',
    title: 'Time lost switching between tools',
    figure:
      'Developers waste 6 to 15 hours each week just switching between different tools.',
    source: `${SEED_004}, “Consolidated toolchains reduce friction”`,
    formula:
      'hours lost a week × share the platform recovers ÷ working hours a week',
  },
  {
    id: 'contextSwitching',
    title: 'Context switches avoided',
    figure:
      'Context switching costs developers an average of 23 minutes and 15 seconds to return to their original task.',
    source: `${SEED_004}, “Reduced context switching and cognitive load”`,
    formula:
      'switches avoided a day × 23 min 15 s ÷ (working hours a day × 60)',
  },
  {
    id: 'technicalDebt',
    title: 'Technical debt the platform removes',
    figure:
      'Developers spend 42% of their working week dealing with technical debt.',
    source: `${SEED_004}, “Decreased technical debt burden”`,
    formula: '42% × share of that work the platform removes',
  },
];

const finiteAtLeast = (value: number, min: number) =>
  Number.isFinite(value) && value >= min;

/** A share of time in percent, or null when it is not one (negative, over 100, not finite). */
function percentOfTime(value: number): number | null {
  return Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
}

/**
 * ImprovedProductivity% from tool switching = hours lost a week × recovered% ÷ working hours a
 * week. Null when an input is not a number of the right range or the result exceeds 100%.
 */
export function productivityFromToolSwitching(options: {
  hoursLostPerWeek: number;
  /** Share of those hours the platform gives back, 0–100. */
  recoveredPct: number;
  workingHoursPerWeek: number;
}): number | null {
  const { hoursLostPerWeek, recoveredPct, workingHoursPerWeek } = options;
  if (
    !finiteAtLeast(hoursLostPerWeek, 0) ||
    percentOfTime(recoveredPct) === null ||
    !finiteAtLeast(workingHoursPerWeek, 0) ||
    workingHoursPerWeek === 0
  ) {
    return null;
  }
  return percentOfTime((hoursLostPerWeek * recoveredPct) / workingHoursPerWeek);
}

/**
 * ImprovedProductivity% from context switches avoided = switches a day × 23.25 min ÷ (working
 * hours a day × 60) × 100.
 */
export function productivityFromContextSwitches(options: {
  switchesAvoidedPerDay: number;
  workingHoursPerDay: number;
  /** Minutes to return to the task after a switch; the seed's 23 min 15 s by default. */
  minutesPerSwitch?: number;
}): number | null {
  const minutes = options.minutesPerSwitch ?? CONTEXT_SWITCH_MINUTES;
  const { switchesAvoidedPerDay, workingHoursPerDay } = options;
  if (
    !finiteAtLeast(switchesAvoidedPerDay, 0) ||
    !finiteAtLeast(minutes, 0) ||
    !finiteAtLeast(workingHoursPerDay, 0) ||
    workingHoursPerDay === 0
  ) {
    return null;
  }
  return percentOfTime(
    (switchesAvoidedPerDay * minutes * 100) / (workingHoursPerDay * 60),
  );
}

/**
 * ImprovedProductivity% from technical debt = share of the week on technical debt (the seed's
 * 42% by default) × reduced% ÷ 100.
 */
export function productivityFromTechnicalDebt(options: {
  /** Share of that work the platform removes, 0–100. */
  reducedPct: number;
  /** Share of the week spent on technical debt, 0–100; the seed's 42% by default. */
  debtSharePct?: number;
}): number | null {
  const debt = options.debtSharePct ?? TECHNICAL_DEBT_SHARE_OF_WEEK_PCT;
  if (
    percentOfTime(debt) === null ||
    percentOfTime(options.reducedPct) === null
  ) {
    return null;
  }
  return (debt * options.reducedPct) / 100;
}
