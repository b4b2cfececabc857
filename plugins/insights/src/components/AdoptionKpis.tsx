import { InfoCard } from '@backstage/core-components';
import {
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { KpiValue } from '@internal/plugin-insights-common';
import { formatKpi } from '../format';

export function MetChip({ met }: { met: boolean | null }) {
  if (met === null) return <Chip size="small" label="No data" />;
  return (
    <Chip
      size="small"
      label={met ? 'Met' : 'Not met'}
      style={{ backgroundColor: met ? '#2e7d32' : '#c62828', color: '#fff' }}
    />
  );
}

export function KpiTable({ title, kpis }: { title: string; kpis: KpiValue[] }) {
  return (
    <InfoCard title={title}>
      <Table size="small" data-testid="kpi-table">
        <TableHead>
          <TableRow>
            <TableCell>KPI</TableCell>
            <TableCell>Value</TableCell>
            <TableCell>Target</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Definition</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {kpis.map(kpi => (
            <TableRow key={kpi.id} data-testid={`kpi-${kpi.id}`}>
              <TableCell>{kpi.label}</TableCell>
              <TableCell>
                {formatKpi(kpi)}
                {kpi.denominator !== undefined &&
                  kpi.numerator !== undefined && (
                    <Typography
                      variant="caption"
                      component="div"
                      color="textSecondary"
                    >
                      {kpi.numerator} of {kpi.denominator}
                    </Typography>
                  )}
              </TableCell>
              <TableCell>{kpi.target}</TableCell>
              <TableCell>
                <MetChip met={kpi.met} />
              </TableCell>
              <TableCell>
                <Typography variant="caption">{kpi.definition}</Typography>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}
