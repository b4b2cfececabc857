import { Colour, colourForOnboardingDays } from './factors';
import { EvidenceProposal, unavailableProposal } from './evidence';

/**
 * Delivery metrics read as readiness answers: deployment friction from the DORA lead time and
 * deployment frequency bands, onboarding time from the time new services take to reach
 * production. The metrics come from the insights plugin; these types hold only what the
 * readings need, so this package stays free of it.
 */

/** A DORA performance band (DORA 2023 report), as the delivery metrics report it. */
export type DoraBand = 'elite' | 'high' | 'medium' | 'low';

/** What was measured: the services counted and the window. */
export type DeliveryScope = {
  /** The Group whose components were measured, or null for the whole organisation. */
  groupRef: string | null;
  /** Start of the window, ISO timestamp, inclusive. */
  from: string;
  /** End of the window, ISO timestamp, exclusive. */
  to: string;
};

/** The DORA figures deployment friction is read from. */
export type DoraDelivery = {
  /** Successful production deployments in the window. */
  deployments: number;
  /** Median, over the window's whole weeks, of the days with a production deployment. */
  medianDeployDaysPerWeek: number | null;
  deploymentFrequency: DoraBand | null;
  /** Median hours from commit to production; null when no change was traced to a deployment. */
  leadTimeMedianHours: number | null;
  leadTime: DoraBand | null;
};

/** Services created from a golden path in the window, and how long they took to reach production. */
export type FirstDeployments = {
  /** Services a golden path created in the window. */
  created: number;
  /** Of those, the ones with a successful production deployment since. */
  deployed: number;
  /** Median hours from creation to the first production deployment, over the deployed ones. */
  medianHours: number | null;
};

/**
 * Lead time for changes → deployment friction. Under a day (elite) is red: changes reach
 * production the same day ("Deployments happen in minutes with minimal friction"). A day to a
 * week (high) is yellow: the guide calls it "high performing" (its metrics table, "How to Measure Success"), so it is not the
 * systematic waiting of the green answer, but changes still wait ("Deployments take hours,
 * occasional bottlenecks"). A week or more (medium, low) is green: "Developers wait days for
 * infrastructure, or deployments need multiple team approvals".
 */
export const frictionFromLeadTime: Readonly<Record<DoraBand, Colour>> = {
  elite: 'red',
  high: 'yellow',
  medium: 'green',
  low: 'green',
};

/**
 * Deployment frequency → deployment friction. "Higher frequency means less friction in the
 * deployment process" (the guide, "How to Measure Success"). Deploying on most days (elite) or every week (high) is
 * red: deploying is routine. Monthly but not weekly (medium) is yellow: releases are batched
 * ("some manual steps remain"). Less than monthly (low) is green: each deployment is an event
 * ("multiple team approvals").
 */
export const frictionFromDeploymentFrequency: Readonly<
  Record<DoraBand, Colour>
> = {
  elite: 'red',
  high: 'red',
  medium: 'yellow',
  low: 'green',
};

/** Green is the most friction (the table's "ready" answer), red the least. */
const frictionRank: Record<Colour, number> = { red: 0, yellow: 1, green: 2 };

function moreFriction(a: Colour, b: Colour): Colour {
  return frictionRank[a] >= frictionRank[b] ? a : b;
}

const DAY_MS = 86_400_000;

/** `the 90 days before 2025-06-01, group:default/payments-team` (or `the whole organisation`). */
export function describeDeliveryScope(scope: DeliveryScope): string {
  const days = Math.round(
    (Date.parse(scope.to) - Date.parse(scope.from)) / DAY_MS,
  );
  return `the ${days} days before ${scope.to.slice(0, 10)}, ${
    scope.groupRef ?? 'the whole organisation'
  }`;
}

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

function duration(hours: number): string {
  return hours < 24
    ? `${oneDecimal(hours)} hours`
    : `${oneDecimal(hours / 24)} days`;
}

/**
 * Deployment friction from DORA: the lead time band and the deployment frequency band each
 * give a colour ({@link frictionFromLeadTime}, {@link frictionFromDeploymentFrequency}) and
 * the proposal is the one with more friction. Without a traced change, the frequency alone
 * decides. No proposal without production deployments.
 */
export function proposeDeploymentFriction(
  dora: DoraDelivery,
  scope: DeliveryScope,
): EvidenceProposal {
  const where = `Insights, ${describeDeliveryScope(scope)}`;
  if (dora.deployments === 0) {
    return unavailableProposal(
      'deploymentFriction',
      `${where}: no production deployments recorded.`,
    );
  }
  const readings: Array<{ colour: Colour; text: string }> = [];
  if (dora.leadTime !== null && dora.leadTimeMedianHours !== null) {
    const colour = frictionFromLeadTime[dora.leadTime];
    readings.push({
      colour,
      text: `median lead time for changes ${duration(
        dora.leadTimeMedianHours,
      )} (DORA ${dora.leadTime} → ${colour})`,
    });
  }
  if (dora.deploymentFrequency !== null) {
    const colour = frictionFromDeploymentFrequency[dora.deploymentFrequency];
    const measured =
      dora.medianDeployDaysPerWeek === null
        ? 'deployment frequency'
        : `a median of ${oneDecimal(
            dora.medianDeployDaysPerWeek,
          )} deploy days a week`;
    readings.push({
      colour,
      text: `${measured} (DORA ${dora.deploymentFrequency} → ${colour})`,
    });
  }
  if (readings.length === 0) {
    return unavailableProposal(
      'deploymentFriction',
      `${where}: ${dora.deployments} production deployments, but neither a lead time nor a deployment frequency band.`,
    );
  }
  const colour = readings.map(r => r.colour).reduce(moreFriction);
  let rule = 'the one with more friction';
  if (readings.length === 1) {
    rule =
      dora.deploymentFrequency === null
        ? 'no deployment frequency band, so the lead time alone'
        : 'no change traced to a deployment, so the frequency alone';
  }
  return {
    factor: 'deploymentFriction',
    available: true,
    colour,
    value: null,
    source: `${where}: ${dora.deployments} production deployments; ${readings
      .map(r => r.text)
      .join('; ')}; ${rule}.`,
  };
}

/** Hours → days, one decimal, half up: the number the form shows and the colour follows. */
export function onboardingDaysFromHours(hours: number): number {
  return Math.round((hours * 10) / 24) / 10;
}

/**
 * Onboarding time from the median time a service created from a golden path takes to reach
 * its first production deployment: a proxy, since it times a new service, not a new developer
 * (the guide counts both: "How long new developers or services take to ship code to
 * production", the guide's "How to Measure Success"). Hours become days with one decimal, and the day thresholds pick the
 * colour of that number. No proposal when no service was created, none reached production, or
 * fewer than half did: the median of the few that made it would understate the wait.
 */
export function proposeOnboardingTime(
  first: FirstDeployments,
  scope: DeliveryScope,
): EvidenceProposal {
  const where = `Insights, ${describeDeliveryScope(scope)}`;
  if (first.created === 0) {
    return unavailableProposal(
      'onboardingTime',
      `${where}: no service was created from a golden path, so there is no time to a first deployment.`,
    );
  }
  if (first.deployed === 0 || first.medianHours === null) {
    return unavailableProposal(
      'onboardingTime',
      `${where}: none of the ${first.created} services created from a golden path has reached production yet.`,
    );
  }
  if (first.deployed * 2 < first.created) {
    return unavailableProposal(
      'onboardingTime',
      `${where}: only ${first.deployed} of the ${first.created} services created from a golden path have reached production; their median would understate the wait.`,
    );
  }
  const days = onboardingDaysFromHours(first.medianHours);
  return {
    factor: 'onboardingTime',
    available: true,
    colour: colourForOnboardingDays(days),
    value: days,
    source: `${where} (proxy): median ${oneDecimal(
      first.medianHours,
    )} hours, ${days.toFixed(
      1,
    )} days, from a golden path creating a service to its first production deployment, over ${
      first.deployed
    } of ${
      first.created
    } new services. It times a new service, not a new developer.`,
  };
}
