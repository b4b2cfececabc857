import { ApiErrorPanel } from '@internal/plugin-portal-react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  calculateRoi,
  ROI_FIELDS,
  RoiResult,
  RoiScenario,
} from '@internal/plugin-roi-common';
import { roiApiRef } from '../api';
import { formatMoney, formatMonths, formatPercent } from './format';

type Row = {
  label: string;
  value: (s: RoiScenario, r: RoiResult) => string;
};

const rows: Row[] = [
  ...ROI_FIELDS.map(
    (f): Row => ({
      label: f.label,
      value: s => {
        const v = s.inputs[f.name];
        if (f.kind === 'amount')
          return formatMoney(Number(v), s.inputs.currency);
        if (f.kind === 'percent') return formatPercent(Number(v));
        return String(v);
      },
    }),
  ),
  {
    label: 'Gain',
    value: (s, r) => formatMoney(r.gain.total, s.inputs.currency),
  },
  {
    label: 'Investment',
    value: (s, r) => formatMoney(r.investment, s.inputs.currency),
  },
  {
    label: 'Net gain',
    value: (s, r) => formatMoney(r.netGain, s.inputs.currency),
  },
  { label: 'ROI', value: (_s, r) => formatPercent(r.roiPercent) },
  { label: 'Payback', value: (_s, r) => formatMonths(r.paybackMonths) },
  {
    label: 'Break-even (with ramp-up)',
    value: (_s, r) =>
      r.breakEvenMonth === null
        ? 'not within 36 months'
        : `month ${r.breakEvenMonth}`,
  },
  {
    label: 'Cumulative ROI after 3 years',
    value: (_s, r) => formatPercent(r.years[2].cumulativeRoiPercent),
  },
];

/** Up to three saved scenarios side by side: inputs and results. */
export function Compare({ ids }: { ids: string[] }) {
  const api = useApi(roiApiRef);
  const { value, loading, error } = useAsync(
    async () =>
      Promise.all(
        ids.map(async id => {
          const s = await api.getScenario(id);
          return { s, r: calculateRoi(s.inputs) };
        }),
      ),
    [api, ids.join(',')],
  );
  if (loading) return <Progress />;
  if (error) return <ApiErrorPanel error={error} />;
  if (!value) return null;
  return (
    <InfoCard
      title="Compare scenarios"
      subheader="Inputs and results side by side"
    >
      <Table size="small" aria-label="compare scenarios">
        <TableHead>
          <TableRow>
            <TableCell />
            {value.map(({ s }) => (
              <TableCell key={s.id} align="right">
                <b>{s.name}</b> (v{s.version})
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.label}>
              <TableCell component="th" scope="row">
                {row.label}
              </TableCell>
              {value.map(({ s, r }) => (
                <TableCell key={s.id} align="right">
                  {row.value(s, r)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
