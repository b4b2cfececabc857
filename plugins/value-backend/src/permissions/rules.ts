import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  normaliseScope,
  ORGANISATION_SCOPE,
  RESOURCE_TYPE_VALUE_SCOPE,
} from '@internal/plugin-value-common';
import { z } from 'zod';

/** The scope a baseline is adopted for, normalised. */
export type ValueScopeResource = { scope: string };

/** A filter over scopes; adopting never lists scopes, so it only exists for the framework. */
export type ValueScopeQuery = { scopes: string[] };

export const valueScopeResourceRef = createPermissionResourceRef<
  ValueScopeResource,
  ValueScopeQuery
>().with({
  pluginId: 'value',
  resourceType: RESOURCE_TYPE_VALUE_SCOPE,
});

/** The caller's groups; the organisation is never one, so only platform admins adopt for it. */
const teamClaims = (claims: string[]) =>
  claims.flatMap(claim => {
    const scope = normaliseScope(claim);
    return scope && scope !== ORGANISATION_SCOPE ? [scope] : [];
  });

/** The scope is a team the caller is a member of (their ownership claims). */
export const isScopeMember = createPermissionRule({
  name: 'IS_SCOPE_MEMBER',
  description: 'Allow the teams the user is a member of',
  resourceRef: valueScopeResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Ownership entity refs of the user (their groups)'),
  }),
  apply: (resource, { claims }) =>
    teamClaims(claims).includes(normaliseScope(resource.scope) ?? ''),
  toQuery: ({ claims }) => ({ scopes: teamClaims(claims) }),
});

export const valueScopeRules = { isScopeMember };

/**
 * Conditions for permission policies: `valueScopeConditions.isScopeMember({ claims })` and
 * `createValueScopeConditionalDecision(permission, criteria)`.
 */
export const {
  conditions: valueScopeConditions,
  createConditionalDecision: createValueScopeConditionalDecision,
} = createConditionExports({
  resourceRef: valueScopeResourceRef,
  rules: valueScopeRules,
});
