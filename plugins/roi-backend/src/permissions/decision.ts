import {
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_ROI_SCENARIO } from '@internal/plugin-roi-common';
import {
  createRoiScenarioConditionalDecision,
  roiScenarioConditions,
} from './rules';

/**
 * The portal's decision for a member (not a platform admin) on a saved scenario: reading is
 * for its owner and the members of the groups it is shared with (the user's ownership
 * claims); changing and deleting are for its owner.
 */
export function decideRoiScenarioForMember(
  permission: ResourcePermission<typeof RESOURCE_TYPE_ROI_SCENARIO>,
  user: { userEntityRef: string; claims: string[] },
): PolicyDecision {
  const owner = roiScenarioConditions.isScenarioOwner({
    userEntityRefs: [user.userEntityRef],
  });
  if (permission.attributes.action === 'read') {
    return createRoiScenarioConditionalDecision(permission, {
      anyOf: [
        owner,
        roiScenarioConditions.isScenarioSharedWith({ claims: user.claims }),
      ],
    });
  }
  return createRoiScenarioConditionalDecision(permission, owner);
}
