import { z } from 'zod';
import { isKnownCurrency } from './currencies';

/**
 * The inputs of the ROI method, all for one observed period (`periodMonths`) and in one
 * currency. Names follow the seed's vocabulary (DevCosts, IncidentCosts, ...), in camelCase.
 */
export type RoiInputs = {
  /** Length of the observed period in months (1–60). Every amount below covers this period. */
  periodMonths: number;
  /** ISO 4217 code of the currency of every amount. */
  currency: string;
  /** DevCosts: loaded salaries of the developers and ops in scope over the period. */
  devCosts: number;
  /** IncidentCosts: number of incidents × average cost per incident over the period. */
  incidentCosts: number;
  /** InfraCosts: run infrastructure + non-production infrastructure over the period. */
  infraCosts: number;
  /** DesignCosts: internal and external time and costs of design and implementation. */
  designCosts: number;
  /** AddLicenceCosts: additional licence costs. */
  addLicenceCosts: number;
  /** TrainingCosts: time spent upgrading the teams' skills. */
  trainingCosts: number;
  /** ImprovedProductivity%: share of developer and ops time freed up (0–100). */
  improvedProductivityPct: number;
  /** ImprovedIncidentsCosts%: reduction of incident costs (0–100). */
  improvedIncidentsCostsPct: number;
  /** ImprovedResources%: infrastructure cost savings (0–100). */
  improvedResourcesPct: number;
  /** TTMReductionGain: extra revenue from the shorter time to market over the period. */
  ttmReductionGain: number;
  /** Months until the gains reach full effect in the cash-flow projection (0–36). */
  rampUpMonths: number;
  /** Recurring yearly cost of running the platform after the period (team, licences). */
  recurringYearlyCosts: number;
};

export type RoiInputName = keyof RoiInputs;

/** The amounts, percentages and settings of {@link RoiInputs} that are numbers. */
export type RoiNumericInputName = Exclude<RoiInputName, 'currency'>;

/** Values used when an optional input is left out. */
export const ROI_DEFAULTS = {
  periodMonths: 12,
  currency: 'EUR',
  rampUpMonths: 6,
  recurringYearlyCosts: 0,
} as const;

/** Length of the month-by-month projection: three years. */
export const PROJECTION_MONTHS = 36;

export type RoiFieldGroup =
  | 'period'
  | 'currentCosts'
  | 'investment'
  | 'impact'
  | 'projection';

export type RoiFieldKind = 'amount' | 'percent' | 'months' | 'currency';

export type RoiField = {
  name: RoiInputName;
  group: RoiFieldGroup;
  kind: RoiFieldKind;
  label: string;
  /** The name the seed's method uses, when the field comes from it. */
  seedName?: string;
  help: string;
};

export const ROI_GROUP_TITLES: Record<RoiFieldGroup, string> = {
  period: 'Observed period',
  currentCosts: 'Analysis of current costs before implementation',
  investment: 'Investment for setting up the platform',
  impact: 'Potential impact of Platform Engineering',
  projection: 'Projection beyond the period',
};

/** Every input with its group (as the method groups them), label and help text. */
export const ROI_FIELDS: readonly RoiField[] = [
  {
    name: 'periodMonths',
    group: 'period',
    kind: 'months',
    label: 'Observed period (months)',
    help: 'Every amount below is collected over this period, for a product, a department or the whole company.',
  },
  {
    name: 'currency',
    group: 'period',
    kind: 'currency',
    label: 'Currency',
    help: 'ISO 4217 code of every amount (EUR, USD, GBP, ...).',
  },
  {
    name: 'devCosts',
    group: 'currentCosts',
    kind: 'amount',
    label: 'Developer and Ops costs',
    seedName: 'DevCosts',
    help: 'Loaded salaries of the developers and ops in the observed scope, over the period.',
  },
  {
    name: 'incidentCosts',
    group: 'currentCosts',
    kind: 'amount',
    label: 'Cost of incidents',
    seedName: 'IncidentCosts',
    help: 'Number of incidents × average cost per incident, without loss of image or anything not immediately quantifiable.',
  },
  {
    name: 'infraCosts',
    group: 'currentCosts',
    kind: 'amount',
    label: 'Infrastructure costs',
    seedName: 'InfraCosts',
    help: 'Run infrastructure of the scope plus non-production infrastructure (development, acceptance, pre-production).',
  },
  {
    name: 'designCosts',
    group: 'investment',
    kind: 'amount',
    label: 'Design and implementation',
    seedName: 'DesignCosts',
    help: 'Internal and external time and costs devoted to designing and building the platform.',
  },
  {
    name: 'addLicenceCosts',
    group: 'investment',
    kind: 'amount',
    label: 'Additional licences',
    seedName: 'AddLicenceCosts',
    help: 'Additional licence costs the platform may require.',
  },
  {
    name: 'trainingCosts',
    group: 'investment',
    kind: 'amount',
    label: 'Training',
    seedName: 'TrainingCosts',
    help: "Hours or days spent upgrading the teams' skills, as a cost.",
  },
  {
    name: 'improvedProductivityPct',
    group: 'impact',
    kind: 'percent',
    label: 'Improved productivity (%)',
    seedName: 'ImprovedProductivity%',
    help: 'Share of time freed up for high value-added tasks: development and deployment time saved.',
  },
  {
    name: 'improvedIncidentsCostsPct',
    group: 'impact',
    kind: 'percent',
    label: 'Incident cost reduction (%)',
    seedName: 'ImprovedIncidentsCosts%',
    help: 'Reduction of incident costs after implementation.',
  },
  {
    name: 'improvedResourcesPct',
    group: 'impact',
    kind: 'percent',
    label: 'Infrastructure savings (%)',
    seedName: 'ImprovedResources%',
    help: 'Infrastructure cost savings.',
  },
  {
    name: 'ttmReductionGain',
    group: 'impact',
    kind: 'amount',
    label: 'Time-to-market gain',
    seedName: 'TTMReductionGain',
    help: 'Additional revenue generated by the shorter time to market, over the period.',
  },
  {
    name: 'rampUpMonths',
    group: 'projection',
    kind: 'months',
    label: 'Months to full effect',
    help: 'The gains grow linearly from month 1 and reach full effect in this month (0 = full effect at once).',
  },
  {
    name: 'recurringYearlyCosts',
    group: 'projection',
    kind: 'amount',
    label: 'Recurring yearly platform cost',
    help: 'What running the platform costs each year after the period: platform team, licences.',
  },
];

const numberError = (iss: { input: unknown }) =>
  iss.input === undefined ? 'is required' : 'must be a finite number';

/**
 * Largest amount: ten trillion in any currency. Amounts up to it keep exact cents in a double,
 * and with the smallest non-zero values below every figure of the method stays finite (a
 * gain of 1e308 overflows to Infinity, which JSON writes as null).
 */
export const MAX_AMOUNT = 10_000_000_000_000;

/**
 * Smallest non-zero amount (a cent) and percentage. ROI and payback divide by the investment
 * and the monthly gain: a value such as 1e-300 would make them infinite.
 */
export const MIN_NON_ZERO = 0.01;

const zeroOrAtLeastMin = (v: number) => v === 0 || v >= MIN_NON_ZERO;

const amount = z
  .number({ error: numberError })
  .min(0, { error: 'must be a finite number >= 0' })
  .max(MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT}` })
  .refine(zeroOrAtLeastMin, {
    error: `must be 0 or at least ${MIN_NON_ZERO}`,
  });

const percent = z
  .number({ error: numberError })
  .min(0, { error: 'must be between 0 and 100' })
  .max(100, { error: 'must be between 0 and 100' })
  .refine(zeroOrAtLeastMin, {
    error: `must be 0 or at least ${MIN_NON_ZERO}`,
  });

const wholeMonths = (min: number, max: number) =>
  z
    .number({ error: numberError })
    .int({
      error: `must be a whole number of months between ${min} and ${max}`,
    })
    .min(min, {
      error: `must be a whole number of months between ${min} and ${max}`,
    })
    .max(max, {
      error: `must be a whole number of months between ${min} and ${max}`,
    });

/** The schema of {@link RoiInputs}: strict (unknown fields are refused), defaults applied. */
export const roiInputsSchema = z
  .strictObject({
    periodMonths: wholeMonths(1, 60).default(ROI_DEFAULTS.periodMonths),
    currency: z
      .string({ error: 'must be an ISO 4217 currency code such as EUR' })
      .refine(isKnownCurrency, {
        error: 'must be an ISO 4217 currency code such as EUR',
      })
      .default(ROI_DEFAULTS.currency),
    devCosts: amount,
    incidentCosts: amount,
    infraCosts: amount,
    designCosts: amount,
    addLicenceCosts: amount,
    trainingCosts: amount,
    improvedProductivityPct: percent,
    improvedIncidentsCostsPct: percent,
    improvedResourcesPct: percent,
    ttmReductionGain: amount,
    rampUpMonths: wholeMonths(0, PROJECTION_MONTHS).default(
      ROI_DEFAULTS.rampUpMonths,
    ),
    recurringYearlyCosts: amount.default(ROI_DEFAULTS.recurringYearlyCosts),
  })
  .superRefine((v, ctx) => {
    if (v.designCosts + v.addLicenceCosts + v.trainingCosts <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['investment'],
        message:
          'designCosts + addLicenceCosts + trainingCosts must be greater than 0 (ROI divides by the investment)',
      });
    }
  });

/** One problem with a request, naming the field it is about. */
export type FieldError = { field: string; message: string };

/** Turns zod issues into `field: message` pairs (unknown keys are reported one by one). */
export function toFieldErrors(
  issues: ReadonlyArray<{
    path: ReadonlyArray<PropertyKey>;
    message: string;
    code: string;
    keys?: readonly string[];
    input?: unknown;
  }>,
  prefix = '',
): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(p => String(p))]
      .filter(Boolean)
      .join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const key of issue.keys) {
        out.push({
          field: path ? `${path}.${key}` : key,
          message: 'unknown field',
        });
      }
    } else if (issue.code === 'invalid_type' && issue.path.length === 0) {
      out.push({ field: path || 'body', message: 'must be a JSON object' });
    } else {
      out.push({ field: path || 'body', message: issue.message });
    }
  }
  return out;
}

/** Formats field errors as one line: `devCosts: is required; currency: must be ...`. */
export function formatFieldErrors(errors: FieldError[]): string {
  return errors.map(e => `${e.field}: ${e.message}`).join('; ');
}

export type RoiValidation =
  | { ok: true; inputs: RoiInputs }
  | { ok: false; errors: FieldError[] };

/** Validates untrusted input (a request body, a form) into {@link RoiInputs}. */
export function validateRoiInputs(value: unknown): RoiValidation {
  const parsed = roiInputsSchema.safeParse(value);
  if (parsed.success) {
    return { ok: true, inputs: parsed.data };
  }
  return { ok: false, errors: toFieldErrors(parsed.error.issues) };
}
