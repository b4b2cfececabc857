import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of the catalog Group an assessment is saved for: saving is decided per
 * group (its members and platform admins), not for the whole portal.
 */
export const RESOURCE_TYPE_READINESS_GROUP = 'readiness-group';

/** Save an assessment for a group: a conditional permission on the group. */
export const readinessAssessmentCreatePermission = createPermission({
  name: 'readiness.assessment.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_READINESS_GROUP,
});

/** Read saved assessments, their history and exports. */
export const readinessAssessmentReadPermission = createPermission({
  name: 'readiness.assessment.read',
  attributes: { action: 'read' },
});

/** Delete a saved assessment. */
export const readinessAssessmentDeletePermission = createPermission({
  name: 'readiness.assessment.delete',
  attributes: { action: 'delete' },
});

export const readinessPermissions = [
  readinessAssessmentCreatePermission,
  readinessAssessmentReadPermission,
  readinessAssessmentDeletePermission,
];
