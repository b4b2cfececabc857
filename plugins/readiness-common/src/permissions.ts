import { createPermission } from '@backstage/plugin-permission-common';

/** Save an assessment for a group. */
export const readinessAssessmentCreatePermission = createPermission({
  name: 'readiness.assessment.create',
  attributes: { action: 'create' },
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
