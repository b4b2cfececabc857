import type { z as zod } from 'zod/v3';
import { nulFreeString, type Zod } from '@internal/portal-actions';
import { AdoptionSummary, DoraSummary } from '@internal/plugin-insights-common';

/**
 * The actions registry describes its actions with zod 3 (`zod/v3`), our packages use zod 4:
 * these schemas give an MCP client the shape of the input and output, and the services' own
 * validation (the routes') still runs on every call.
 */
const ISO_DATE =
  'An ISO 8601 date or timestamp (2025-01-31 or 2025-01-31T12:00:00Z); a time without an offset is UTC';

/** Where the figures come from: one entity, one team, or the organisation when neither is given. */
export const scopeInput = (z: Zod) => ({
  group: nulFreeString(z, 500)
    .optional()
    .describe(
      'A team: group entity ref such as group:default/payments-team (or its name). Leave out, with entityRef, for the organisation',
    ),
  from: nulFreeString(z, 40).describe(
    `Start of the window, inclusive. ${ISO_DATE}`,
  ),
  to: nulFreeString(z, 40).describe(
    `End of the window, exclusive; at most 2 years after from. ${ISO_DATE}`,
  ),
});

export const doraInput = (z: Zod) =>
  z
    .object({
      entityRef: nulFreeString(z, 500)
        .optional()
        .describe(
          'One component: entity ref such as component:default/checkout (a bare name is a component)',
        ),
      ...scopeInput(z),
    })
    .strict();

export const adoptionInput = (z: Zod) => z.object(scopeInput(z)).strict();

const category = (z: Zod) =>
  z.enum(['elite', 'high', 'medium', 'low']).nullable();

export const doraSummaryOutput = (z: Zod) =>
  z.object({
    scope: z.object({
      entityRef: z.string().optional(),
      group: z.string().optional(),
      repositories: z.number(),
    }),
    window: z.object({
      from: z.string(),
      to: z.string(),
      days: z.number(),
      weeks: z.number(),
      months: z.number(),
    }),
    deploymentFrequency: z.object({
      deployments: z.number(),
      deploymentsPerWeek: z.number(),
      medianDeployDaysPerWeek: z.number().nullable(),
      medianDeployDaysPerMonth: z.number().nullable(),
      category: category(z),
    }),
    leadTimeForChanges: z.object({
      changes: z.number(),
      medianHours: z.number().nullable(),
      p90Hours: z.number().nullable(),
      category: category(z),
    }),
    changeFailureRate: z.object({
      deployments: z.number(),
      failedDeployments: z.number(),
      rate: z.number().nullable(),
      category: category(z),
    }),
    timeToRestore: z.object({
      incidents: z.number(),
      medianHours: z.number().nullable(),
      category: category(z),
    }),
    weekly: z.array(
      z.object({
        weekStart: z.string(),
        deployments: z.number(),
        deployDays: z.number(),
        changes: z.number(),
        medianLeadTimeHours: z.number().nullable(),
        failedDeployments: z.number(),
        changeFailureRate: z.number().nullable(),
        incidentsRestored: z.number(),
        medianTimeToRestoreHours: z.number().nullable(),
      }),
    ),
  });

export const adoptionSummaryOutput = (z: Zod) =>
  z.object({
    group: z.string().optional(),
    window: z.object({ from: z.string(), to: z.string() }),
    kpis: z.array(
      z.object({
        id: z.enum([
          'teamAdoption',
          'componentAdoption',
          'selfServiceCompletion',
          'timeToFirstDeployment',
          'catalogCompleteness',
          'nps',
          'satisfaction',
        ]),
        label: z.string(),
        value: z.number().nullable(),
        unit: z.enum(['fraction', 'hours', 'score']),
        target: z.string(),
        met: z.boolean().nullable(),
        definition: z.string(),
        numerator: z.number().optional(),
        denominator: z.number().optional(),
      }),
    ),
    goldenPathUsage: z.array(
      z.object({
        weekStart: z.string(),
        template: z.string(),
        runs: z.number(),
      }),
    ),
    components: z.array(
      z.object({
        entityRef: z.string(),
        owner: z.string().nullable(),
        onPlatform: z.boolean(),
        fromGoldenPath: z.boolean(),
        baseline: z.object({
          owner: z.boolean(),
          docs: z.boolean(),
          ci: z.boolean(),
          kubernetes: z.boolean(),
        }),
        completeness: z.number(),
      }),
    ),
  });

/** Compile-time guard: the output schemas describe exactly the services' answers. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const outputsMatchTheModel: [
  Same<zod.infer<ReturnType<typeof doraSummaryOutput>>, DoraSummary>,
  Same<zod.infer<ReturnType<typeof adoptionSummaryOutput>>, AdoptionSummary>,
] = [true, true];
