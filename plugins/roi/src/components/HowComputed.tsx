import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  PROJECTION_MONTHS,
  ROI_CASE_STUDIES,
  RoiInputs,
  RoiResult,
  SENSITIVITY_SHARE,
} from '@internal/plugin-roi-common';
import { formatMoney, formatPercent } from './format';

const mono = { fontFamily: 'monospace', whiteSpace: 'pre-wrap' as const };

/** The method, the printed formula beside the one computed, and this scenario's arithmetic. */
export function HowComputedContent({
  inputs,
  result,
}: {
  inputs: RoiInputs;
  result: RoiResult;
}) {
  const c = inputs.currency;
  const m = (v: number) => formatMoney(v, c, true);
  return (
    <Box>
      <Typography variant="subtitle2">The method</Typography>
      <Typography variant="body2" paragraph>
        From “What are the ROI elements of Platform Engineering?” in WeScale's
        “Platform Engineering explained to decision-makers”: collect the current
        costs, the investment and the expected impact over one period, for a
        product, a department or the whole company.
      </Typography>
      <Typography variant="subtitle2">The formula as printed</Typography>
      <Typography variant="body2" style={mono} paragraph>
        ROI % = (ImprovedProductivity% × DevCosts + ImprovedIncidentsCosts% ×
        IncidentsCosts + InfraCosts + ImprovedResources% × TTMReductionGain −
        (DesignCosts + AddLicenceCosts + TrainingCosts)) ÷ (DesignCosts +
        AddLicenceCosts + TrainingCosts) × 100
      </Typography>
      <Typography variant="body2" paragraph>
        Read literally, it counts the whole infrastructure bill as a gain and
        takes a percentage of infrastructure savings of the time-to-market
        revenue. That reads as a typesetting slip: the method's own definitions
        say ImprovedResources% is the share of infrastructure costs saved and
        TTMReductionGain is extra revenue. The calculator computes what the
        definitions describe:
      </Typography>
      <Typography variant="body2" style={mono} paragraph>
        gain = ImprovedProductivity% × DevCosts + ImprovedIncidentsCosts% ×
        IncidentCosts + ImprovedResources% × InfraCosts + TTMReductionGain{'\n'}
        investment = DesignCosts + AddLicenceCosts + TrainingCosts{'\n'}
        ROI % = (gain − investment) ÷ investment × 100{'\n'}
        payback (months) = investment ÷ (gain ÷ periodMonths)
      </Typography>
      <Typography variant="subtitle2">This scenario</Typography>
      <Typography
        variant="body2"
        style={mono}
        paragraph
        data-testid="roi-arithmetic"
      >
        productivity = {inputs.improvedProductivityPct}% × {m(inputs.devCosts)}{' '}
        = {m(result.gain.productivity)}
        {'\n'}incidents = {inputs.improvedIncidentsCostsPct}% ×{' '}
        {m(inputs.incidentCosts)} = {m(result.gain.incidents)}
        {'\n'}infrastructure = {inputs.improvedResourcesPct}% ×{' '}
        {m(inputs.infraCosts)} = {m(result.gain.infrastructure)}
        {'\n'}time to market = {m(result.gain.timeToMarket)}
        {'\n'}gain = {m(result.gain.total)}
        {'\n'}investment = {m(inputs.designCosts)} + {m(inputs.addLicenceCosts)}{' '}
        + {m(inputs.trainingCosts)} = {m(result.investment)}
        {'\n'}ROI = ({m(result.gain.total)} − {m(result.investment)}) ÷{' '}
        {m(result.investment)} × 100 = {formatPercent(result.roiPercent)}
        {'\n'}payback = {m(result.investment)} ÷ ({m(result.gain.total)} ÷{' '}
        {inputs.periodMonths}) ={' '}
        {result.paybackMonths === null
          ? 'none (no gain)'
          : `${result.paybackMonths} months`}
      </Typography>
      <Typography variant="subtitle2">Beyond the method</Typography>
      <Typography variant="body2" component="div">
        <ul>
          <li>
            Cash flow: the investment is spent in month 0. From month 1 the gain
            recurs at gain ÷ periodMonths a month, multiplied by a linear
            ramp-up: month ÷ {inputs.rampUpMonths || 'R'} until month{' '}
            {inputs.rampUpMonths || 'R'} (“months to full effect”), then 100%.
            After the observed period, the recurring yearly platform cost is
            charged at a twelfth a month. Break-even is the first month whose
            cumulative cash flow is at or above zero, within {PROJECTION_MONTHS}{' '}
            months. The seed's payback ignores the ramp-up, so break-even is
            usually later.
          </li>
          <li>
            Years 1 to 3: the months summed by year; cumulative ROI = cumulative
            net ÷ (investment + recurring costs so far) × 100.
          </li>
          <li>
            Sensitivity: each impact input at {(1 - SENSITIVITY_SHARE) * 100}%
            and {(1 + SENSITIVITY_SHARE) * 100}% of its value (percentages
            capped at 100), the others unchanged, ranked by the ROI swing.
          </li>
          <li>
            Rounding: amounts to the cent, percentages and months to two
            decimals, half away from zero. The browser and the server run the
            same functions, so they agree to the cent.
          </li>
        </ul>
      </Typography>
      <Typography variant="subtitle2">
        Case studies quoted by the seed
      </Typography>
      <Typography variant="body2" component="div">
        <ul>
          {ROI_CASE_STUDIES.map(s => (
            <li key={s.name}>
              <b>{s.name}</b>: {s.finding}
            </li>
          ))}
        </ul>
      </Typography>
    </Box>
  );
}

export function HowComputed(props: { inputs: RoiInputs; result: RoiResult }) {
  return (
    <Accordion variant="outlined">
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="h6" component="h3">
          How is this computed?
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <HowComputedContent {...props} />
      </AccordionDetails>
    </Accordion>
  );
}
