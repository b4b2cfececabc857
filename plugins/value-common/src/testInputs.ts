import { RoiInputs } from '@internal/plugin-roi-common';

/**
 * The ROI calculator's worked example (docs/plugins/roi.md): DevCosts €1,000,000 at 20%,
 * IncidentCosts €230,000 at 40%, InfraCosts €223,000 at 30%, investment €280,000 over 12
 * months, full effect after 6 months. Gains over the period: productivity €200,000, incidents
 * €92,000, infrastructure €66,900 (€358,900 in all; €29,908.33 a month).
 */
export const WORKED_CASE: RoiInputs = {
  periodMonths: 12,
  currency: 'EUR',
  devCosts: 1_000_000,
  incidentCosts: 230_000,
  infraCosts: 223_000,
  designCosts: 200_000,
  addLicenceCosts: 50_000,
  trainingCosts: 30_000,
  improvedProductivityPct: 20,
  improvedIncidentsCostsPct: 40,
  improvedResourcesPct: 30,
  ttmReductionGain: 0,
  rampUpMonths: 6,
  recurringYearlyCosts: 0,
};
