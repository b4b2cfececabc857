import {
  Box,
  Button,
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip as MuiTooltip,
  Typography,
} from '@material-ui/core';
import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  AssessmentComparison,
  AssessmentHistory,
  STALE_AFTER_DAYS,
  aspects,
  factors,
  verdictHeadline,
} from '@internal/plugin-readiness-common';
import { useState } from 'react';
import {
  ApiErrorPanel,
  downloadFile,
  TrendChart,
} from '@internal/plugin-portal-react';
import { readinessApiRef } from '../api';
import { aspectHex, colourHex, verdictHex } from './colours';

function ColourDot(props: {
  colour: 'green' | 'yellow' | 'red';
  title: string;
}) {
  return (
    <MuiTooltip title={props.title}>
      <span
        aria-label={props.title}
        style={{
          display: 'inline-block',
          width: 14,
          height: 14,
          borderRadius: 7,
          marginRight: 4,
          background: colourHex[props.colour],
        }}
      />
    </MuiTooltip>
  );
}

export function StaleReminder(props: {
  history: AssessmentHistory;
  groupTitle: string;
}) {
  const { history, groupTitle } = props;
  if (!history.stale) return null;
  const title =
    history.daysSinceLast === null
      ? `${groupTitle} has no readiness assessment yet`
      : `${groupTitle}'s last assessment is ${history.daysSinceLast} days old`;
  return (
    <WarningPanel severity="info" title={title}>
      Run this assessment every quarter: the guide says platform engineering
      needs “grow gradually, then suddenly”. An assessment is due again after{' '}
      {STALE_AFTER_DAYS} days.
    </WarningPanel>
  );
}

export function HistoryPanel(props: {
  history: AssessmentHistory | undefined;
  loading: boolean;
  error?: Error;
}) {
  const api = useApi(readinessApiRef);
  const [selected, setSelected] = useState<string[]>([]);
  const [comparison, setComparison] = useState<AssessmentComparison>();
  const [compareError, setCompareError] = useState<Error>();
  const [exportError, setExportError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const { history, loading, error } = props;

  if (loading) return <Progress />;
  if (error) return <ApiErrorPanel error={error} />;
  if (!history || history.assessments.length === 0) {
    return <Typography>No saved assessment for this group yet.</Typography>;
  }

  const rows = history.assessments;
  const trend = rows.map(r => ({
    date: r.assessedAt.slice(0, 10),
    green: r.counts.green,
    yellow: r.counts.yellow,
    red: r.counts.red,
    ...(r.aspectScores ?? {}),
  }));
  const hasMaturity = rows.some(r => r.aspectScores);

  const toggle = (id: string) =>
    setSelected(s =>
      s.includes(id) ? s.filter(x => x !== id) : [...s.slice(-1), id],
    );

  const compare = async () => {
    setBusy(true);
    setCompareError(undefined);
    try {
      setComparison(await api.compare(selected[0], selected[1]));
    } catch (e) {
      setCompareError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const exportAs = async (id: string, format: 'markdown' | 'csv') => {
    setExportError(undefined);
    try {
      const file = await api.exportFile(id, format);
      downloadFile(
        file.filename,
        file.body,
        format === 'csv'
          ? 'text/csv;charset=utf-8'
          : 'text/markdown;charset=utf-8',
      );
    } catch (e) {
      // a failed export must say so: the person is waiting for a file
      setExportError(e as Error);
    }
  };

  return (
    <Box>
      <Table size="small" data-testid="readiness-history">
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" />
            <TableCell>Date</TableCell>
            <TableCell>Verdict</TableCell>
            <TableCell>Factors</TableCell>
            <TableCell align="right">Maturity</TableCell>
            <TableCell>Author</TableCell>
            <TableCell>Note</TableCell>
            <TableCell>Export</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {[...rows].reverse().map(r => (
            <TableRow key={r.id}>
              <TableCell padding="checkbox">
                <Checkbox
                  checked={selected.includes(r.id)}
                  onChange={() => toggle(r.id)}
                  inputProps={{
                    'aria-label': `Compare ${r.assessedAt.slice(0, 10)}`,
                  }}
                />
              </TableCell>
              <TableCell>{new Date(r.assessedAt).toLocaleString()}</TableCell>
              <TableCell
                style={{ color: verdictHex[r.verdict], fontWeight: 600 }}
              >
                {verdictHeadline(r.verdict, r.trajectory)}
              </TableCell>
              <TableCell>
                {factors.map(f => (
                  <ColourDot
                    key={f.id}
                    colour={r.colours[f.id]}
                    title={`${f.label}: ${r.colours[f.id]}${
                      r.measured.includes(f.id) ? ' (measured)' : ''
                    }`}
                  />
                ))}
              </TableCell>
              <TableCell align="right">
                {r.maturityOverall === null
                  ? '—'
                  : r.maturityOverall.toFixed(2)}
              </TableCell>
              <TableCell>
                {r.author.replace(/^user:(default\/)?/, '')}
              </TableCell>
              <TableCell>{r.note}</TableCell>
              <TableCell>
                <Button size="small" onClick={() => exportAs(r.id, 'markdown')}>
                  Markdown
                </Button>
                <Button size="small" onClick={() => exportAs(r.id, 'csv')}>
                  CSV
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {exportError && (
        <ApiErrorPanel error={exportError} title="The export failed" />
      )}
      <Box mt={1} mb={2}>
        <Button
          variant="outlined"
          size="small"
          disabled={selected.length !== 2 || busy}
          onClick={compare}
        >
          Compare the two selected
        </Button>
      </Box>
      {busy && <Progress />}
      {compareError && <ApiErrorPanel error={compareError} />}
      {comparison && (
        <Box mb={3} data-testid="readiness-comparison">
          <Typography variant="subtitle1">
            {comparison.before.assessedAt.slice(0, 10)} →{' '}
            {comparison.after.assessedAt.slice(0, 10)} ({comparison.daysApart}{' '}
            days):{' '}
            {comparison.verdictChanged
              ? `${verdictHeadline(
                  comparison.before.verdict,
                )} → ${verdictHeadline(comparison.after.verdict)}`
              : 'same verdict'}
          </Typography>
          <Table size="small">
            <TableBody>
              {comparison.factors.map(f => (
                <TableRow key={f.factor} selected={f.changed}>
                  <TableCell>
                    {factors.find(x => x.id === f.factor)!.label}
                  </TableCell>
                  <TableCell>
                    <ColourDot colour={f.before} title={f.before} /> →{' '}
                    <ColourDot colour={f.after} title={f.after} />
                  </TableCell>
                </TableRow>
              ))}
              {comparison.aspects.map(a => (
                <TableRow key={a.aspect}>
                  <TableCell>
                    {aspects.find(x => x.id === a.aspect)!.label}
                  </TableCell>
                  <TableCell>
                    {a.before?.toFixed(2) ?? '—'} → {a.after?.toFixed(2) ?? '—'}
                    {a.delta !== null &&
                      ` (${a.delta >= 0 ? '+' : ''}${a.delta.toFixed(2)})`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      <Typography variant="subtitle1">Factors per colour over time</Typography>
      <TrendChart
        kind="bar"
        data={trend}
        xKey="date"
        height={220}
        yAxis={{ domain: [0, 7], allowDecimals: false }}
        legend
        animate={false}
        series={(['green', 'yellow', 'red'] as const).map(c => ({
          dataKey: c,
          stackId: 'c',
          colour: colourHex[c],
        }))}
      />
      {hasMaturity && (
        <>
          <Typography variant="subtitle1">
            Maturity per aspect over time
          </Typography>
          <TrendChart
            kind="line"
            data={trend}
            xKey="date"
            height={240}
            yAxis={{ domain: [1, 4], ticks: [1, 2, 3, 4] }}
            legend
            animate={false}
            series={aspects.map((a, i) => ({
              dataKey: a.id,
              name: a.label,
              colour: aspectHex[i],
            }))}
          />
        </>
      )}
    </Box>
  );
}
