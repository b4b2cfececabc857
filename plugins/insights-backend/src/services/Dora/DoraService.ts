import {
  changeFailureRate,
  changeFailureRateCategory,
  deploymentFrequencyCategory,
  deploymentsPerWeek,
  DoraSummary,
  DoraThresholds,
  leadTimeCategory,
  timeToRestoreCategory,
  wholeMonths,
  wholeWeeks,
  windowDays,
} from '@internal/plugin-insights-common';
import {
  DoraReading,
  DoraStore,
  DoraWindow,
  DoraWindowMeasure,
} from '../../database/DoraStore';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * From this many repositories on, a scope is worth checking for the counts path: below it,
 * reading the scope's own rows is already cheap (see `DoraService.reading`).
 */
const COUNTS_FROM_REPOSITORIES = 20;

const num = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

/** The whole UTC days of `[from, to)`, or an empty range at `to` when it holds none. */
function wholeDays(from: Date, to: Date): { dayFrom: Date; dayTo: Date } {
  const dayFrom = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
  const dayTo = new Date(Math.floor(to.getTime() / DAY_MS) * DAY_MS);
  return dayFrom < dayTo ? { dayFrom, dayTo } : { dayFrom: to, dayTo: to };
}

/** The whole weeks of `[from, to)` as one range, or an empty range at `to`. */
function wholeWeekRange(
  from: Date,
  to: Date,
): { weekFrom: Date; weekTo: Date } {
  const weeks = wholeWeeks(from, to);
  return weeks.length > 0
    ? {
        weekFrom: weeks[0],
        weekTo: new Date(weeks[weeks.length - 1].getTime() + WEEK_MS),
      }
    : { weekFrom: to, weekTo: to };
}

/** A week's start as a map key: SQL answers give it as a Date or as JSON text. */
const weekKey = (ws: string | Date) => new Date(ws).getTime();

/** A week's row of the SQL answers, keyed by its start. */
const byWeek = <T extends { ws: string | Date }>(rows: T[]) =>
  new Map(rows.map(row => [weekKey(row.ws), row]));

/**
 * DORA metrics over `[from, to)` for a set of repositories, their figures computed in
 * PostgreSQL by the store. See docs/plugins/insights.md for the definitions.
 *
 * After a probe that picks the path, three independent reads run at once, each on its own
 * connection: deployments with their failures, lead times (window and weeks), restores. A scope
 * covering most repositories (the organisation) reads the counts that migration 20261125 keeps,
 * less the repositories it leaves out, instead of every row: see
 * docs/decisions/insights-dora-counts.md.
 */
export class DoraService {
  private readonly countsFromRepositories: number;

  constructor(
    private readonly store: DoraStore,
    private readonly thresholds: DoraThresholds,
    /** Tests lower the scope size from which the counts path is considered. */
    options: { countsFromRepositories?: number } = {},
  ) {
    this.countsFromRepositories =
      options.countsFromRepositories ?? COUNTS_FROM_REPOSITORIES;
  }

  async summary(input: {
    repositories: string[];
    from: Date;
    to: Date;
    scope: DoraSummary['scope'];
  }): Promise<DoraSummary> {
    const { from, to } = input;
    const weeks = wholeWeeks(from, to);
    const months = wholeMonths(from, to);
    const w: DoraWindow = {
      repositories: input.repositories,
      from,
      to,
      weeks,
      weekEnds: weeks.map(ws => new Date(ws.getTime() + WEEK_MS)),
      months,
      monthEnds: months.map(
        m => new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1)),
      ),
    };
    const reading = await this.reading(w);
    const [deliveries, lead, restores] = await Promise.all([
      this.store.deliveries(w, reading),
      this.store.leadTimes(w, reading),
      this.store.restores(w, reading),
    ]);

    const { deployments, failedDeployments, weekMedian, monthMedian } =
      deliveries;
    const rate = changeFailureRate(failedDeployments, deployments);
    const days = windowDays(from, to);
    const perWeek = deploymentsPerWeek(deployments, days);
    const leadByWeek = byWeek(lead.weekly);
    const restoresByWeek = byWeek(restores.weekly);
    return {
      scope: input.scope,
      window: {
        from: from.toISOString(),
        to: to.toISOString(),
        days,
        weeks: weeks.length,
        months: months.length,
      },
      deploymentFrequency: {
        deployments,
        deploymentsPerWeek: perWeek,
        medianDeployDaysPerWeek: weekMedian,
        medianDeployDaysPerMonth: monthMedian,
        category: deploymentFrequencyCategory(
          {
            deploymentsPerWeek: perWeek,
            medianDeployDaysPerWeek: weekMedian,
            medianDeployDaysPerMonth: monthMedian,
          },
          this.thresholds,
        ),
      },
      leadTimeForChanges: {
        ...lead.window,
        category: leadTimeCategory(lead.window.medianHours, this.thresholds),
      },
      changeFailureRate: {
        deployments,
        failedDeployments,
        rate,
        category: changeFailureRateCategory(rate, this.thresholds),
      },
      timeToRestore: {
        ...restores.window,
        category: timeToRestoreCategory(
          restores.window.medianHours,
          this.thresholds,
        ),
      },
      weekly: deliveries.weekly.map(week => {
        const key = weekKey(week.ws);
        const weekLead = leadByWeek.get(key);
        const restored = restoresByWeek.get(key);
        return {
          weekStart: new Date(key).toISOString(),
          deployments: week.deployments,
          deployDays: week.days,
          changes: weekLead?.changes ?? 0,
          medianLeadTimeHours: weekLead?.median ?? null,
          failedDeployments: week.failed,
          changeFailureRate: changeFailureRate(week.failed, week.deployments),
          incidentsRestored: restored ? Number(restored.incidents) : 0,
          medianTimeToRestoreHours: num(restored?.median),
        };
      }),
    };
  }

  /**
   * The figures a report over a few windows reads (changes and their median lead time,
   * incidents restored and their median time to restore), equal to the same fields of
   * `summary` over each window, in one statement instead of a summary (three reads and the
   * weekly series) per window. The path is picked once, for the scope, as `summary` picks it.
   */
  async measures(input: {
    repositories: string[];
    /** `leadTimes: false`: the window's incidents only (changes and lead time null). */
    windows: { from: Date; to: Date; leadTimes?: boolean }[];
  }): Promise<Array<{ from: Date; to: Date } & DoraWindowMeasure>> {
    const countsPath = await this.countsPath(input.repositories);
    const windows = input.windows.map(({ from, to, leadTimes }) => ({
      from,
      to,
      leadTimes: leadTimes ?? true,
      ...(countsPath
        ? { ...wholeDays(from, to), ...wholeWeekRange(from, to) }
        : { dayFrom: to, dayTo: to, weekFrom: to, weekTo: to }),
    }));
    const measured = await this.store.measures(
      input.repositories,
      windows,
      countsPath,
    );
    return input.windows.map(({ from, to }, i) => ({
      from,
      to,
      ...measured[i],
    }));
  }

  /**
   * The counts path pays for the rows of the repositories a scope leaves out, the direct path
   * for the scope's own: take the counts when the scope names more repositories than it
   * leaves out of those with deployments.
   */
  private async countsPath(repositories: string[]): Promise<boolean> {
    if (repositories.length < this.countsFromRepositories) return false;
    const others = await this.store.otherRepositoriesWithDeployments(
      repositories,
    );
    return others < repositories.length;
  }

  /**
   * The counts path pays for the rows of the repositories a scope leaves out, the direct path
   * for the scope's own: take the counts when the scope names more repositories than it
   * leaves out of those with deployments. (Each query finds the others again in its own
   * snapshot; this count only picks the path.)
   */
  private async reading(w: DoraWindow): Promise<DoraReading> {
    const direct: DoraReading = {
      countsPath: false,
      dayFrom: w.to,
      dayTo: w.to,
      weekFrom: w.to,
      weekTo: w.to,
    };
    if (!(await this.countsPath(w.repositories))) return direct;

    const days = wholeDays(w.from, w.to);
    const weeks =
      w.weeks.length > 0
        ? { weekFrom: w.weeks[0], weekTo: w.weekEnds[w.weekEnds.length - 1] }
        : { weekFrom: w.to, weekTo: w.to };
    return { countsPath: true, ...days, ...weeks };
  }
}
