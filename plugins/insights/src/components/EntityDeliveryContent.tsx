import { ApiErrorPanel } from '@internal/plugin-portal-react';
import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Box,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Typography,
} from '@material-ui/core';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { insightsApiRef } from '../api';
import { recentQuarters } from '../format';
import { DoraMetrics } from './DoraMetrics';
import { DoraTrends } from './TrendCharts';

/** The "Delivery" tab of a component: its own DORA numbers. */
export function EntityDeliveryContent() {
  const { entity } = useEntity();
  const api = useApi(insightsApiRef);
  const quarters = useMemo(() => recentQuarters(new Date(), 6), []);
  const [quarterId, setQuarterId] = useState(quarters[0].id);
  const quarter = quarters.find(q => q.id === quarterId) ?? quarters[0];
  const entityRef = stringifyEntityRef(entity);
  const dora = useAsync(
    () => api.getDora({ entityRef, from: quarter.from, to: quarter.to }),
    [api, entityRef, quarter.from, quarter.to],
  );
  return (
    <Box data-testid="entity-delivery">
      <Box display="flex" alignItems="center" mb={2}>
        <Typography variant="h5" style={{ marginRight: 16 }}>
          Delivery, {quarter.id}
        </Typography>
        <FormControl variant="outlined" size="small" style={{ minWidth: 140 }}>
          <InputLabel id="delivery-window-label">Quarter</InputLabel>
          <Select
            labelId="delivery-window-label"
            label="Quarter"
            value={quarterId}
            onChange={e => setQuarterId(String(e.target.value))}
          >
            {quarters.map(q => (
              <MenuItem key={q.id} value={q.id}>
                {q.id}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Box>
      {dora.loading && <Progress />}
      {dora.error && <ApiErrorPanel error={dora.error} />}
      {dora.value && dora.value.scope.repositories === 0 && (
        <WarningPanel
          severity="info"
          title="No repository"
          message="Add the github.com/project-slug annotation to see this component's delivery metrics."
        />
      )}
      {dora.value && (
        <>
          <DoraMetrics dora={dora.value} />
          <Box mt={2}>
            <DoraTrends weekly={dora.value.weekly} />
          </Box>
        </>
      )}
    </Box>
  );
}
