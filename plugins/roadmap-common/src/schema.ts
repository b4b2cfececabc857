import { InputError } from '@backstage/errors';
import {
  isStorableText,
  STORABLE_TEXT_ERROR,
} from '@internal/plugin-readiness-common';
import { z } from 'zod';
import { recommendationTitle } from './links';
import { ROADMAP_PHASES } from './phases';
import { compareQuarters, Quarter, QUARTER_PATTERN } from './quarters';
import {
  ProposalAnswer,
  ProposalInput,
  ROADMAP_ITEM_STATUSES,
  RoadmapItemInput,
} from './types';

function text(max: number, options: { required: boolean }) {
  return z
    .string({
      error: issue =>
        issue.input === undefined ? 'is required' : 'must be text',
    })
    .max(max, { error: `must be at most ${max} characters` })
    .refine(isStorableText, { error: STORABLE_TEXT_ERROR })
    .transform(value => value.trim())
    .refine(value => !options.required || value.length > 0, {
      error: 'must not be blank',
    });
}

const UUID =
  /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;

const phase = z.union(
  ROADMAP_PHASES.map(p => z.literal(p)),
  {
    error: 'must be 0, 1, 2 or 3',
  },
);
const quarter = z
  .string({ error: 'must be a quarter such as 2027-Q1' })
  .regex(QUARTER_PATTERN, { error: 'must be a quarter such as 2027-Q1' });

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 4000;
export const REASON_MAX = 2000;

export const proposalInputSchema = z.strictObject({
  title: text(TITLE_MAX, { required: true }),
  description: text(DESCRIPTION_MAX, { required: false }),
});

export const roadmapItemInputSchema = z.strictObject({
  title: text(TITLE_MAX, { required: true }),
  description: text(DESCRIPTION_MAX, { required: false }),
  phase,
  status: z.enum(ROADMAP_ITEM_STATUSES, {
    error: `must be one of ${ROADMAP_ITEM_STATUSES.join(', ')}`,
  }),
  targetQuarter: quarter,
  recommendations: z
    .array(
      z.string().refine(id => recommendationTitle(id) !== undefined, {
        error: 'must be a readiness recommendation id such as phase:phase1',
      }),
    )
    .max(20, { error: 'must list at most 20' }),
  initiatives: z
    .array(z.string().regex(UUID, { error: 'must be an initiative id' }))
    .max(20, { error: 'must list at most 20' }),
});

export const proposalAnswerSchema = z.discriminatedUnion(
  'decision',
  [
    z.strictObject({
      decision: z.literal('planned'),
      phase,
      targetQuarter: quarter,
      reason: text(REASON_MAX, { required: false }).default(''),
    }),
    z.strictObject({
      decision: z.literal('declined'),
      reason: text(REASON_MAX, { required: true }),
    }),
    z.strictObject({
      decision: z.literal('done'),
      reason: text(REASON_MAX, { required: false }).default(''),
    }),
  ],
  { error: 'must be planned, declined or done' },
);

/** Parses with a schema, or throws an InputError naming the first field it refuses. */
function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length ? issue.path.join('.') : 'body';
  throw new InputError(`${field}: ${issue.message}`);
}

export function parseProposalInput(value: unknown): ProposalInput {
  return parse(proposalInputSchema, value);
}

export function parseRoadmapItemInput(value: unknown): RoadmapItemInput {
  const input = parse(roadmapItemInputSchema, value);
  return {
    ...input,
    recommendations: [...new Set(input.recommendations)],
    initiatives: [
      ...new Set(input.initiatives.map(id => id.toLocaleLowerCase('en-US'))),
    ],
  };
}

/**
 * The answer, checked: a planned proposal goes into the current quarter or a later one (a
 * plan for the past is a typo, not a plan).
 */
export function parseProposalAnswer(
  value: unknown,
  currentQuarter: Quarter,
): ProposalAnswer {
  const answer = parse(proposalAnswerSchema, value);
  if (
    answer.decision === 'planned' &&
    compareQuarters(answer.targetQuarter, currentQuarter) < 0
  ) {
    throw new InputError(
      `targetQuarter: must be ${currentQuarter} or later, not a past quarter`,
    );
  }
  return answer;
}
