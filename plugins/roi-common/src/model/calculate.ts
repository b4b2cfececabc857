import { PROJECTION_MONTHS, RoiInputs } from './inputs';
import { round2 } from './money';

/** The gain over the observed period, by source. */
export type RoiGain = {
  /** ImprovedProductivity% × DevCosts */
  productivity: number;
  /** ImprovedIncidentsCosts% × IncidentCosts */
  incidents: number;
  /** ImprovedResources% × InfraCosts */
  infrastructure: number;
  /** TTMReductionGain */
  timeToMarket: number;
  /** The sum of the four. */
  total: number;
};

/** The seed's headline figures, unrounded. */
export type RoiCore = {
  gain: RoiGain;
  investment: number;
  netGain: number;
  roiPercent: number;
  /** Investment ÷ monthly gain; null when there is no gain. */
  paybackMonths: number | null;
  /** Gain ÷ periodMonths. */
  monthlyGain: number;
};

/** One month of the cumulative cash-flow projection (month 0 is the investment). */
export type CashFlowMonth = {
  month: number;
  /** Share of the full monthly gain reached this month (0–1), see {@link rampShare}. */
  rampShare: number;
  gain: number;
  cost: number;
  net: number;
  cumulative: number;
};

/** One year of the 1–3 year view. */
export type RoiYear = {
  year: number;
  gain: number;
  investment: number;
  recurringCosts: number;
  net: number;
  cumulativeNet: number;
  /** Cumulative net ÷ cumulative costs (investment + recurring) × 100. */
  cumulativeRoiPercent: number;
};

export type SensitivityInput =
  | 'improvedProductivityPct'
  | 'improvedIncidentsCostsPct'
  | 'improvedResourcesPct'
  | 'ttmReductionGain';

/** The impact inputs the sensitivity analysis varies, in the method's order. */
export const SENSITIVITY_INPUTS: readonly SensitivityInput[] = [
  'improvedProductivityPct',
  'improvedIncidentsCostsPct',
  'improvedResourcesPct',
  'ttmReductionGain',
];

/** Each impact input is varied by ± this share of its own value. */
export const SENSITIVITY_SHARE = 0.25;

/** ROI with one impact input at −25% and +25% of its value (percentages capped at 100). */
export type SensitivityRow = {
  input: SensitivityInput;
  value: number;
  lowValue: number;
  highValue: number;
  lowRoiPercent: number;
  highRoiPercent: number;
  /** highRoiPercent − lowRoiPercent: the length of the tornado bar. */
  swing: number;
};

export type RoiResult = {
  currency: string;
  periodMonths: number;
  gain: RoiGain;
  investment: number;
  netGain: number;
  roiPercent: number;
  paybackMonths: number | null;
  monthlyGain: number;
  /** First month whose cumulative cash flow is >= 0 (with ramp-up); null within 36 months. */
  breakEvenMonth: number | null;
  cashFlow: CashFlowMonth[];
  years: RoiYear[];
  sensitivity: SensitivityRow[];
};

/**
 * gain = ImprovedProductivity% × DevCosts + ImprovedIncidentsCosts% × IncidentCosts
 *      + ImprovedResources% × InfraCosts + TTMReductionGain
 */
export function computeGain(inputs: RoiInputs): RoiGain {
  const productivity = (inputs.improvedProductivityPct * inputs.devCosts) / 100;
  const incidents =
    (inputs.improvedIncidentsCostsPct * inputs.incidentCosts) / 100;
  const infrastructure =
    (inputs.improvedResourcesPct * inputs.infraCosts) / 100;
  const timeToMarket = inputs.ttmReductionGain;
  return {
    productivity,
    incidents,
    infrastructure,
    timeToMarket,
    total: productivity + incidents + infrastructure + timeToMarket,
  };
}

/** investment = DesignCosts + AddLicenceCosts + TrainingCosts */
export function computeInvestment(inputs: RoiInputs): number {
  return inputs.designCosts + inputs.addLicenceCosts + inputs.trainingCosts;
}

/** The seed's headline figures: gain, investment, net gain, ROI % and payback, unrounded. */
export function computeRoiCore(inputs: RoiInputs): RoiCore {
  const gain = computeGain(inputs);
  const investment = computeInvestment(inputs);
  const netGain = gain.total - investment;
  const monthlyGain = gain.total / inputs.periodMonths;
  return {
    gain,
    investment,
    netGain,
    roiPercent: (netGain / investment) * 100,
    paybackMonths: monthlyGain > 0 ? investment / monthlyGain : null,
    monthlyGain,
  };
}

/**
 * Share of the full monthly gain reached in `month` (1-based): linear ramp-up, month / R,
 * reaching 1 in month R = rampUpMonths; 1 from the first month when R is 0.
 */
export function rampShare(month: number, rampUpMonths: number): number {
  if (rampUpMonths <= 0) {
    return 1;
  }
  return Math.min(month / rampUpMonths, 1);
}

/**
 * Month-by-month cumulative cash flow over 36 months. Month 0 holds the investment. From
 * month 1 the gains of the period recur at the monthly rate gain ÷ periodMonths, scaled by
 * {@link rampShare}; after the observed period, the platform's recurring yearly cost is
 * charged at a twelfth a month. Values are unrounded.
 */
export function projectCashFlow(inputs: RoiInputs): CashFlowMonth[] {
  const { investment, monthlyGain } = computeRoiCore(inputs);
  const months: CashFlowMonth[] = [
    {
      month: 0,
      rampShare: 0,
      gain: 0,
      cost: investment,
      net: -investment,
      cumulative: -investment,
    },
  ];
  let cumulative = -investment;
  for (let month = 1; month <= PROJECTION_MONTHS; month++) {
    const share = rampShare(month, inputs.rampUpMonths);
    const gain = monthlyGain * share;
    const cost =
      month > inputs.periodMonths ? inputs.recurringYearlyCosts / 12 : 0;
    const net = gain - cost;
    cumulative += net;
    months.push({ month, rampShare: share, gain, cost, net, cumulative });
  }
  return months;
}

/** First month whose cumulative cash flow, rounded to the cent, is >= 0; null if none. */
export function breakEvenMonth(cashFlow: CashFlowMonth[]): number | null {
  const found = cashFlow.find(m => m.month > 0 && round2(m.cumulative) >= 0);
  return found ? found.month : null;
}

/** Sums the projection into years 1, 2 and 3 (investment in year 1). Values are unrounded. */
export function summariseYears(cashFlow: CashFlowMonth[]): RoiYear[] {
  const years: RoiYear[] = [];
  let cumulativeNet = 0;
  let cumulativeCosts = 0;
  for (let year = 1; year <= PROJECTION_MONTHS / 12; year++) {
    const months = cashFlow.filter(
      m => m.month > (year - 1) * 12 && m.month <= year * 12,
    );
    const gain = months.reduce((s, m) => s + m.gain, 0);
    const recurringCosts = months.reduce((s, m) => s + m.cost, 0);
    const investment = year === 1 ? cashFlow[0].cost : 0;
    const net = gain - recurringCosts - investment;
    cumulativeNet += net;
    cumulativeCosts += investment + recurringCosts;
    years.push({
      year,
      gain,
      investment,
      recurringCosts,
      net,
      cumulativeNet,
      cumulativeRoiPercent: (cumulativeNet / cumulativeCosts) * 100,
    });
  }
  return years;
}

/**
 * For each impact input: ROI with that input at (1 − 25%) and (1 + 25%) of its value, the
 * others unchanged; percentages are capped at 100. Ranked by swing, largest first.
 */
export function sensitivity(inputs: RoiInputs): SensitivityRow[] {
  const rows = SENSITIVITY_INPUTS.map(input => {
    const value = inputs[input];
    const lowValue = value * (1 - SENSITIVITY_SHARE);
    const uncapped = value * (1 + SENSITIVITY_SHARE);
    const highValue =
      input === 'ttmReductionGain' ? uncapped : Math.min(uncapped, 100);
    const lowRoiPercent = computeRoiCore({
      ...inputs,
      [input]: lowValue,
    }).roiPercent;
    const highRoiPercent = computeRoiCore({
      ...inputs,
      [input]: highValue,
    }).roiPercent;
    return {
      input,
      value,
      lowValue,
      highValue,
      lowRoiPercent,
      highRoiPercent,
      swing: highRoiPercent - lowRoiPercent,
    };
  });
  return rows
    .map((row, order) => ({ row, order }))
    .sort((a, b) => b.row.swing - a.row.swing || a.order - b.order)
    .map(({ row }) => row);
}

const roundGain = (g: RoiGain): RoiGain => ({
  productivity: round2(g.productivity),
  incidents: round2(g.incidents),
  infrastructure: round2(g.infrastructure),
  timeToMarket: round2(g.timeToMarket),
  total: round2(g.total),
});

/**
 * Everything the calculator shows for valid inputs (see `validateRoiInputs`): the seed's
 * figures, the cash flow, the 1–3 year view and the sensitivity, rounded to 2 decimals
 * (cents for amounts). The browser and `POST /api/roi/calculate` both call this function.
 */
export function calculateRoi(inputs: RoiInputs): RoiResult {
  const core = computeRoiCore(inputs);
  const cashFlow = projectCashFlow(inputs);
  return {
    currency: inputs.currency,
    periodMonths: inputs.periodMonths,
    gain: roundGain(core.gain),
    investment: round2(core.investment),
    netGain: round2(core.netGain),
    roiPercent: round2(core.roiPercent),
    paybackMonths:
      core.paybackMonths === null ? null : round2(core.paybackMonths),
    monthlyGain: round2(core.monthlyGain),
    breakEvenMonth: breakEvenMonth(cashFlow),
    cashFlow: cashFlow.map(m => ({
      month: m.month,
      rampShare: round2(m.rampShare * 100) / 100,
      gain: round2(m.gain),
      cost: round2(m.cost),
      net: round2(m.net),
      cumulative: round2(m.cumulative),
    })),
    years: summariseYears(cashFlow).map(y => ({
      year: y.year,
      gain: round2(y.gain),
      investment: round2(y.investment),
      recurringCosts: round2(y.recurringCosts),
      net: round2(y.net),
      cumulativeNet: round2(y.cumulativeNet),
      cumulativeRoiPercent: round2(y.cumulativeRoiPercent),
    })),
    sensitivity: sensitivity(inputs).map(s => ({
      input: s.input,
      value: s.value,
      lowValue: round2(s.lowValue),
      highValue: round2(s.highValue),
      lowRoiPercent: round2(s.lowRoiPercent),
      highRoiPercent: round2(s.highRoiPercent),
      swing: round2(s.swing),
    })),
  };
}
