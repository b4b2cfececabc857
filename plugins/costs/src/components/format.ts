import type {
  CostConnection,
  CostCoverage,
} from '@internal/plugin-costs-common';

/** An amount in the costs' currency, to the cent. */
export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(amount);
}

export function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toLocaleString('en-GB')}%`;
}

/** `payments-team` of `group:default/payments-team`. */
export function shortRef(ref: string): string {
  return ref.replace(/^[^:]+:(default\/)?/, '');
}

/** The windows a person picks from: the last 30, 90 or 365 days, ending today (UTC). */
export const WINDOWS = [30, 90, 365] as const;
export type WindowDays = (typeof WINDOWS)[number];

export function lastDays(days: number, now = new Date()) {
  const to = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1),
  );
  const from = new Date(to.getTime() - days * 86_400_000);
  return {
    from: from.toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
  };
}

/** "Costs of 12 of the 30 days": how much of the window the figures cover. */
export function coverageText(coverage: CostCoverage): string {
  return `Collected on ${coverage.daysWithData} of the ${coverage.daysInWindow} days`;
}

/** Why there is no figure: no cluster, or nothing collected for this scope. */
export function noFigureText(connection: CostConnection, what: string): string {
  if (!connection.connected) {
    return connection.message ?? 'No Kubernetes cluster is connected.';
  }
  return `No cost recorded for ${what} in this window: no workload labelled for it was found on ${connection.clusters.join(
    ', ',
  )}.`;
}
