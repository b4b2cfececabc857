import { ApiErrorPanel } from '@internal/plugin-portal-react';
import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Grid,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import PrintIcon from '@material-ui/icons/Print';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useParams } from 'react-router-dom';
import {
  calculateRoi,
  ROI_FIELDS,
  ROI_GROUP_TITLES,
  RoiScenario,
} from '@internal/plugin-roi-common';
import { roiApiRef } from '../api';
import { Results } from './Results';
import {
  CashFlowChart,
  GainBreakdownChart,
  TornadoChart,
  YearsTable,
} from './Charts';
import { HowComputedContent } from './HowComputed';
import { formatMoney, formatPercent } from './format';
import { usePaths } from './usePaths';

const useStyles = makeStyles({
  '@global': {
    '@media print': {
      'nav, header button, .roi-no-print, [class*="BackstageSidebar"]': {
        display: 'none !important',
      },
      main: { margin: '0 !important', padding: '0 !important' },
      body: { background: '#fff' },
      '.roi-report-section': { breakInside: 'avoid' },
    },
  },
});

/** A part of the report that a printed page does not split. */
function Section(props: { xs?: 6 | 12; children: ReactNode }) {
  return (
    <Grid item xs={props.xs ?? 12} className="roi-report-section">
      {props.children}
    </Grid>
  );
}

function inputValue(s: RoiScenario, name: (typeof ROI_FIELDS)[number]) {
  const v = s.inputs[name.name];
  if (name.kind === 'amount')
    return formatMoney(Number(v), s.inputs.currency, true);
  if (name.kind === 'percent') return formatPercent(Number(v));
  if (name.kind === 'months') return `${v} months`;
  return String(v);
}

function Report({ scenario }: { scenario: RoiScenario }) {
  useStyles();
  const paths = usePaths();
  const result = calculateRoi(scenario.inputs);
  return (
    <Page themeId="tool">
      <Header
        title={`Business case: ${scenario.name}`}
        subtitle={`ROI of the platform — version ${
          scenario.version
        }, saved ${new Date(scenario.updatedAt).toLocaleString('en-GB')} by ${
          scenario.updatedBy
        }`}
      />
      <Content>
        <Box className="roi-no-print" mb={2} display="flex" style={{ gap: 8 }}>
          <Button
            variant="contained"
            color="primary"
            startIcon={<PrintIcon />}
            onClick={() => window.print()}
          >
            Print or save as PDF
          </Button>
          <Button
            component={Link as any}
            to={`${paths.root}?scenario=${scenario.id}`}
          >
            Open in the calculator
          </Button>
        </Box>
        <Grid container spacing={3}>
          {scenario.description && (
            <Grid item xs={12}>
              <Typography variant="body1">{scenario.description}</Typography>
            </Grid>
          )}
          <Section>
            <Results result={result} />
          </Section>
          <Section>
            <InfoCard title="Inputs and their meaning">
              <Table size="small" aria-label="inputs">
                <TableHead>
                  <TableRow>
                    <TableCell>Group</TableCell>
                    <TableCell>Input</TableCell>
                    <TableCell align="right">Value</TableCell>
                    <TableCell>Definition (source: the method)</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {ROI_FIELDS.map(f => (
                    <TableRow key={f.name}>
                      <TableCell>{ROI_GROUP_TITLES[f.group]}</TableCell>
                      <TableCell>
                        {f.label}
                        {f.seedName ? ` (${f.seedName})` : ''}
                      </TableCell>
                      <TableCell align="right">
                        {inputValue(scenario, f)}
                      </TableCell>
                      <TableCell>{f.help}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </InfoCard>
          </Section>
          <Section>
            <CashFlowChart
              result={result}
              rampUpMonths={scenario.inputs.rampUpMonths}
            />
          </Section>
          <Section xs={6}>
            <GainBreakdownChart result={result} />
          </Section>
          <Section xs={6}>
            <TornadoChart result={result} />
          </Section>
          <Section>
            <YearsTable result={result} />
          </Section>
          <Section>
            <InfoCard title="How is this computed?">
              <HowComputedContent inputs={scenario.inputs} result={result} />
            </InfoCard>
          </Section>
        </Grid>
      </Content>
    </Page>
  );
}

/** A print-ready report of a saved scenario (by id, or by share-link token). */
export function ReportPage({ shared }: { shared?: boolean }) {
  const api = useApi(roiApiRef);
  const { id, token } = useParams();
  const { value, loading, error } = useAsync(
    () => (shared ? api.getSharedScenario(token!) : api.getScenario(id!)),
    [api, id, token, shared],
  );
  if (loading) return <Progress />;
  if (error) {
    return (
      <Page themeId="tool">
        <Header title="Business case" />
        <Content>
          <ApiErrorPanel error={error} />
        </Content>
      </Page>
    );
  }
  return value ? <Report scenario={value} /> : null;
}
