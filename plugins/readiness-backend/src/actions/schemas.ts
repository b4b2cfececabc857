import type { Zod } from '@internal/portal-actions';
import {
  aspects,
  Colour,
  colours,
  factors,
  isStorableText,
  LevelId,
  levelIds,
  STORABLE_TEXT_ERROR,
  Trajectory,
  trajectories,
} from '@internal/plugin-readiness-common';

/**
 * The actions registry describes its actions with zod 3 (`zod/v3`), our packages use zod 4:
 * these schemas give an MCP client the shape of the input and output, built from the model's
 * own factors and questions; the model's request schema (the routes') still runs on every call.
 */
const colour = (z: Zod) => z.enum(colours as [Colour, ...Colour[]]);

function answer(z: Zod, factor: (typeof factors)[number]) {
  const options = Object.entries(factor.options)
    .map(([c, text]) => `${c}: ${text}`)
    .join('; ');
  const numeric = factor.numeric
    ? ` Or a number of ${factor.numeric.unit} (${factor.numeric.min}–${
        factor.numeric.max
      }), which decides the colour: ${Object.entries(factor.numeric.thresholds)
        .map(([c, text]) => `${c} ${text}`)
        .join(', ')}.`
    : '';
  return z
    .union([
      colour(z),
      z
        .object({
          colour: colour(z).optional(),
          value: z.number().optional(),
          source: z.enum(['declared', 'measured']).optional(),
          evidence: z
            .string()
            .max(500)
            .refine(isStorableText, STORABLE_TEXT_ERROR)
            .optional(),
        })
        .strict(),
    ])
    .describe(`${factor.label}. ${options}.${numeric}`);
}

export const evaluateInput = (z: Zod) =>
  z
    .object({
      answers: z
        .object(Object.fromEntries(factors.map(f => [f.id, answer(z, f)])))
        .strict()
        .describe('The readiness table: one answer per factor'),
      trajectory: z
        .enum(trajectories as [Trajectory, ...Trajectory[]])
        .nullish()
        .describe('Whether the organisation is growing; decides mixed results'),
      maturity: z
        .object(
          Object.fromEntries(
            aspects.flatMap(a =>
              a.questions.map(q => [
                q.id,
                z
                  .union([
                    z.number().int().min(1).max(4),
                    z.enum(levelIds as [LevelId, ...LevelId[]]),
                  ])
                  .optional()
                  .describe(`${a.label}: ${q.text} (level 1–4)`),
              ]),
            ),
          ),
        )
        .strict()
        .nullish()
        .describe(
          'Maturity model answers, level 1 (provisional) to 4 (optimizing)',
        ),
      platformTeamSize: z.number().int().min(0).max(100_000).nullish(),
    })
    .strict();

/** The verdict, maturity and recommendations keep the model's fields as they are. */
const open = (z: Zod) => z.object({}).passthrough();

export const readinessResultOutput = (z: Zod) =>
  z.object({
    answers: z.array(
      z.object({
        factor: z.string(),
        colour: colour(z),
        value: z.number().nullable(),
        source: z.enum(['declared', 'measured']),
        evidence: z.string().nullable(),
      }),
    ),
    verdict: open(z).describe(
      'The verdict, its headline and the guide’s interpretation',
    ),
    maturity: open(z).nullable().describe('Maturity per aspect and overall'),
    recommendations: z.array(open(z)),
  });

export const latestInput = (z: Zod) =>
  z
    .object({
      group: z
        .string()
        .min(1)
        .max(255)
        .describe(
          'A team or the organisation: group entity ref such as group:default/payments-team (or its name)',
        ),
    })
    .strict();

export const latestOutput = (z: Zod) =>
  z.object({
    groupRef: z.string(),
    assessment: z
      .object({
        id: z.string(),
        groupRef: z.string(),
        groupTitle: z.string(),
        scope: z.enum(['organisation', 'team']),
        assessedAt: z.string(),
        author: z.string(),
        note: z.string().nullable(),
        trajectory: z
          .enum(trajectories as [Trajectory, ...Trajectory[]])
          .nullable(),
        platformTeamSize: z.number().nullable(),
        maturityAnswers: z.record(z.number()).nullable(),
        result: readinessResultOutput(z),
      })
      .nullable()
      .describe('The latest saved assessment, null when the group has none'),
  });
