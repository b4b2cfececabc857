/** The window of a DORA summary: a scope's repositories over `[from, to)`. */
export type DoraWindow = {
  repositories: string[];
  from: Date;
  to: Date;
  /** The window's whole weeks and months, with their ends. */
  weeks: Date[];
  weekEnds: Date[];
  months: Date[];
  monthEnds: Date[];
};

/**
 * Which rows a summary reads. On the counts path, the whole days and whole weeks inside the
 * window come from the counts tables, less the other repositories' rows; the rest of the window
 * (its first and last partial day or week) is read row by row for the scope's repositories.
 * Off it, both counted ranges are empty and every row of the window is read for the scope.
 */
export type DoraReading = {
  countsPath: boolean;
  /** Whole UTC days read from the day counts: [dayFrom, dayTo). */
  dayFrom: Date;
  dayTo: Date;
  /** Whole weeks read from the lead-time counts: [weekFrom, weekTo). */
  weekFrom: Date;
  weekTo: Date;
};

/** Counted deployments and failed deployments over the window, and per whole week. */
export type DoraDeliveries = {
  deployments: number;
  failedDeployments: number;
  /** Median of the deploy-days per whole week and per whole month; null without any. */
  weekMedian: number | null;
  monthMedian: number | null;
  /** One row per whole week; `ws` is its start (as JSON text). */
  weekly: Array<{
    ws: string;
    deployments: number;
    days: number;
    failed: number;
  }>;
};

/** Lead times for changes over the window (median, p90) and per whole week (median). */
export type DoraLeadTimes = {
  window: {
    changes: number;
    medianHours: number | null;
    p90Hours: number | null;
  };
  weekly: Array<{ ws: Date; changes: number; median: number | null }>;
};

/** Time to restore over incidents closed in the window, and per week they were closed in. */
export type DoraRestores = {
  window: { incidents: number; medianHours: number | null };
  weekly: Array<{ ws: Date; incidents: string; median: number | null }>;
};

/**
 * One window of `DoraStore.measures`, with the whole weeks `[weekFrom, weekTo)` it reads from
 * the week counts and the whole UTC days `[dayFrom, dayTo)` around them from the day counts
 * (both empty, at `to`, off the counts path).
 */
export type DoraMeasureWindow = {
  from: Date;
  to: Date;
  dayFrom: Date;
  dayTo: Date;
  weekFrom: Date;
  weekTo: Date;
  /** False: the window's incidents only (its changes and median lead time are not read). */
  leadTimes: boolean;
};

/** What `DoraStore.measures` answers per window: counts and medians, no weekly series. */
export type DoraWindowMeasure = {
  /** Null for a window asked without lead times. */
  changes: number | null;
  medianLeadTimeHours: number | null;
  incidentsRestored: number;
  medianTimeToRestoreHours: number | null;
};

/** The DORA reads of the delivery tables and of the counts migration 20261125 keeps. */
export interface DoraStore {
  /**
   * How many repositories with counted deployments are not among `repositories` (a loose
   * index scan, one probe per repository): what picks the counts path.
   */
  otherRepositoriesWithDeployments(repositories: string[]): Promise<number>;
  /** Deployments and failed deployments, read as `reading` says. */
  deliveries(window: DoraWindow, reading: DoraReading): Promise<DoraDeliveries>;
  /** Lead times, exact (as `percentile_cont`), read as `reading` says. */
  leadTimes(window: DoraWindow, reading: DoraReading): Promise<DoraLeadTimes>;
  /** Times to restore, exact (as `percentile_cont`), read as `reading` says. */
  restores(window: DoraWindow, reading: DoraReading): Promise<DoraRestores>;
  /**
   * For each window, in one statement: the changes and their median lead time (as `leadTimes`
   * gives the window's), the incidents restored and their median time to restore (as
   * `restores` does), and nothing else. What a report over a few windows needs (the value
   * plugin's before, quarter and since the start) without a summary's weekly series.
   */
  measures(
    repositories: string[],
    windows: DoraMeasureWindow[],
    countsPath: boolean,
  ): Promise<DoraWindowMeasure[]>;
  /**
   * Folds the counts' appended deltas into one row per key, so the summaries that read them
   * sum few rows. Safe alongside writers and another fold.
   */
  foldCounts(): Promise<void>;
}
