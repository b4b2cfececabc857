import { z } from 'zod';
import {
  FieldError,
  RoiInputs,
  roiInputsSchema,
  toFieldErrors,
} from './model/inputs';
import { RoiChange } from './model/diff';
import { isPlainLine, isPlainText, PLAIN_TEXT_ERROR } from './text';

/** A saved scenario as the API returns it. */
export type RoiScenario = {
  id: string;
  name: string;
  description: string;
  inputs: RoiInputs;
  /** User entity ref of the owner (who created it). */
  ownerRef: string;
  /** Group entity refs whose members may read it. */
  sharedWithGroups: string[];
  /** Whether anyone signed in who has the link may read it. */
  sharedByLink: boolean;
  /** The link token; only returned to those who may edit the scenario. */
  shareToken: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  /** Whether the caller may change and delete it. */
  canEdit: boolean;
};

/** A scenario in a list, with its headline figures. */
export type RoiScenarioSummary = Omit<RoiScenario, 'inputs' | 'shareToken'> & {
  currency: string;
  roiPercent: number;
  paybackMonths: number | null;
  netGain: number;
};

/** One saved version: who saved it, when, and what changed compared with the one before. */
export type RoiScenarioVersion = {
  version: number;
  name: string;
  description: string;
  inputs: RoiInputs;
  changedBy: string;
  changedAt: string;
  changes: RoiChange[];
};

/** A Backstage entity name or namespace: ASCII letters, digits and `-_.`, at most 63. */
const ENTITY_NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?';
const GROUP_REF = new RegExp(`^group:${ENTITY_NAME}/${ENTITY_NAME}$`);

const groupRef = z
  .string({ error: 'must be a group entity ref such as group:default/team-a' })
  .regex(GROUP_REF, {
    error: 'must be a group entity ref such as group:default/team-a',
  })
  .transform(ref => ref.toLocaleLowerCase('en-US'));

const scenarioFields = {
  name: z
    .string({ error: 'must be a text of 1 to 200 characters' })
    .trim()
    .min(1, { error: 'must be a text of 1 to 200 characters' })
    .max(200, { error: 'must be a text of 1 to 200 characters' })
    .refine(isPlainLine, { error: PLAIN_TEXT_ERROR }),
  description: z
    .string({ error: 'must be a text of at most 2000 characters' })
    .max(2000, { error: 'must be a text of at most 2000 characters' })
    .refine(isPlainText, { error: PLAIN_TEXT_ERROR })
    .default(''),
  inputs: roiInputsSchema,
  sharedWithGroups: z
    .array(groupRef, { error: 'must be a list of group entity refs' })
    .max(50, { error: 'must list at most 50 groups' })
    .default([]),
  sharedByLink: z.boolean({ error: 'must be true or false' }).default(false),
};

/** Largest version: the column is a PostgreSQL integer. */
const MAX_VERSION = 2_147_483_647;

/** Body of `POST /scenarios`. */
export const createScenarioSchema = z.strictObject(scenarioFields);

/** Body of `PUT /scenarios/:id`: the whole scenario and the version it was edited from. */
export const updateScenarioSchema = z.strictObject({
  ...scenarioFields,
  version: z
    .number({ error: 'must be the version number the edit started from' })
    .int({ error: 'must be the version number the edit started from' })
    .min(1, { error: 'must be the version number the edit started from' })
    .max(MAX_VERSION, {
      error: 'must be the version number the edit started from',
    }),
});

export type CreateScenarioRequest = z.infer<typeof createScenarioSchema>;
export type UpdateScenarioRequest = z.infer<typeof updateScenarioSchema>;
export type CreateScenarioBody = z.input<typeof createScenarioSchema>;
export type UpdateScenarioBody = z.input<typeof updateScenarioSchema>;

export function parseBody<T>(
  schema: z.ZodType<T>,
  body: unknown,
): { ok: true; value: T } | { ok: false; errors: FieldError[] } {
  const parsed = schema.safeParse(body);
  if (parsed.success) {
    return { ok: true, value: parsed.data };
  }
  return { ok: false, errors: toFieldErrors(parsed.error.issues) };
}
