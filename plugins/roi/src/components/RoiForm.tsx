import { InfoCard } from '@backstage/core-components';
import {
  Box,
  Button,
  ButtonGroup,
  Grid,
  InputAdornment,
  TextField,
  Tooltip,
  Typography,
} from '@material-ui/core';
import {
  ISO_4217_CURRENCIES,
  ROI_FIELDS,
  ROI_GROUP_TITLES,
  ROI_PRESETS,
  RoiField,
  RoiFieldGroup,
  RoiPresetField,
} from '@internal/plugin-roi-common';
import { RoiFormState } from './useRoiForm';
import { ReferenceHelpers } from './ReferenceHelpers';
import { ProductivityHelpers } from './ProductivityHelpers';

const GROUPS: RoiFieldGroup[] = [
  'period',
  'currentCosts',
  'investment',
  'impact',
  'projection',
];

function FieldInput({
  field,
  form,
  disabled,
}: {
  field: RoiField;
  form: RoiFormState;
  disabled?: boolean;
}) {
  const error =
    form.errors[field.name] ??
    (field.group === 'investment' ? form.errors.investment : undefined);
  const preset = form.presetOf[field.name as RoiPresetField];
  const presetValue = preset?.values[field.name as RoiPresetField];
  const source = presetValue?.source;
  const id = `roi-field-${field.name}`;
  const helper = (
    <>
      {error ?? field.help}
      {!error && source ? (
        <Box component="span" display="block" fontStyle="italic">
          {presetValue?.assumption ? 'Assumption' : 'Source'} ({preset?.title}):{' '}
          {source}
        </Box>
      ) : null}
    </>
  );
  if (field.kind === 'currency') {
    return (
      <TextField
        id={id}
        select
        fullWidth
        variant="outlined"
        size="small"
        label={field.label}
        value={form.values.currency}
        onChange={e => form.setValue('currency', e.target.value)}
        SelectProps={{ native: true }}
        error={Boolean(error)}
        helperText={helper}
        disabled={disabled}
      >
        {ISO_4217_CURRENCIES.map(code => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </TextField>
    );
  }
  let adornment: string;
  if (field.kind === 'percent') adornment = '%';
  else if (field.kind === 'months') adornment = 'months';
  else adornment = form.values.currency;
  return (
    <TextField
      id={id}
      fullWidth
      variant="outlined"
      size="small"
      label={
        field.seedName ? `${field.label} (${field.seedName})` : field.label
      }
      value={form.values[field.name]}
      onChange={e => form.setValue(field.name, e.target.value)}
      inputProps={{ inputMode: 'decimal', 'data-testid': id }}
      InputProps={{
        endAdornment: (
          <InputAdornment position="end">{adornment}</InputAdornment>
        ),
      }}
      error={Boolean(error)}
      helperText={helper}
      disabled={disabled}
    />
  );
}

/** The inputs, grouped as the method groups them, with presets and reference helpers. */
export function RoiForm({
  form,
  disabled,
}: {
  form: RoiFormState;
  disabled?: boolean;
}) {
  return (
    <InfoCard title="Inputs" subheader="All amounts for the observed period">
      <Box mb={2}>
        <Typography variant="subtitle2" gutterBottom>
          Scenario presets from the case studies
        </Typography>
        <ButtonGroup color="primary" size="small" disabled={disabled}>
          {ROI_PRESETS.map(p => (
            <Tooltip key={p.id} title={p.description}>
              <Button onClick={() => form.applyPresetValues(p)}>
                {p.title}
              </Button>
            </Tooltip>
          ))}
        </ButtonGroup>
        <Typography variant="caption" display="block" color="textSecondary">
          A preset sets the impact percentages and the months to full effect;
          each value shows its source below the field, or says it is an
          assumption where the seed measures no such figure.
        </Typography>
      </Box>
      {GROUPS.map(group => (
        <Box key={group} mb={2}>
          <Typography variant="h6" component="h3" gutterBottom>
            {ROI_GROUP_TITLES[group]}
          </Typography>
          {group === 'currentCosts' && (
            <ReferenceHelpers form={form} disabled={disabled} />
          )}
          {group === 'impact' && (
            <ProductivityHelpers form={form} disabled={disabled} />
          )}
          {group === 'investment' && form.errors.investment && (
            <Typography color="error" variant="body2" role="alert">
              {form.errors.investment}
            </Typography>
          )}
          <Grid container spacing={2}>
            {ROI_FIELDS.filter(f => f.group === group).map(field => (
              <Grid item xs={12} sm={6} key={field.name}>
                <FieldInput field={field} form={form} disabled={disabled} />
              </Grid>
            ))}
          </Grid>
        </Box>
      ))}
    </InfoCard>
  );
}
