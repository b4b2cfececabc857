import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Typography } from '@material-ui/core';
import { surveyWithheldReason } from '@internal/plugin-insights-common';
import { ApiErrorPanel, isForbidden } from '@internal/plugin-portal-react';
import useAsync from 'react-use/esm/useAsync';
import { insightsApiRef } from '../api';

/** How many closed quarters of comments the card shows. */
export const SURVEY_COMMENT_QUARTERS = 4;

/**
 * The survey's comments for the platform team, by closed quarter, newest first; a quarter
 * below the answer threshold shows none. Hidden from those the policy does not let read them.
 */
export function SurveyCommentsCard() {
  const api = useApi(insightsApiRef);
  const comments = useAsync(
    () => api.getSurveyComments(SURVEY_COMMENT_QUARTERS),
    [api],
  );
  if (comments.loading) return <Progress />;
  if (comments.error) {
    return isForbidden(comments.error) ? null : (
      <ApiErrorPanel error={comments.error} />
    );
  }
  const quarters = [...(comments.value?.quarters ?? [])].reverse();
  return (
    <InfoCard
      title="Survey comments, by quarter"
      subheader="Stored without their authors; shown once a quarter has ended with at least as many answers as the scores need."
    >
      <div data-testid="survey-comments">
        {quarters.map(q => (
          <Box key={q.quarter} mb={2}>
            <Typography variant="subtitle2" component="h3">
              {q.quarter}
              {q.disclosed && ` (${q.total} comments)`}
            </Typography>
            {!q.disclosed && (
              <Typography variant="body2" color="textSecondary">
                {surveyWithheldReason({
                  quarter: q.quarter,
                  threshold: comments.value!.threshold,
                  withheld: q.withheld,
                })}
              </Typography>
            )}
            {q.disclosed && q.comments.length === 0 && (
              <Typography variant="body2" color="textSecondary">
                No comments this quarter.
              </Typography>
            )}
            {q.disclosed && q.comments.length > 0 && (
              <ul>
                {q.comments.map((c, i) => (
                  <li key={i}>
                    <Typography
                      variant="body2"
                      style={{ whiteSpace: 'pre-wrap' }}
                    >
                      {c}
                    </Typography>
                  </li>
                ))}
              </ul>
            )}
            {q.disclosed && q.total !== null && q.total > q.comments.length && (
              <Typography variant="caption" color="textSecondary">
                {q.comments.length} of {q.total} shown.
              </Typography>
            )}
          </Box>
        ))}
      </div>
    </InfoCard>
  );
}
