import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Grid,
  Switch,
  TextField,
  Typography,
} from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { RoiScenario } from '@internal/plugin-roi-common';
import { roiApiRef } from '../api';

export type SaveDetails = {
  name: string;
  description: string;
  sharedWithGroups: string[];
  sharedByLink: boolean;
};

function History({
  scenario,
  onClose,
}: {
  scenario: RoiScenario;
  onClose: () => void;
}) {
  const api = useApi(roiApiRef);
  const { value, loading, error } = useAsync(
    () => api.listVersions(scenario.id),
    [api, scenario.id, scenario.version],
  );
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>Versions of “{scenario.name}”</DialogTitle>
      <DialogContent dividers>
        {loading && <Typography>Loading…</Typography>}
        {error && <Typography color="error">{error.message}</Typography>}
        {value?.map(v => (
          <Box key={v.version} mb={2}>
            <Typography variant="subtitle2">
              Version {v.version} —{' '}
              {new Date(v.changedAt).toLocaleString('en-GB')} by {v.changedBy}
            </Typography>
            <Typography variant="body2" component="div">
              <ul>
                {v.changes.map(c => (
                  <li key={c.field}>
                    {c.field}: {JSON.stringify(c.from)} → {JSON.stringify(c.to)}
                  </li>
                ))}
              </ul>
            </Typography>
          </Box>
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Name, description and sharing of the scenario being edited; save and save as new. */
export function SavePanel(props: {
  details: SaveDetails;
  onChange: (d: SaveDetails) => void;
  current?: RoiScenario;
  groups: string[];
  canSave: boolean;
  saving: boolean;
  onSave: () => void;
  onSaveAsNew: () => void;
  onNew: () => void;
  shareUrl?: string;
}) {
  const { details, onChange, current } = props;
  const [history, setHistory] = useState(false);
  const editable = !current || current.canEdit;
  return (
    <InfoCard
      title={current ? `Scenario: ${current.name}` : 'Save this scenario'}
      subheader={
        current
          ? `Version ${current.version}, owned by ${current.ownerRef}${
              current.canEdit ? '' : ' (read only: save a copy to change it)'
            }`
          : 'Every save keeps a version: who, when and what changed'
      }
    >
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <TextField
            id="roi-scenario-name"
            label="Scenario name"
            variant="outlined"
            size="small"
            fullWidth
            value={details.name}
            onChange={e => onChange({ ...details, name: e.target.value })}
            inputProps={{ maxLength: 200 }}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <TextField
            label="Description"
            variant="outlined"
            size="small"
            fullWidth
            value={details.description}
            onChange={e =>
              onChange({ ...details, description: e.target.value })
            }
            inputProps={{ maxLength: 2000 }}
          />
        </Grid>
        <Grid item xs={12} md={8}>
          <Autocomplete
            multiple
            freeSolo
            size="small"
            options={props.groups}
            value={details.sharedWithGroups}
            onChange={(_, v) =>
              onChange({ ...details, sharedWithGroups: v as string[] })
            }
            disabled={!editable}
            renderInput={params => (
              <TextField
                {...params}
                variant="outlined"
                label="Share with groups (members may read it)"
              />
            )}
          />
        </Grid>
        <Grid item xs={12} md={4}>
          <FormControlLabel
            control={
              <Switch
                checked={details.sharedByLink}
                disabled={!editable}
                onChange={e =>
                  onChange({ ...details, sharedByLink: e.target.checked })
                }
              />
            }
            label="Anyone with the link may read it"
          />
        </Grid>
        {props.shareUrl && (
          <Grid item xs={12}>
            <Typography variant="body2">
              Share link (saved): <code>{props.shareUrl}</code>
            </Typography>
          </Grid>
        )}
        <Grid item xs={12}>
          <Box display="flex" style={{ gap: 8 }} flexWrap="wrap">
            {editable && (
              <Button
                variant="contained"
                color="primary"
                disabled={
                  !props.canSave || props.saving || !details.name.trim()
                }
                onClick={props.onSave}
              >
                {current ? 'Save new version' : 'Save scenario'}
              </Button>
            )}
            {current && (
              <Button
                variant="outlined"
                disabled={
                  !props.canSave || props.saving || !details.name.trim()
                }
                onClick={props.onSaveAsNew}
              >
                Save as a new scenario
              </Button>
            )}
            {current && (
              <Button variant="outlined" onClick={() => setHistory(true)}>
                History
              </Button>
            )}
            {current && (
              <Button onClick={props.onNew}>Start a new scenario</Button>
            )}
          </Box>
          {!props.canSave && (
            <Typography variant="caption" color="error">
              Fix the inputs marked in red before saving.
            </Typography>
          )}
        </Grid>
      </Grid>
      {history && current && (
        <History scenario={current} onClose={() => setHistory(false)} />
      )}
    </InfoCard>
  );
}
