import type { z as zod } from 'zod/v3';
import type { Zod } from '@internal/portal-actions';
import {
  isKnownCurrency,
  MAX_AMOUNT,
  PROJECTION_MONTHS,
  ROI_DEFAULTS,
  ROI_FIELDS,
  RoiField,
  RoiResult,
  RoiScenarioSummary,
} from '@internal/plugin-roi-common';

/**
 * The actions registry describes its actions with zod 3 (`zod/v3`), our packages use zod 4:
 * these schemas give an MCP client the shape of the input and output; the model's own
 * validation (`validateRoiInputs`, the routes') still runs on every call.
 */
function inputField(z: Zod, field: RoiField) {
  const described = (schema: zod.ZodTypeAny) =>
    schema.describe(
      `${field.label}${field.seedName ? ` (${field.seedName})` : ''}: ${
        field.help
      }`,
    );
  const optional = field.name in ROI_DEFAULTS;
  let schema: zod.ZodTypeAny;
  switch (field.kind) {
    case 'currency':
      schema = z
        .string()
        .max(3)
        .refine(isKnownCurrency, 'must be an ISO 4217 currency code');
      break;
    case 'percent':
      schema = z.number().min(0).max(100);
      break;
    case 'months':
      schema =
        field.name === 'periodMonths'
          ? z.number().int().min(1).max(60)
          : z.number().int().min(0).max(PROJECTION_MONTHS);
      break;
    default:
      schema = z.number().min(0).max(MAX_AMOUNT);
  }
  return described(optional ? schema.optional() : schema);
}

/** The inputs of the ROI method, described field by field from the calculator's own list. */
export const roiInputsInput = (z: Zod) =>
  z
    .object(Object.fromEntries(ROI_FIELDS.map(f => [f.name, inputField(z, f)])))
    .strict();

export const calculateInput = (z: Zod) =>
  z
    .object({
      inputs: roiInputsInput(z).describe(
        `The inputs, every amount over the observed period in one currency; defaults: ${JSON.stringify(
          ROI_DEFAULTS,
        )}`,
      ),
    })
    .strict();

const gain = (z: Zod) =>
  z.object({
    productivity: z.number(),
    incidents: z.number(),
    infrastructure: z.number(),
    timeToMarket: z.number(),
    total: z.number(),
  });

export const roiResultOutput = (z: Zod) =>
  z.object({
    currency: z.string(),
    periodMonths: z.number(),
    gain: gain(z),
    investment: z.number(),
    netGain: z.number(),
    roiPercent: z.number(),
    paybackMonths: z.number().nullable(),
    monthlyGain: z.number(),
    breakEvenMonth: z.number().nullable(),
    cashFlow: z.array(
      z.object({
        month: z.number(),
        rampShare: z.number(),
        gain: z.number(),
        cost: z.number(),
        net: z.number(),
        cumulative: z.number(),
      }),
    ),
    years: z.array(
      z.object({
        year: z.number(),
        gain: z.number(),
        investment: z.number(),
        recurringCosts: z.number(),
        net: z.number(),
        cumulativeNet: z.number(),
        cumulativeRoiPercent: z.number(),
      }),
    ),
    sensitivity: z.array(
      z.object({
        input: z.enum([
          'improvedProductivityPct',
          'improvedIncidentsCostsPct',
          'improvedResourcesPct',
          'ttmReductionGain',
        ]),
        value: z.number(),
        lowValue: z.number(),
        highValue: z.number(),
        lowRoiPercent: z.number(),
        highRoiPercent: z.number(),
        swing: z.number(),
      }),
    ),
  });

export const listInput = (z: Zod) =>
  z
    .object({
      limit: z
        .number()
        .int()
        .min(1)
        .max(200)
        .optional()
        .describe('Most business cases to return, 1 to 200 (default 200)'),
    })
    .strict();

const scenarioFields = (z: Zod) => ({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  ownerRef: z.string(),
  sharedWithGroups: z.array(z.string()),
  sharedByLink: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  canEdit: z.boolean(),
});

const scenarioSummary = (z: Zod) =>
  z.object({
    ...scenarioFields(z),
    currency: z.string(),
    roiPercent: z.number(),
    paybackMonths: z.number().nullable(),
    netGain: z.number(),
  });

export const listOutput = (z: Zod) =>
  z.object({ items: z.array(scenarioSummary(z)) });

export const getInput = (z: Zod) =>
  z
    .object({
      id: z
        .string()
        .uuid()
        .describe('The id of a saved business case (a UUID), as listed'),
    })
    .strict();

/** A saved business case with its result; the share-link token stays in the portal. */
export const getOutput = (z: Zod) =>
  z.object({
    ...scenarioFields(z),
    inputs: z.record(z.union([z.number(), z.string()])),
    result: roiResultOutput(z),
  });

/** Compile-time guard: the output schemas describe exactly the model's answers. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const outputsMatchTheModel: [
  Same<zod.infer<ReturnType<typeof roiResultOutput>>, RoiResult>,
  Same<zod.infer<ReturnType<typeof scenarioSummary>>, RoiScenarioSummary>,
] = [true, true];
