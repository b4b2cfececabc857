import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { RESOURCE_TYPE_ROI_SCENARIO } from '@internal/plugin-roi-common';
import { z } from 'zod';
import { normalizeEntityRef } from '../entityRef';
import { ScenarioRecord } from '../services/ScenarioService/types';

/** A leaf of a scenario filter, turned into SQL by the store. */
export type ScenarioQuery =
  | { column: 'owner_ref'; values: string[] }
  | { column: 'shared_with_groups'; values: string[] };

export const roiScenarioResourceRef = createPermissionResourceRef<
  ScenarioRecord,
  ScenarioQuery
>().with({ pluginId: 'roi', resourceType: RESOURCE_TYPE_ROI_SCENARIO });

const normalized = (refs: string[]) => refs.map(normalizeEntityRef);

/** The scenario belongs to one of the given users. */
export const isScenarioOwner = createPermissionRule({
  name: 'IS_SCENARIO_OWNER',
  description: 'Allow scenarios owned by one of the given users',
  resourceRef: roiScenarioResourceRef,
  paramsSchema: z.object({
    userEntityRefs: z.array(z.string()).describe('User entity refs'),
  }),
  apply: (scenario, { userEntityRefs }) =>
    normalized(userEntityRefs).includes(normalizeEntityRef(scenario.ownerRef)),
  toQuery: ({ userEntityRefs }) => ({
    column: 'owner_ref',
    values: normalized(userEntityRefs),
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
    scenario.sharedWithGroups.some(g =>
      normalized(claims).includes(normalizeEntityRef(g)),
    ),
  toQuery: ({ claims }) => ({
    column: 'shared_with_groups',
    values: normalized(claims),
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
