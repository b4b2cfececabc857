import { z } from 'zod';
import { Colour, FactorId, colours, factors } from './factors';
import {
  LevelId,
  LevelNumber,
  aspects,
  levelIds,
  levelNumberOf,
} from './maturity';
import { trajectories } from './verdict';
import {
  GROUP_REF_ERROR,
  isStorableText,
  readGroupRef,
  STORABLE_TEXT_ERROR,
} from './groupRef';

const colourSchema = z.enum(colours as [Colour, ...Colour[]], {
  error: 'must be green, yellow or red',
});

function answerSchema(factorId: FactorId) {
  const factor = factors.find(f => f.id === factorId)!;
  const numeric = factor.numeric;
  let value = z.number({ error: 'must be a finite number' });
  if (numeric) {
    value = value
      .min(numeric.min, {
        error: `must be >= ${numeric.min} (${numeric.unit})`,
      })
      .max(numeric.max, {
        error: `must be <= ${numeric.max} (${numeric.unit})`,
      });
    if (numeric.integer)
      value = value.int({ error: `must be a whole number of ${numeric.unit}` });
  }
  const objectForm = z
    .strictObject({
      colour: colourSchema.optional(),
      value: numeric
        ? value.optional()
        : z
            .never({ error: `${factor.label} does not take a number` })
            .optional(),
      source: z
        .enum(['declared', 'measured'], {
          error: 'must be declared or measured',
        })
        .optional(),
      evidence: z
        .string()
        .max(500, { error: 'must be at most 500 characters' })
        .refine(isStorableText, { error: STORABLE_TEXT_ERROR })
        .optional(),
    })
    .superRefine((answer, ctx) => {
      if (answer.colour === undefined && answer.value === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'needs a colour or a value',
          path: ['colour'],
        });
      }
    });
  return z.union([colourSchema, objectForm], {
    error: 'must be green, yellow, red or an object { colour, value, source }',
  });
}

export const answersSchema = z.strictObject(
  Object.fromEntries(factors.map(f => [f.id, answerSchema(f.id)])) as Record<
    FactorId,
    ReturnType<typeof answerSchema>
  >,
);

const levelMessage =
  'must be a level 1, 2, 3 or 4, or provisional, operational, scalable or optimizing';
const levelSchema = z
  .union(
    [
      z
        .number({ error: levelMessage })
        .int({ error: levelMessage })
        .min(1, { error: levelMessage })
        .max(4, { error: levelMessage }),
      z.enum(levelIds as [string, ...string[]], { error: levelMessage }),
    ],
    { error: levelMessage },
  )
  .transform(level => levelNumberOf(level as LevelNumber | LevelId));

export const maturityAnswersSchema = z.strictObject(
  Object.fromEntries(
    aspects.flatMap(a => a.questions.map(q => [q.id, levelSchema])),
  ) as Record<string, typeof levelSchema>,
);

/** The body of `POST /evaluate`. */
export const evaluateRequestSchema = z.strictObject({
  answers: answersSchema,
  trajectory: z
    .enum(trajectories as ['growing', 'steady'], {
      error: 'must be growing or steady',
    })
    .nullish(),
  maturity: maturityAnswersSchema.nullish(),
  platformTeamSize: z
    .number({ error: 'must be a finite number' })
    .int({ error: 'must be a whole number of people' })
    .min(0, { error: 'must be >= 0' })
    .max(100_000, { error: 'must be <= 100000' })
    .nullish(),
});

/** The body of `POST /assessments`. */
export const saveRequestSchema = evaluateRequestSchema.extend({
  groupRef: z
    .string({ error: GROUP_REF_ERROR })
    .max(255, { error: 'must be at most 255 characters' })
    .transform((value, ctx) => {
      const read = readGroupRef(value);
      if ('error' in read) {
        ctx.addIssue({ code: 'custom', message: read.error });
        return z.NEVER;
      }
      return read.ref;
    }),
  note: z
    .string()
    .max(2000, { error: 'must be at most 2000 characters' })
    .refine(isStorableText, { error: STORABLE_TEXT_ERROR })
    .nullish(),
});

export type EvaluateRequest = z.infer<typeof evaluateRequestSchema>;
export type SaveRequest = z.infer<typeof saveRequestSchema>;

type Issue = z.core.$ZodIssue;

function pathOf(issue: Issue): string {
  return issue.path.map(p => String(p)).join('.');
}

/**
 * One line naming the offending field: `answers.teamSize.value: must be >= 0 (engineers)`.
 * For a union, the issue of the branch that got furthest is reported.
 */
export function describeIssue(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') {
    const base = pathOf(issue);
    const key = issue.keys[0];
    return `${base ? `${base}.` : ''}${key}: unknown field`;
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // Prefer the object branch when the input was an object: its message is more precise.
    const deepest = issue.errors
      .map(branch => branch[0])
      .filter((i): i is Issue => Boolean(i))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (deepest && deepest.path.length > 0) {
      return describeIssue({
        ...deepest,
        path: [...issue.path, ...deepest.path],
      } as Issue);
    }
  }
  const path = pathOf(issue) || 'body';
  if (
    issue.code === 'invalid_type' &&
    /received undefined/.test(issue.message)
  ) {
    return `${path}: is required`;
  }
  return `${path}: ${issue.message}`;
}

/** The message for a failed parse: its first issue. */
export function describeZodError(error: z.ZodError): string {
  return describeIssue(error.issues[0] as Issue);
}
