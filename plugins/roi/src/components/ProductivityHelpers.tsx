import { ReactNode, useState } from 'react';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Button,
  Grid,
  TextField,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  PRODUCTIVITY_HELPERS,
  ProductivityHelperId,
  productivityFromContextSwitches,
  productivityFromTechnicalDebt,
  productivityFromToolSwitching,
  round2,
  TECHNICAL_DEBT_SHARE_OF_WEEK_PCT,
  TOOL_SWITCHING_HOURS_PER_WEEK,
} from '@internal/plugin-roi-common';
import { RoiFormState } from './useRoiForm';

function num(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? NaN : Number(trimmed.replace(/[\s,_]/g, ''));
}

const helperOf = (id: ProductivityHelperId) =>
  PRODUCTIVITY_HELPERS.find(h => h.id === id)!;

/** One helper: its inputs, the share it gives, a button to use it, and the seed's words. */
function HelperRow({
  id,
  inputs,
  result,
  form,
  disabled,
}: {
  id: ProductivityHelperId;
  inputs: ReactNode;
  result: number | null;
  form: RoiFormState;
  disabled?: boolean;
}) {
  const helper = helperOf(id);
  const value = result === null ? null : round2(result);
  return (
    <Box mb={2} data-testid={`roi-productivity-${id}`}>
      <Typography variant="subtitle2">{helper.title}</Typography>
      <Grid container spacing={2} alignItems="center">
        {inputs}
        <Grid item xs={12} sm={3}>
          <Button
            size="small"
            color="primary"
            variant="outlined"
            disabled={disabled || value === null}
            onClick={() =>
              form.setValue('improvedProductivityPct', String(value))
            }
          >
            Use {value === null ? '—' : `${value}%`}
          </Button>
        </Grid>
      </Grid>
      <Typography variant="caption" display="block">
        {helper.formula}
      </Typography>
      <Typography variant="caption" display="block" color="textSecondary">
        “{helper.figure}” Source: {helper.source}.
      </Typography>
    </Box>
  );
}

function Field({
  label,
  value,
  set,
}: {
  label: string;
  value: string;
  set: (v: string) => void;
}) {
  return (
    <Grid item xs={12} sm={3}>
      <TextField
        size="small"
        variant="outlined"
        label={label}
        value={value}
        onChange={e => set(e.target.value)}
        inputProps={{ inputMode: 'decimal', 'aria-label': label }}
        fullWidth
      />
    </Grid>
  );
}

/**
 * Optional estimates of ImprovedProductivity% from seed 004's figures (time lost switching
 * tools, the cost of a context switch, the week spent on technical debt); "Use" writes one into
 * the field. They measure overlapping time, so one is used, never their sum.
 */
export function ProductivityHelpers({
  form,
  disabled,
}: {
  form: RoiFormState;
  disabled?: boolean;
}) {
  const [hoursLost, setHoursLost] = useState(
    String(TOOL_SWITCHING_HOURS_PER_WEEK.low),
  );
  const [recovered, setRecovered] = useState('50');
  const [weekHours, setWeekHours] = useState('40');
  const [switches, setSwitches] = useState('2');
  const [dayHours, setDayHours] = useState('8');
  const [debtShare, setDebtShare] = useState(
    String(TECHNICAL_DEBT_SHARE_OF_WEEK_PCT),
  );
  const [debtReduced, setDebtReduced] = useState('25');

  return (
    <Accordion
      variant="outlined"
      style={{ marginBottom: 16 }}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="body2">
          Estimate ImprovedProductivity% from tool switching, context switches
          or technical debt (optional)
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Box width="100%">
          <HelperRow
            id="toolSwitching"
            form={form}
            disabled={disabled}
            result={productivityFromToolSwitching({
              hoursLostPerWeek: num(hoursLost),
              recoveredPct: num(recovered),
              workingHoursPerWeek: num(weekHours),
            })}
            inputs={
              <>
                <Field
                  label="Hours lost a week (seed: 6–15)"
                  value={hoursLost}
                  set={setHoursLost}
                />
                <Field
                  label="Share the platform recovers (%)"
                  value={recovered}
                  set={setRecovered}
                />
                <Field
                  label="Working hours a week"
                  value={weekHours}
                  set={setWeekHours}
                />
              </>
            }
          />
          <HelperRow
            id="contextSwitching"
            form={form}
            disabled={disabled}
            result={productivityFromContextSwitches({
              switchesAvoidedPerDay: num(switches),
              workingHoursPerDay: num(dayHours),
            })}
            inputs={
              <>
                <Field
                  label="Context switches avoided a day"
                  value={switches}
                  set={setSwitches}
                />
                <Field
                  label="Working hours a day"
                  value={dayHours}
                  set={setDayHours}
                />
              </>
            }
          />
          <HelperRow
            id="technicalDebt"
            form={form}
            disabled={disabled}
            result={productivityFromTechnicalDebt({
              debtSharePct: num(debtShare),
              reducedPct: num(debtReduced),
            })}
            inputs={
              <>
                <Field
                  label="Week on technical debt (%, seed: 42)"
                  value={debtShare}
                  set={setDebtShare}
                />
                <Field
                  label="Share of it the platform removes (%)"
                  value={debtReduced}
                  set={setDebtReduced}
                />
              </>
            }
          />
          <Typography variant="caption" color="textSecondary">
            The three estimate overlapping time (a context switch is part of
            switching tools): use one of them, not their sum. The shares
            recovered or removed are your assumptions.
          </Typography>
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}
