import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TableSortLabel,
  TextField,
  Box,
  Typography,
  Chip,
} from '@material-ui/core';
import {
  ServiceFacets,
  ServiceSortField,
} from '@internal/plugin-service-overview-common';
import { ApiErrorPanel, CursorPager } from '@internal/plugin-portal-react';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { serviceOverviewApiRef } from '../api';
import { EntityRefLink, shortRef } from './refs';

type Filters = Partial<Record<keyof ServiceFacets, string>>;

const FILTERS: Array<{ key: keyof ServiceFacets; label: string }> = [
  { key: 'owner', label: 'Owner' },
  { key: 'system', label: 'System' },
  { key: 'lifecycle', label: 'Lifecycle' },
  { key: 'goldenPath', label: 'Golden path' },
];

const COLUMNS: Array<{ key: ServiceSortField | undefined; label: string }> = [
  { key: 'name', label: 'Service' },
  { key: 'owner', label: 'Owner' },
  { key: undefined, label: 'On call' },
  { key: 'system', label: 'System' },
  { key: 'lifecycle', label: 'Lifecycle' },
  { key: 'goldenPath', label: 'Golden path' },
  { key: undefined, label: 'Links' },
];

const PAGE_SIZE = 20;

export function ServicesTable() {
  const api = useApi(serviceOverviewApiRef);
  const [filters, setFilters] = useState<Filters>({});
  const [sort, setSort] = useState<ServiceSortField>('name');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [cursor, setCursor] = useState<string | undefined>();

  const facets = useAsync(() => api.getFacets(), [api]);
  const page = useAsync(
    () =>
      api.listServices(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : { ...filters, sort, order, limit: PAGE_SIZE },
      ),
    [api, filters, sort, order, cursor],
  );

  const changeFilter = (key: keyof ServiceFacets, value: string) => {
    setCursor(undefined);
    setFilters(f => ({ ...f, [key]: value || undefined }));
  };
  const changeSort = (key: ServiceSortField) => {
    setCursor(undefined);
    if (key === sort) setOrder(o => (o === 'asc' ? 'desc' : 'asc'));
    else {
      setSort(key);
      setOrder('asc');
    }
  };

  return (
    <>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }} mb={2}>
        {FILTERS.map(({ key, label }) => (
          <TextField
            key={key}
            select
            label={label}
            variant="outlined"
            size="small"
            style={{ minWidth: 200 }}
            value={filters[key] ?? ''}
            onChange={e => changeFilter(key, e.target.value as string)}
            SelectProps={{ inputProps: { 'aria-label': label } }}
          >
            <MenuItem value="">All</MenuItem>
            {(facets.value?.[key] ?? []).map(f => (
              <MenuItem key={f.value} value={f.value}>
                {key === 'owner' || key === 'system'
                  ? shortRef(f.value)
                  : f.value}{' '}
                ({f.count})
              </MenuItem>
            ))}
          </TextField>
        ))}
      </Box>
      {page.error && <ApiErrorPanel error={page.error} />}
      {page.loading && <Progress />}
      {page.value && (
        <>
          <Typography variant="body2" color="textSecondary">
            {page.value.totalItems} services
          </Typography>
          <Table size="small" aria-label="Services">
            <TableHead>
              <TableRow>
                {COLUMNS.map(col => (
                  <TableCell key={col.label}>
                    {col.key ? (
                      <TableSortLabel
                        active={sort === col.key}
                        direction={sort === col.key ? order : 'asc'}
                        onClick={() => changeSort(col.key!)}
                      >
                        {col.label}
                      </TableSortLabel>
                    ) : (
                      col.label
                    )}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {page.value.items.map(s => (
                <TableRow key={s.entityRef}>
                  <TableCell>
                    <EntityRefLink
                      entityRef={s.entityRef}
                      title={s.title ?? s.name}
                    />
                  </TableCell>
                  <TableCell>
                    {s.owner ? (
                      <>
                        <EntityRefLink
                          entityRef={s.owner.entityRef}
                          title={s.owner.title}
                        />
                        {!s.owner.exists && (
                          <Chip
                            size="small"
                            label="not in catalog"
                            style={{ marginLeft: 4 }}
                          />
                        )}
                      </>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell>
                    {s.owner?.onCall ? (
                      <EntityRefLink entityRef={s.owner.onCall} />
                    ) : (
                      '—'
                    )}
                  </TableCell>
                  <TableCell>
                    {s.system ? <EntityRefLink entityRef={s.system} /> : '—'}
                  </TableCell>
                  <TableCell>{s.lifecycle ?? '—'}</TableCell>
                  <TableCell>
                    {s.goldenPath
                      ? `${s.goldenPath.template}${
                          s.goldenPath.version ? ` ${s.goldenPath.version}` : ''
                        }`
                      : '—'}
                  </TableCell>
                  <TableCell>
                    {[s.repository, s.docs, ...s.dashboards]
                      .filter(Boolean)
                      .map(link => (
                        <Box key={link!.url} component="span" mr={1}>
                          <Link to={link!.url}>{link!.title}</Link>
                        </Box>
                      ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <CursorPager
            label="Services pages"
            page={page.value}
            onCursor={setCursor}
          />
        </>
      )}
    </>
  );
}
