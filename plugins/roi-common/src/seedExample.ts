/**
 * The seed's reference figures as one scenario, the example every ROI test starts from.
 *
 * Source: "Platform Engineering explained to decision-makers" (WeScale), section "What are the
 * ROI elements of Platform Engineering?". The seed gives no complete worked example: the costs
 * and impacts it quotes are used as they are, and the figures it leaves to each organisation
 * (its own salaries, design, licence and training costs) are round amounts chosen here.
 *
 * - `incidentCosts` 230,000 = 2 incidents × €115,000 (two is chosen here). "Real-life case
 *   studies and statistics › Coûts des incidents en Europe": "65% of European organizations
 *   estimate the total cost of an incident to be € 115,000."
 * - `infraCosts` 223,000 = €55,000 + €168,000. "Average annual development and production
 *   infrastructure costs": "the total annual cost of development infrastructure for a
 *   medium-sized software program is €55,000" and "the total annual cost of Run's
 *   infrastructure for medium-sized software is €168,000."
 * - `improvedProductivityPct` 20. "Real-life case studies and statistics › Humanitec":
 *   "increased productivity by between 20% and 40%" (the lower bound); "What is WeScale's
 *   approach? › Define vision and objectives": "Improved developer productivity (e.g. 20%)."
 * - `improvedIncidentsCostsPct` 40. "Real-life case studies and statistics › Netflix":
 *   "it has reduced incident-related costs by 40%."
 * - `improvedResourcesPct` 30. "Real-life case studies and statistics › Twilio": "saw a 30%
 *   reduction in infrastructure costs".
 * - `devCosts` 1,000,000, `designCosts` 200,000, `addLicenceCosts` 50,000, `trainingCosts`
 *   30,000, `ttmReductionGain` 0: not in the seed (the organisation's own), chosen here.
 *
 * Only the inputs of the seed's formula, in its order: the optional ones take their defaults
 * (`ROI_DEFAULTS`: 12 months in EUR, a 6-month ramp-up, no recurring cost).
 */
export const SEED_EXAMPLE_INPUTS = {
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
} as const;

/**
 * What the method gives for {@link SEED_EXAMPLE_INPUTS}, worked out by hand:
 *
 * - gain: productivity 20% × 1,000,000 = 200,000; incidents 40% × 230,000 = 92,000;
 *   infrastructure 30% × 223,000 = 66,900; time to market 0; total 358,900
 * - investment = 200,000 + 50,000 + 30,000 = 280,000; net gain = 358,900 − 280,000 = 78,900
 * - ROI = 78,900 / 280,000 × 100 = 28.178… → 28.18%
 * - payback = 280,000 / (358,900 / 12) = 9.361… → 9.36 months
 */
export const SEED_EXAMPLE_RESULT = {
  gain: {
    productivity: 200_000,
    incidents: 92_000,
    infrastructure: 66_900,
    timeToMarket: 0,
    total: 358_900,
  },
  investment: 280_000,
  netGain: 78_900,
  roiPercent: 28.18,
  paybackMonths: 9.36,
} as const;
