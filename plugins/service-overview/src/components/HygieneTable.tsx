import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Box,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tabs,
  Typography,
} from '@material-ui/core';
import {
  HygieneCheck,
  hygieneChecks,
} from '@internal/plugin-service-overview-common';
import { ApiErrorPanel, CursorPager } from '@internal/plugin-portal-react';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { serviceOverviewApiRef } from '../api';
import { EntityRefLink } from './refs';

const LABELS: Record<HygieneCheck, { title: string; why: string }> = {
  ownerMissing: {
    title: 'Owner missing',
    why: 'Their owner is not a Group or User in the catalog: nobody answers for them.',
  },
  noDocs: {
    title: 'No docs',
    why: 'Components without a backstage.io/techdocs-ref annotation have no TechDocs.',
  },
  noSystem: {
    title: 'No system',
    why: 'Components that belong to no system are missing from the system views.',
  },
  orphaned: {
    title: 'Orphaned',
    why: 'The location that registered them is gone; delete them or register them again.',
  },
};

export function HygieneTable() {
  const api = useApi(serviceOverviewApiRef);
  const [check, setCheck] = useState<HygieneCheck>('ownerMissing');
  const [cursor, setCursor] = useState<string | undefined>();
  const summary = useAsync(() => api.getHygieneSummary(), [api]);
  const page = useAsync(
    () => api.getHygiene(check, cursor),
    [api, check, cursor],
  );

  if (summary.error) return <ApiErrorPanel error={summary.error} />;
  return (
    <>
      <Tabs
        value={check}
        onChange={(_e, value) => {
          setCheck(value);
          setCursor(undefined);
        }}
        indicatorColor="primary"
      >
        {hygieneChecks.map(c => (
          <Tab
            key={c}
            value={c}
            label={`${LABELS[c].title} (${summary.value?.[c] ?? '…'})`}
          />
        ))}
      </Tabs>
      <Box my={1}>
        <Typography variant="body2" color="textSecondary">
          {LABELS[check].why}
        </Typography>
      </Box>
      {page.error && <ApiErrorPanel error={page.error} />}
      {page.loading && <Progress />}
      {page.value && page.value.items.length === 0 && (
        <Typography>Nothing to fix here.</Typography>
      )}
      {page.value && page.value.items.length > 0 && (
        <>
          <Table size="small" aria-label={LABELS[check].title}>
            <TableHead>
              <TableRow>
                <TableCell>Entity</TableCell>
                <TableCell>Kind</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>System</TableCell>
                <TableCell>Registered from</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {page.value.items.map(e => (
                <TableRow key={e.entityRef}>
                  <TableCell>
                    <EntityRefLink
                      entityRef={e.entityRef}
                      title={e.title ?? e.name}
                    />
                  </TableCell>
                  <TableCell>{e.kind}</TableCell>
                  <TableCell>{e.owner ?? '—'}</TableCell>
                  <TableCell>{e.system ?? '—'}</TableCell>
                  <TableCell>{e.location ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <CursorPager
            label="Hygiene pages"
            page={page.value}
            onCursor={setCursor}
          />
        </>
      )}
    </>
  );
}
