import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  Grid,
  TextField,
  Typography,
} from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import useAsync from 'react-use/esm/useAsync';
import {
  CostLine,
  devCostsFrom,
  incidentCostsFrom,
  infraCostsFrom,
  round2,
  SEED_AVERAGE_INCIDENT_COST_EUR,
  SEED_DEV_INFRA_BREAKDOWN_EUR,
  SEED_DEV_INFRA_PER_10_DEVS_EUR,
  SEED_RUN_INFRA_BREAKDOWN_EUR,
  SEED_RUN_INFRA_PER_PRODUCT_EUR,
  sumCostLines,
} from '@internal/plugin-roi-common';
import { RoiFormState } from './useRoiForm';
import { formatMoney } from './format';

function Breakdown({
  title,
  lines,
}: {
  title: string;
  lines: readonly CostLine[];
}) {
  return (
    <Box mt={1}>
      <Typography variant="caption" component="p">
        {title}:{' '}
        {lines
          .map(l => `${l.item} ${formatMoney(l.yearlyCost, 'EUR')}`)
          .join(' · ')}{' '}
        — total of the items {formatMoney(sumCostLines(lines), 'EUR')}
      </Typography>
    </Box>
  );
}

function num(text: string): number {
  const n = Number(text.replace(/[\s,_]/g, ''));
  return Number.isFinite(n) && n >= 0 ? n : NaN;
}

/** Developers counted from the members of catalog groups. */
function CatalogDevelopers({ onCount }: { onCount: (n: number) => void }) {
  const catalogApi = useApi(catalogApiRef);
  const [selected, setSelected] = useState<string[]>([]);
  const groups = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items.map(e => stringifyEntityRef(e)).sort();
  }, [catalogApi]);
  const [counting, setCounting] = useState(false);
  const [counted, setCounted] = useState<number | undefined>();

  const count = async () => {
    setCounting(true);
    try {
      const { items } = await catalogApi.getEntities({
        filter: { kind: 'User', 'relations.memberof': selected },
        fields: ['metadata.name', 'metadata.namespace'],
      });
      setCounted(items.length);
      onCount(items.length);
    } finally {
      setCounting(false);
    }
  };

  return (
    <Grid container spacing={1} alignItems="center">
      <Grid item xs={12} sm={8}>
        <Autocomplete
          multiple
          size="small"
          options={groups.value ?? []}
          loading={groups.loading}
          value={selected}
          onChange={(_, v) => setSelected(v)}
          renderInput={params => (
            <TextField
              {...params}
              variant="outlined"
              label="Count developers from catalog groups"
            />
          )}
        />
      </Grid>
      <Grid item xs={12} sm={4}>
        <Button
          variant="outlined"
          size="small"
          disabled={selected.length === 0 || counting}
          onClick={count}
        >
          {counting ? 'Counting…' : 'Count members'}
        </Button>
        {counted !== undefined && (
          <Typography variant="caption" display="block">
            {counted} distinct users in the selected groups
          </Typography>
        )}
      </Grid>
    </Grid>
  );
}

/**
 * Builds DevCosts, IncidentCosts and InfraCosts from head counts and the seed's reference
 * figures; each "Use" button writes the result into the field, scaled to the period.
 */
export function ReferenceHelpers({
  form,
  disabled,
}: {
  form: RoiFormState;
  disabled?: boolean;
}) {
  const [developers, setDevelopers] = useState('20');
  const [loadedCost, setLoadedCost] = useState('75000');
  const [incidents, setIncidents] = useState('2');
  const [incidentCost, setIncidentCost] = useState(
    String(SEED_AVERAGE_INCIDENT_COST_EUR),
  );
  const [products, setProducts] = useState('1');
  const [useLineItems, setUseLineItems] = useState(false);
  const [runPerProduct, setRunPerProduct] = useState(
    String(SEED_RUN_INFRA_PER_PRODUCT_EUR),
  );
  const periodMonths = Number(form.values.periodMonths) || 12;
  const devPer10 = useLineItems
    ? sumCostLines(SEED_DEV_INFRA_BREAKDOWN_EUR)
    : SEED_DEV_INFRA_PER_10_DEVS_EUR;

  const dev = devCostsFrom({
    developers: num(developers),
    loadedAnnualCost: num(loadedCost),
    periodMonths,
  });
  const inc = incidentCostsFrom({
    incidentsPerYear: num(incidents),
    averageCostPerIncident: num(incidentCost),
    periodMonths,
  });
  const infra = infraCostsFrom({
    developers: num(developers),
    products: num(products),
    periodMonths,
    devInfraPer10DevsPerYear: devPer10,
    runInfraPerProductPerYear: num(runPerProduct),
  });
  const field = (label: string, value: string, set: (v: string) => void) => (
    <TextField
      size="small"
      variant="outlined"
      label={label}
      value={value}
      onChange={e => set(e.target.value)}
      inputProps={{ inputMode: 'decimal' }}
      fullWidth
    />
  );
  const use = (
    name: 'devCosts' | 'incidentCosts' | 'infraCosts',
    v: number,
  ) => (
    <Button
      size="small"
      color="primary"
      variant="outlined"
      disabled={disabled || !Number.isFinite(v)}
      onClick={() => form.setValue(name, String(round2(v)))}
    >
      Use{' '}
      {Number.isFinite(v) ? formatMoney(round2(v), form.values.currency) : '—'}
    </Button>
  );

  return (
    <Accordion
      variant="outlined"
      style={{ marginBottom: 16 }}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="body2">
          Build the current costs from head counts and the reference figures
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <CatalogDevelopers onCount={n => setDevelopers(String(n))} />
          </Grid>
          <Grid item xs={12} sm={4}>
            {field('Developers and ops in scope', developers, setDevelopers)}
          </Grid>
          <Grid item xs={12} sm={4}>
            {field('Loaded annual cost per person', loadedCost, setLoadedCost)}
          </Grid>
          <Grid item xs={12} sm={4}>
            {use('devCosts', dev)}
            <Typography variant="caption" display="block">
              developers × loaded annual cost × {periodMonths} ÷ 12
            </Typography>
          </Grid>
          <Grid item xs={12} sm={4}>
            {field('Incidents per year', incidents, setIncidents)}
          </Grid>
          <Grid item xs={12} sm={4}>
            {field('Average cost per incident', incidentCost, setIncidentCost)}
          </Grid>
          <Grid item xs={12} sm={4}>
            {use('incidentCosts', inc)}
            <Typography variant="caption" display="block">
              Seed: 65% of European organisations estimate an incident at
              €115,000
            </Typography>
          </Grid>
          <Grid item xs={12} sm={4}>
            {field('Products in scope (run)', products, setProducts)}
          </Grid>
          <Grid item xs={12} sm={4}>
            {field(
              'Run infrastructure per product and year',
              runPerProduct,
              setRunPerProduct,
            )}
          </Grid>
          <Grid item xs={12} sm={4}>
            {use('infraCosts', infra)}
            <Typography variant="caption" display="block">
              (developers ÷ 10 × {formatMoney(devPer10, 'EUR')} + products ×
              run) × {periodMonths} ÷ 12
            </Typography>
          </Grid>
          <Grid item xs={12}>
            <FormControlLabel
              control={
                <Checkbox
                  checked={useLineItems}
                  onChange={e => setUseLineItems(e.target.checked)}
                  size="small"
                />
              }
              label={`Development infrastructure per 10 developers: use the seed's line items (${formatMoney(
                sumCostLines(SEED_DEV_INFRA_BREAKDOWN_EUR),
                'EUR',
              )}) instead of its stated total (${formatMoney(
                SEED_DEV_INFRA_PER_10_DEVS_EUR,
                'EUR',
              )})`}
            />
            <Breakdown
              title="Development infrastructure for 10 developers, per year (seed)"
              lines={SEED_DEV_INFRA_BREAKDOWN_EUR}
            />
            <Breakdown
              title="Run infrastructure of a medium-sized product, per year (seed)"
              lines={SEED_RUN_INFRA_BREAKDOWN_EUR}
            />
            <Typography variant="caption" color="textSecondary">
              Reference figures are in euros; adjust them with your cloud
              provider's pricing calculator.
            </Typography>
          </Grid>
        </Grid>
      </AccordionDetails>
    </Accordion>
  );
}
