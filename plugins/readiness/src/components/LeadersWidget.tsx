import { ApiErrorPanel } from '@internal/plugin-portal-react';
import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import {
  daysBetween,
  isStale,
  verdictHeadline,
} from '@internal/plugin-readiness-common';
import useAsync from 'react-use/esm/useAsync';
import { readinessApiRef } from '../api';
import { verdictHex } from './colours';

/** The latest verdict of every assessed group, with a reminder when one is due again. */
export function LeadersWidget() {
  const api = useApi(readinessApiRef);
  const { value, loading, error } = useAsync(() => api.latest(), [api]);
  if (loading) return <Progress />;
  if (error) return <ApiErrorPanel error={error} />;
  if (!value || value.length === 0) {
    return (
      <Typography variant="body2">
        No team has assessed its platform readiness yet.{' '}
        <Link to="/readiness">Run the assessment</Link>.
      </Typography>
    );
  }
  const now = new Date();
  return (
    <List dense>
      {value.map(a => {
        const stale = isStale(new Date(a.assessedAt), now);
        const days = daysBetween(new Date(a.assessedAt), now);
        return (
          <ListItem key={a.id} disableGutters>
            <ListItemText
              primary={
                <Link to={`/readiness?group=${encodeURIComponent(a.groupRef)}`}>
                  {a.groupTitle}
                </Link>
              }
              secondary={
                <>
                  <span
                    style={{ color: verdictHex[a.verdict], fontWeight: 600 }}
                  >
                    {verdictHeadline(a.verdict, a.trajectory)}
                  </span>
                  {` · ${a.assessedAt.slice(0, 10)}`}
                  {stale && ` · due again (${days} days old)`}
                </>
              }
            />
          </ListItem>
        );
      })}
    </List>
  );
}
