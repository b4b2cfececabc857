import { expect, Locator, Page } from '@playwright/test';
import {
  demoHistory,
  doraTruth,
  DoraTruth,
  loadSampleOrganization,
} from '@internal/github-stand-in';
import {
  loadDemoWorkloads,
  workloadObjects,
} from '@internal/kubernetes-stand-in';

const DAY_MS = 86_400_000;

/**
 * What the demo organisation's pages must show, worked out from the demo's own generator: the
 * GitHub stand-in of `./portal start --demo` generates its history from the fixture's seed,
 * the sample catalog and the day it starts, for the days of `DEMO_HISTORY_DAYS` (the fixture's
 * year without it); generating it again here with the same inputs gives the same records.
 * The portal must show what the records say: these journeys run against a demo without its
 * live trickle (`DEMO_TRICKLE_SECONDS=0`), whose events would move the figures.
 */
export function demoOrganization(now: Date = new Date()) {
  const days = process.env.DEMO_HISTORY_DAYS;
  const sample = loadSampleOrganization();
  const { history, repositories, spec } = demoHistory(
    sample.organization,
    sample.catalogFolder,
    { end: now, ...(days ? { overrides: { days: Number(days) } } : {}) },
  );
  const catalogued = repositories
    .filter(r =>
      Boolean(
        sample.organization.repository(r.name)?.files?.['catalog-info.yaml'],
      ),
    )
    .map(r => r.name);
  const quarter = quarterToRead(history, now);
  return {
    history,
    quarter,
    /** Repositories with a catalog-info.yaml: the catalog's components. */
    catalogued,
    /** Repositories the generator made without one, with the team working in them. */
    uncatalogued: Object.entries(spec.uncatalogued ?? {}),
    /** DORA over that quarter, for the organisation or one team's repositories. */
    dora(team?: string): DoraTruth {
      const scope = team
        ? repositories
            .filter(r => r.team === team && catalogued.includes(r.name))
            .map(r => r.name)
        : catalogued;
      return doraTruth(history, scope, quarter);
    },
    /**
     * The newest workflow run (a deploy or CI) of a repository, of those of the last 30 days
     * the stand-in lists as runs.
     */
    newestRun(repository: string) {
      const since = Date.parse(history.to) - 30 * DAY_MS;
      return history.workflowRuns
        .filter(
          r => r.repository === repository && Date.parse(r.createdAt) >= since,
        )
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    },
    /** The last commit of a repository's default branch (its last push). */
    lastPush(repository: string) {
      const commits = history.commits[repository] ?? [];
      return commits[commits.length - 1]?.authoredAt;
    },
    /** The pods the demo cluster runs for a service, by its `backstage.io/kubernetes-id`. */
    pods(kubernetesId: string): DemoPod[] {
      const { workloads } = loadDemoWorkloads();
      return workloadObjects(workloads, now).filter(
        o =>
          o.kind === 'Pod' &&
          o.metadata.labels['backstage.io/kubernetes-id'] === kubernetesId,
      );
    },
  };
}

type DemoPod = {
  metadata: { name: string };
  status: {
    phase: string;
    containerStatuses?: Array<{
      restartCount: number;
      state: { waiting?: { reason: string } };
    }>;
  };
};

/**
 * The quarter (UTC) the leader reads, as `[from, to)`: the running one, or the one before
 * while fewer than 14 days of the history fall in the running one (its first days; a short
 * history, as in CI, may then lie mostly in the quarter before).
 */
function quarterToRead(history: { from: string; to: string }, now: Date) {
  const quarters = [0, 1].map(back => {
    const q = Math.floor(now.getUTCMonth() / 3) - back;
    const from = new Date(Date.UTC(now.getUTCFullYear(), q * 3, 1));
    const to = new Date(Date.UTC(now.getUTCFullYear(), q * 3 + 3, 1));
    const id = `${from.getUTCFullYear()}-Q${from.getUTCMonth() / 3 + 1}`;
    return { id, from, to, current: back === 0 };
  });
  const daysOfHistory = (q: { from: Date; to: Date }) =>
    (Math.min(q.to.getTime(), Date.parse(history.to)) -
      Math.max(q.from.getTime(), Date.parse(history.from))) /
    DAY_MS;
  return daysOfHistory(quarters[0]) >= 14 ? quarters[0] : quarters[1];
}

/** Hours as the Insights page prints them. */
function hours(value: number | null): string {
  if (value === null) return '—';
  if (value < 1) return `${Math.round(value * 60)} min`;
  if (value < 48) return `${value.toFixed(1)} h`;
  return `${(value / 24).toFixed(1)} days`;
}

const percent = (value: number | null) =>
  value === null ? '—' : `${(value * 100).toFixed(1)}%`;

const band = (value: string | null) =>
  value ? value[0].toUpperCase() + value.slice(1) : 'Not enough data';

/** Each of the four DORA cards shows the truth's figure, detail and band. */
export async function expectDora(page: Page | Locator, truth: DoraTruth) {
  const cards: Array<[string, string, string, string | null]> = [
    [
      'dora-deployment-frequency',
      `${truth.deploymentsPerWeek.toFixed(1)} / week`,
      `${
        truth.deployments
      } production deployments; median deploy-days per week ${
        truth.medianDeployDaysPerWeek ?? '—'
      }`,
      truth.deploymentFrequencyCategory,
    ],
    [
      'dora-lead-time',
      hours(truth.leadTimeMedianHours),
      `median of ${truth.changes} changes; p90 ${hours(
        truth.leadTimeP90Hours,
      )}`,
      truth.leadTimeCategory,
    ],
    [
      'dora-change-failure-rate',
      percent(truth.changeFailureRate),
      `${truth.failedDeployments} of ${truth.deployments} deployments led to an incident`,
      truth.changeFailureRateCategory,
    ],
    [
      'dora-time-to-restore',
      hours(truth.timeToRestoreMedianHours),
      `median of ${truth.incidentsRestored} incidents closed in the window`,
      truth.timeToRestoreCategory,
    ],
  ];
  for (const [testId, figure, detail, category] of cards) {
    const card = page.getByTestId(testId);
    await expect(card.locator('p').first()).toHaveText(figure);
    await expect(card).toContainText(detail);
    await expect(card.getByTestId('dora-band')).toHaveText(band(category));
  }
}
