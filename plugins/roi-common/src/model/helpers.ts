/**
 * Helpers that build the current-cost inputs from what a leader knows (head count, incident
 * count) and the seed's reference figures. Every amount is for a year in the seed and is
 * scaled to the observed period as amount × periodMonths ÷ 12.
 */

/** One line of a reference cost breakdown. */
export type CostLine = { item: string; yearlyCost: number; note?: string };

/**
 * "65% of European organizations estimate the total cost of an incident to be € 115,000"
 * (Yves Grandmontagne, IT Social, quoted in the seed).
 */
export const SEED_AVERAGE_INCIDENT_COST_EUR = 115_000;

/** The seed's reference team size for development infrastructure: 10 developers. */
export const SEED_DEV_INFRA_TEAM_SIZE = 10;

/** Average annual development infrastructure costs for a team of 10 developers (seed). */
export const SEED_DEV_INFRA_BREAKDOWN_EUR: readonly CostLine[] = [
  { item: 'Compute', yearlyCost: 18_500 },
  { item: 'Storage', yearlyCost: 3_600 },
  { item: 'Databases', yearlyCost: 9_600 },
  {
    item: 'Networks',
    yearlyCost: 6_000,
    note: 'depends on data exchange between environments',
  },
  { item: 'CI/CD', yearlyCost: 8_520 },
  { item: 'Test automation tools', yearlyCost: 6_000 },
  { item: 'Load testing tools', yearlyCost: 2_400 },
  { item: 'Monitoring tools', yearlyCost: 3_600 },
  { item: 'Security tools', yearlyCost: 3_000 },
];

/**
 * The seed's stated total for development infrastructure per 10 developers and year:
 * €55,000. Its own line items add up to €61,220 ({@link SEED_DEV_INFRA_BREAKDOWN_EUR}); the
 * calculator uses the stated total by default and lets the user take the line items instead.
 */
export const SEED_DEV_INFRA_PER_10_DEVS_EUR = 55_000;

/** Run infrastructure of a medium-sized software product, per year (seed): €168,000. */
export const SEED_RUN_INFRA_BREAKDOWN_EUR: readonly CostLine[] = [
  { item: 'Compute (virtual machines or containers)', yearlyCost: 120_000 },
  { item: 'Storage', yearlyCost: 12_000 },
  { item: 'Database', yearlyCost: 18_000 },
  { item: 'Network', yearlyCost: 12_000 },
  { item: 'Monitoring and observability', yearlyCost: 6_000 },
];

/** What the seed calls a medium-sized software product (the run reference above). */
export const SEED_MEDIUM_PRODUCT_PROFILE: readonly string[] = [
  'Active users: between 5,000 and 50,000 per month',
  'Concurrent users: between 500 and 1,000',
  'Network calls: between 100,000 and 1 million per day',
  'Uptime SLA: 99.5% to 99.9%; latency under 1 second',
  '10–20 virtual machines, Kubernetes or Docker',
  'Storage 1–10 TB; managed database 100–500 GB; bandwidth 1–10 TB a month',
];

/** Sum of the yearly costs of a breakdown. */
export function sumCostLines(lines: readonly CostLine[]): number {
  return lines.reduce((sum, line) => sum + line.yearlyCost, 0);
}

/** The run reference total: 120,000 + 12,000 + 18,000 + 12,000 + 6,000 = 168,000. */
export const SEED_RUN_INFRA_PER_PRODUCT_EUR = sumCostLines(
  SEED_RUN_INFRA_BREAKDOWN_EUR,
);

/** DevCosts = developers × loaded annual cost per developer × periodMonths ÷ 12. */
export function devCostsFrom(options: {
  developers: number;
  loadedAnnualCost: number;
  periodMonths: number;
}): number {
  return (
    (options.developers * options.loadedAnnualCost * options.periodMonths) / 12
  );
}

/**
 * IncidentCosts = incidents per year × average cost per incident × periodMonths ÷ 12,
 * the average defaulting to the seed's European €115,000.
 */
export function incidentCostsFrom(options: {
  incidentsPerYear: number;
  averageCostPerIncident?: number;
  periodMonths: number;
}): number {
  const average =
    options.averageCostPerIncident ?? SEED_AVERAGE_INCIDENT_COST_EUR;
  return (options.incidentsPerYear * average * options.periodMonths) / 12;
}

/**
 * InfraCosts = (developers ÷ 10 × development infrastructure per 10 developers
 * + products × run infrastructure per product) × periodMonths ÷ 12, with the seed's
 * €55,000 and €168,000 a year as defaults.
 */
export function infraCostsFrom(options: {
  developers: number;
  products: number;
  periodMonths: number;
  devInfraPer10DevsPerYear?: number;
  runInfraPerProductPerYear?: number;
}): number {
  const dev =
    options.devInfraPer10DevsPerYear ?? SEED_DEV_INFRA_PER_10_DEVS_EUR;
  const run =
    options.runInfraPerProductPerYear ?? SEED_RUN_INFRA_PER_PRODUCT_EUR;
  const yearly =
    (options.developers / SEED_DEV_INFRA_TEAM_SIZE) * dev +
    options.products * run;
  return (yearly * options.periodMonths) / 12;
}
