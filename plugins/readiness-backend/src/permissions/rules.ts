import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  normalizeGroupRef,
  RESOURCE_TYPE_READINESS_GROUP,
} from '@internal/plugin-readiness-common';
import { z } from 'zod';

/** The group an assessment is saved for, its reference normalised. */
export type ReadinessGroupResource = { groupRef: string };

/** A filter over groups; saving never lists groups, so it only exists for the framework. */
export type ReadinessGroupQuery = { groupRefs: string[] };

export const readinessGroupResourceRef = createPermissionResourceRef<
  ReadinessGroupResource,
  ReadinessGroupQuery
>().with({
  pluginId: 'readiness',
  resourceType: RESOURCE_TYPE_READINESS_GROUP,
});

/** Claims in one spelling; a claim that is not a Group reference matches nothing. */
const groupClaims = (claims: string[]) =>
  claims.flatMap(c => normalizeGroupRef(c) ?? []);

/** The group is one of the caller's (their ownership claims: the groups they are a member of). */
export const isGroupMember = createPermissionRule({
  name: 'IS_GROUP_MEMBER',
  description: 'Allow the groups the user is a member of',
  resourceRef: readinessGroupResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Ownership entity refs of the user (their groups)'),
  }),
  apply: (group, { claims }) =>
    groupClaims(claims).includes(normalizeGroupRef(group.groupRef) ?? ''),
  toQuery: ({ claims }) => ({ groupRefs: groupClaims(claims) }),
});

export const readinessGroupRules = { isGroupMember };

/**
 * Conditions for permission policies: `readinessGroupConditions.isGroupMember({ claims })`
 * and `createReadinessGroupConditionalDecision(permission, criteria)`.
 */
export const {
  conditions: readinessGroupConditions,
  createConditionalDecision: createReadinessGroupConditionalDecision,
} = createConditionExports({
  resourceRef: readinessGroupResourceRef,
  rules: readinessGroupRules,
});
