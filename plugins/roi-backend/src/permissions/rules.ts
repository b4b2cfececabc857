import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { RESOURCE_TYPE_ROI_SCENARIO } from '@internal/plugin-roi-common';
import { z } from 'zod';
import { ScenarioRecord } from '../services/ScenarioService/types';

/** A leaf of a scenario filter, turned into SQL by the store. */
export type ScenarioQuery =
  | { column: 'owner_ref'; values: string[] }
  | { column: 'shared_with_groups'; values: string[] };

export const roiScenarioResourceRef = createPermissionResourceRef<
  ScenarioRecord,
  ScenarioQuery
>().with({ pluginId: 'roi', resourceType: RESOURCE_TYPE_ROI_SCENARIO });

const lower = (refs: string[]) => refs.map(r => r.toLocaleLowerCase('en-US'));

/** The scenario belongs to one of the given users. */
export const isScenarioOwner = createPermissionRule({
  name: 'IS_SCENARIO_OWNER',
  description: 'Allow scenarios owned by one of the given users',
  resourceRef: roiScenarioResourceRef,
  paramsSchema: z.object({
    userEntityRefs: z.array(z.string()).describe('User entity refs'),
  }),
  apply: (scenario, { userEntityRefs }) =>
    lower(userEntityRefs).includes(scenario.ownerRef),
  toQuery: ({ userEntityRefs }) => ({
    column: 'owner_ref',
    values: lower(userEntityRefs),
  }),
});

/** The scenario is shared with one of the given groups (the user's ownership claims). */
export const isScenarioSharedWith = createPermissionRule({
  name: 'IS_SCENARIO_SHARED_WITH',
  description: 'Allow scenarios shared with one of the given groups',
  resourceRef: roiScenarioResourceRef,
  paramsSchema: z.object({
    claims: z.array(z.string()).describe('Group entity refs'),
  }),
  apply: (scenario, { claims }) =>
    scenario.sharedWithGroups.some(g => lower(claims).includes(g)),
  toQuery: ({ claims }) => ({
    column: 'shared_with_groups',
    values: lower(claims),
  }),
});

export const roiScenarioRules = { isScenarioOwner, isScenarioSharedWith };

/**
 * Conditions for permission policies: `roiScenarioConditions.isScenarioOwner({ userEntityRefs })`,
 * `roiScenarioConditions.isScenarioSharedWith({ claims })`, and
 * `createRoiScenarioConditionalDecision(permission, criteria)`.
 */
export const {
  conditions: roiScenarioConditions,
  createConditionalDecision: createRoiScenarioConditionalDecision,
} = createConditionExports({
  resourceRef: roiScenarioResourceRef,
  rules: roiScenarioRules,
});
