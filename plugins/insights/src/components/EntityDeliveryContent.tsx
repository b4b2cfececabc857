import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Box, Typography } from '@material-ui/core';
import { DemoDataBanner } from '@internal/plugin-portal-react';
import useAsync from 'react-use/esm/useAsync';
import { insightsApiRef } from '../api';
import { DoraPanel } from './DoraPanel';
import { SelectFilter, useQuarterChoice } from './SelectFilter';

/** The "Delivery" tab of a component: its own DORA numbers. */
export function EntityDeliveryContent() {
  const { entity } = useEntity();
  const api = useApi(insightsApiRef);
  const { quarter, filter } = useQuarterChoice();
  const entityRef = stringifyEntityRef(entity);
  const dora = useAsync(
    () => api.getDora({ entityRef, from: quarter.from, to: quarter.to }),
    [api, entityRef, quarter.from, quarter.to],
  );
  return (
    <Box data-testid="entity-delivery">
      <DemoDataBanner />
      <Box display="flex" alignItems="center" mb={2}>
        <Typography variant="h5" style={{ marginRight: 16 }}>
          Delivery, {quarter.id}
        </Typography>
        <SelectFilter
          labelId="delivery-window-label"
          {...filter}
          minWidth={140}
        />
      </Box>
      <DoraPanel
        dora={dora}
        noRepository={{
          title: 'No repository',
          message:
            "Add the github.com/project-slug annotation to see this component's delivery metrics.",
        }}
      />
    </Box>
  );
}
