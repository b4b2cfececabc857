import { InputError } from '@backstage/errors';
import { FactorId, factors } from './factors';
import { readGroupRef } from './groupRef';
import { LevelId, LevelNumber, levelNumberOf } from './maturity';
import type { EvaluateRequest, SaveRequest } from './schema';
import type { components } from './schema/openapi/generated/types';

/**
 * What the backend's contract (plugins/readiness-backend/src/schema/openapi.yaml) has already
 * checked when a request reaches a route: types, bounds, patterns, unknown fields. The
 * functions below add the rules a JSON schema cannot express and normalise the request; each
 * refusal is an InputError naming its field.
 */
export type EvaluateRequestBody = components['schemas']['EvaluateRequest'];
export type SaveRequestBody = components['schemas']['SaveRequest'];

/** Answers with a colour or a value each; maturity levels as numbers. */
export function toEvaluateRequest(body: EvaluateRequestBody): EvaluateRequest {
  for (const factor of factors) {
    const answer = body.answers[factor.id as FactorId];
    if (
      typeof answer === 'object' &&
      answer.colour === undefined &&
      !('value' in answer && answer.value !== undefined)
    ) {
      throw new InputError(
        `answers.${factor.id}.colour: needs a colour or a value`,
      );
    }
  }
  const maturity = body.maturity
    ? Object.fromEntries(
        Object.entries(body.maturity).map(([question, level]) => [
          question,
          levelNumberOf(level as LevelNumber | LevelId),
        ]),
      )
    : body.maturity;
  return {
    answers: body.answers as EvaluateRequest['answers'],
    trajectory: body.trajectory,
    maturity: maturity as EvaluateRequest['maturity'],
    platformTeamSize: body.platformTeamSize,
  };
}

/** The same, and the group in one spelling (`group:<namespace>/<name>`, lower case). */
export function toSaveRequest(body: SaveRequestBody): SaveRequest {
  const read = readGroupRef(body.groupRef);
  if ('error' in read) {
    throw new InputError(`groupRef: ${read.error}`);
  }
  return {
    ...toEvaluateRequest(body),
    groupRef: read.ref,
    note: body.note,
  };
}
