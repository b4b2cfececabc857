import { z } from 'zod';

/** The whole organisation, as a scope. */
export const ORGANISATION_SCOPE = 'organisation';

/**
 * What a baseline is adopted for: the organisation, or one team (a catalog Group entity ref,
 * lower case).
 */
export type ValueScope = string;

const ENTITY_NAME = '[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?';
const GROUP_REF = new RegExp(`^group:${ENTITY_NAME}/${ENTITY_NAME}$`);

/** The scope in its one spelling, or undefined when it is neither the organisation nor a group ref. */
export function normaliseScope(value: string): ValueScope | undefined {
  const lower = value.toLocaleLowerCase('en-US');
  if (lower === ORGANISATION_SCOPE) return lower;
  return GROUP_REF.test(lower) ? lower : undefined;
}

export const SCOPE_ERROR =
  'must be "organisation" or a group entity ref such as group:default/team-a';

export const scopeSchema = z
  .string({ error: SCOPE_ERROR })
  .transform((value, ctx) => {
    const scope = normaliseScope(value);
    if (!scope) {
      ctx.addIssue({ code: 'custom', message: SCOPE_ERROR });
      return z.NEVER;
    }
    return scope;
  });

/** The group an insights or costs query is narrowed to; none for the organisation. */
export function scopeGroup(scope: ValueScope): string | undefined {
  return scope === ORGANISATION_SCOPE ? undefined : scope;
}
