/** A boolean rule passes when the fact has the expected value. */
export type BooleanRule = { fact: string; equals: boolean };

/** A numeric rule compares the fact with a threshold (`>=`, `<=`) or a closed range. */
export type NumericRule =
  | { fact: string; operator: '>=' | '<='; threshold: number; unit: string }
  | {
      fact: string;
      operator: 'between';
      min: number;
      max: number;
      unit: string;
    };

export type CheckRule = BooleanRule | NumericRule;

/** Which entities a check applies to: every listed field must match (empty or absent: any). */
export type AppliesTo = {
  kind?: string[];
  type?: string[];
  lifecycle?: string[];
  /** The entity must carry at least one of these tags. */
  tags?: string[];
};

/** A check as written in `scorecards/checks/*.yaml`. */
export type CheckDefinition = {
  id: string;
  title: string;
  /** Why the check matters, one or two sentences. */
  why: string;
  /** A link to the docs: what the check asks and how to fix it. */
  docs: string;
  appliesTo: AppliesTo;
  level: string;
  rule: CheckRule;
};

/** A fact's value: a boolean, a finite number, or null when it could not be collected. */
export type FactValue = boolean | number | null;

/**
 * The outcome of one check for one entity. `unknown`: the fact has not been collected (or is
 * null); it does not pass. `waived`: failed or unknown, but a granted waiver is in force.
 */
export type CheckStatus = 'pass' | 'fail' | 'unknown' | 'waived';

export type CheckResult = {
  checkId: string;
  status: CheckStatus;
  value: FactValue;
  /** What a person reads: `lead time 31 h, needs ≤ 24 h`. */
  message: string;
};

/** A waiver of one check for one entity. */
export type Waiver = {
  id: string;
  entityRef: string;
  checkId: string;
  reason: string;
  /** ISO 8601. */
  expiresAt: string;
  status: 'requested' | 'granted' | 'rejected';
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
};
