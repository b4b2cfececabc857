import {
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_READINESS_GROUP } from '@internal/plugin-readiness-common';
import {
  createReadinessGroupConditionalDecision,
  readinessGroupConditions,
} from './rules';

/**
 * The portal's decision for a member (not a platform admin) saving an assessment: only for a
 * group they are a member of, so nobody overwrites another team's latest verdict.
 */
export function decideReadinessGroupForMember(
  permission: ResourcePermission<typeof RESOURCE_TYPE_READINESS_GROUP>,
  user: { claims: string[] },
): PolicyDecision {
  return createReadinessGroupConditionalDecision(
    permission,
    readinessGroupConditions.isGroupMember({ claims: user.claims }),
  );
}
