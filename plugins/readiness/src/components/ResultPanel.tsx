import { Fragment } from 'react';
import {
  Box,
  Chip,
  List,
  ListItem,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import {
  ReadinessResult,
  formatSource,
  levels,
} from '@internal/plugin-readiness-common';
import { colourHex, verdictHex } from './colours';

export function VerdictHeadline(props: { result: ReadinessResult }) {
  const { verdict } = props.result;
  return (
    <Box mb={2}>
      <Typography
        variant="h4"
        data-testid="readiness-verdict"
        style={{ color: verdictHex[verdict.verdict] }}
      >
        {verdict.headline}
      </Typography>
      <Box mt={1} display="flex" style={{ gap: 8 }}>
        {(['green', 'yellow', 'red'] as const).map(c => (
          <Chip
            key={c}
            label={`${verdict.counts[c]} ${c}`}
            style={{ background: colourHex[c], color: '#fff' }}
          />
        ))}
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ alignSelf: 'center' }}
        >
          of 7 factors; 4 or more of one colour makes it “mostly” that colour
        </Typography>
      </Box>
      <Typography variant="body2" style={{ marginTop: 8 }}>
        {verdict.interpretation}{' '}
        <Typography component="span" variant="caption" color="textSecondary">
          ({formatSource(verdict.source)})
        </Typography>
      </Typography>
    </Box>
  );
}

export function Recommendations(props: { result: ReadinessResult }) {
  return (
    <List dense data-testid="readiness-recommendations">
      {props.result.recommendations
        .filter(r => r.kind !== 'verdict')
        .map(r => (
          <ListItem key={r.kind} alignItems="flex-start" divider>
            <ListItemText
              primary={
                <Typography variant="subtitle1">
                  <strong>{r.title}</strong>
                </Typography>
              }
              secondary={
                <>
                  <Typography variant="body2" component="span" display="block">
                    {r.detail}
                  </Typography>
                  {r.items.length > 0 && (
                    <Typography
                      variant="body2"
                      component="span"
                      display="block"
                    >
                      {r.items.join(' · ')}
                    </Typography>
                  )}
                  <Typography
                    variant="caption"
                    component="span"
                    display="block"
                  >
                    Source:{' '}
                    {r.sources.map((s, i) => (
                      <Fragment key={i}>
                        {i > 0 && '; '}
                        <Tooltip title={s.quote}>
                          <span style={{ textDecoration: 'underline dotted' }}>
                            {formatSource(s)}
                          </span>
                        </Tooltip>
                      </Fragment>
                    ))}
                  </Typography>
                </>
              }
            />
          </ListItem>
        ))}
    </List>
  );
}

export function MaturityTable(props: { result: ReadinessResult }) {
  const maturity = props.result.maturity;
  if (!maturity) return null;
  return (
    <Table size="small" data-testid="maturity-table">
      <TableHead>
        <TableRow>
          <TableCell>Aspect</TableCell>
          <TableCell align="right">Score</TableCell>
          <TableCell>Level</TableCell>
          <TableCell>Next level</TableCell>
          <TableCell>Next step in this portal</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {maturity.aspects.map(a => (
          <TableRow key={a.aspect}>
            <TableCell>{a.label}</TableCell>
            <TableCell align="right">{a.score.toFixed(2)}</TableCell>
            <TableCell>{levels[a.level - 1].label}</TableCell>
            <TableCell>
              {a.nextLevel ? `${levels[a.nextLevel - 1].label}: ` : ''}
              {a.nextLevelDescription}
            </TableCell>
            <TableCell>{a.step}</TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell>
            <strong>Overall</strong>
          </TableCell>
          <TableCell align="right">
            <strong>{maturity.overall.toFixed(2)}</strong>
          </TableCell>
          <TableCell>{levels[maturity.overallLevel - 1].label}</TableCell>
          <TableCell colSpan={2} />
        </TableRow>
      </TableBody>
    </Table>
  );
}
