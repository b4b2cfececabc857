import { createPermission } from '@backstage/plugin-permission-common';

/** Answer the developer satisfaction survey. */
export const insightsSurveyAnswerPermission = createPermission({
  name: 'insights.survey.answer',
  attributes: { action: 'create' },
});

/**
 * Read the survey's comments (the platform team), by closed quarter under the same threshold
 * as the scores.
 */
export const insightsSurveyCommentsReadPermission = createPermission({
  name: 'insights.survey.comments.read',
  attributes: { action: 'read' },
});

/** Start a GitHub backfill run now. */
export const insightsBackfillRunPermission = createPermission({
  name: 'insights.backfill.run',
  attributes: { action: 'update' },
});

/** Read DORA, adoption and survey results. */
export const insightsReadPermission = createPermission({
  name: 'insights.read',
  attributes: { action: 'read' },
});

/** Set or clear the date a team adopted the platform (for the before/after comparison). */
export const insightsAdoptionDateSetPermission = createPermission({
  name: 'insights.adoption.set',
  attributes: { action: 'update' },
});

export const insightsPermissions = [
  insightsSurveyAnswerPermission,
  insightsSurveyCommentsReadPermission,
  insightsBackfillRunPermission,
  insightsReadPermission,
  insightsAdoptionDateSetPermission,
];
