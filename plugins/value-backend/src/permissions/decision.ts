import {
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_VALUE_SCOPE } from '@internal/plugin-value-common';
import {
  createValueScopeConditionalDecision,
  valueScopeConditions,
} from './rules';

/**
 * The portal's decision for a member (not a platform admin) adopting a baseline: only for a
 * team they are a member of; the organisation's case is the platform admins' to set.
 */
export function decideValueScopeForMember(
  permission: ResourcePermission<typeof RESOURCE_TYPE_VALUE_SCOPE>,
  user: { claims: string[] },
): PolicyDecision {
  return createValueScopeConditionalDecision(
    permission,
    valueScopeConditions.isScopeMember({ claims: user.claims }),
  );
}
