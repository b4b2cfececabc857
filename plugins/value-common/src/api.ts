import { RoiInputs } from '@internal/plugin-roi-common';
import { ExpectedSoFar, ValueLineId } from './expected';
import { Period } from './periods';
import { ValueScope } from './scope';

/** A saved ROI scenario adopted as the baseline of a scope: a copy of its inputs at adoption. */
export type Baseline = {
  id: string;
  scope: ValueScope;
  scenarioId: string;
  scenarioName: string;
  scenarioVersion: number;
  currency: string;
  inputs: RoiInputs;
  /** First day measured against the case (YYYY-MM-DD, UTC). */
  startDate: string;
  /** The cost of one incident the incident line is priced at. */
  costPerIncident: number;
  adoptedBy: string;
  adoptedAt: string;
  /** Quarters after the start that have started (the current one included). */
  quartersStarted: number;
};

/** One adoption, kept for the audit trail. */
export type BaselineEvent = {
  id: string;
  scope: ValueScope;
  action: 'adopted' | 'replaced';
  baselineId: string;
  scenarioId: string;
  scenarioVersion: number;
  startDate: string;
  actor: string;
  at: string;
};

/** `GET /baseline`: the scope's baseline, its adoptions, and whether the caller may adopt. */
export type ScopeBaseline = {
  scope: ValueScope;
  baseline: Baseline | null;
  history: BaselineEvent[];
  canAdopt: boolean;
};

/** The figures of a report: the three lines of the case and two durations behind productivity. */
export type ValueFigureId = ValueLineId | 'leadTime' | 'timeToRestore';

/** How much of the period a figure's data covers, in words and as a share (null when no data). */
export type Coverage = { share: number | null; text: string };

/** One line of a quarter: the case's expectation beside what was measured. */
export type ValueFigure = {
  id: ValueFigureId;
  label: string;
  /** `currency`: amounts in the case's currency; `hours`: durations (before and after are hours). */
  unit: 'currency' | 'hours';
  expected: {
    amount: number | null;
    percent: number | null;
    text: string;
  };
  actual: {
    /** Saving over the measured days (currency); null when not measured. */
    amount: number | null;
    /** Reduction (or freed share) in percent; null when not measured. */
    percent: number | null;
    before: number | null;
    after: number | null;
    text: string;
    /** Why there is no number; null when measured. */
    missing: string | null;
  };
  /** Which data the actual came from. */
  source: string;
  coverage: Coverage;
  /** What the figure takes for granted, written beside it. */
  assumptions: string[];
};

/** `GET /report`: one quarter after the start, expected against actual. */
export type QuarterReport = {
  scope: ValueScope;
  baseline: Baseline;
  currency: string;
  quarter: Period & {
    index: number;
    /** The end of what can have been measured: min(to, now). */
    measuredUntil: string;
    /** Share of the quarter elapsed, 0–1. */
    elapsedShare: number;
  };
  before: Period;
  figures: ValueFigure[];
  /** From the start to the end of this quarter (or now). */
  realised: {
    monthsMeasured: number;
    gain: number;
    investment: number;
    roiPercent: number | null;
    paybackMonths: number | null;
    paidBack: boolean;
    /** Lines whose actuals are in the gain. */
    counted: ValueLineId[];
    /** Lines without data, left out of the gain (and why). */
    missing: { id: ValueLineId; reason: string }[];
  };
  expected: ExpectedSoFar & { months: number };
};
