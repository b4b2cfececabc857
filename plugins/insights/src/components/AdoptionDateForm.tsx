import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Box,
  Button,
  LinearProgress,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  insightsAdoptionDateSetPermission,
  TeamBeforeAfter,
} from '@internal/plugin-insights-common';
import { useState } from 'react';
import { insightsApiRef } from '../api';

/** Why the form is closed to someone who may not set a date. */
export const ADOPTION_DATE_REFUSED =
  'Only platform admins set the date a team adopted the platform (permission insights.adoption.set).';

type Outcome = { ok: boolean; text: string };

/**
 * Sets or clears the date a team adopted the platform, in place of the creation of its first
 * golden-path service (`PUT`/`DELETE /cohorts/adoption-date`). Shown to everyone on the
 * leaders' cohorts section; its fields are disabled, with the reason, for anyone the
 * permission framework does not allow `insights.adoption.set`. `onChanged` reloads the
 * comparison, whose before and after move with the date.
 */
export function AdoptionDateForm(props: {
  teams: Pick<TeamBeforeAfter, 'team' | 'adoptedAt' | 'adoptionSource'>[];
  onChanged: () => void;
}) {
  const api = useApi(insightsApiRef);
  const permission = usePermission({
    permission: insightsAdoptionDateSetPermission,
  });
  const [team, setTeam] = useState('');
  const [date, setDate] = useState('');
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const allowed = permission.allowed;
  const chosen = props.teams.find(t => t.team === team);
  const hasSetDate = chosen?.adoptionSource === 'set';
  const closed = !allowed || saving;

  const run = async (action: () => Promise<Outcome>) => {
    setSaving(true);
    setOutcome(undefined);
    try {
      setOutcome(await action());
      props.onChanged();
    } catch (error) {
      setOutcome({ ok: false, text: (error as Error).message });
    } finally {
      setSaving(false);
    }
  };

  const set = () =>
    run(async () => {
      const saved = await api.setTeamAdoptionDate(team, date);
      return {
        ok: true,
        text: `${saved.team} adopted the platform on ${saved.adoptedAt?.slice(
          0,
          10,
        )} (set by the platform team).`,
      };
    });
  const clear = () =>
    run(async () => {
      const cleared = await api.clearTeamAdoptionDate(team);
      return {
        ok: true,
        text: `The date set for ${cleared.team} is cleared: its first golden-path service counts again.`,
      };
    });

  return (
    <Box component="section" aria-label="Team adoption date" mt={2}>
      <Typography variant="subtitle2" component="h3">
        Set a team’s adoption date
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        The date a team adopted the platform splits its before and after; by
        default it is the creation of the team’s first golden-path service.
      </Typography>
      {!permission.loading && !allowed && (
        <Typography variant="body2" color="textSecondary" role="note">
          {ADOPTION_DATE_REFUSED}
        </Typography>
      )}
      <Box display="flex" alignItems="flex-end" flexWrap="wrap" mt={1}>
        <Box mr={2} minWidth={240}>
          <TextField
            select
            fullWidth
            label="Team"
            value={team}
            disabled={closed}
            onChange={e => {
              setTeam(e.target.value as string);
              setOutcome(undefined);
            }}
            SelectProps={{ native: true }}
            InputLabelProps={{ shrink: true }}
            inputProps={{ 'aria-label': 'Team' }}
          >
            <option value="" disabled>
              Choose a team
            </option>
            {props.teams.map(t => (
              <option key={t.team} value={t.team}>
                {t.team}
              </option>
            ))}
          </TextField>
        </Box>
        <Box mr={2}>
          <TextField
            type="date"
            label="Adopted on"
            value={date}
            disabled={closed}
            onChange={e => setDate(e.target.value)}
            InputLabelProps={{ shrink: true }}
            inputProps={{ 'aria-label': 'Adopted on' }}
          />
        </Box>
        <Box mr={1}>
          <Button
            variant="contained"
            color="primary"
            disabled={closed || team === '' || date === ''}
            onClick={set}
          >
            Set date
          </Button>
        </Box>
        <Button
          variant="outlined"
          disabled={closed || !hasSetDate}
          onClick={clear}
        >
          Clear date
        </Button>
      </Box>
      {chosen && (
        <Typography variant="caption" color="textSecondary" component="div">
          {chosen.team}:{' '}
          {chosen.adoptedAt === null
            ? 'not adopted yet (no golden-path service, no date set)'
            : `adopted ${chosen.adoptedAt.slice(0, 10)}, ${
                hasSetDate
                  ? 'set by the platform team'
                  : 'its first golden-path service'
              }`}
        </Typography>
      )}
      {saving && <LinearProgress aria-label="Saving the adoption date" />}
      {outcome && (
        <Box mt={1}>
          <Alert severity={outcome.ok ? 'success' : 'error'} role="status">
            {outcome.ok ? outcome.text : `Not saved: ${outcome.text}`}
          </Alert>
        </Box>
      )}
    </Box>
  );
}
