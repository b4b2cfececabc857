import { LoggerService } from '@backstage/backend-plugin-api';
import { DoraSummary, MAX_WINDOW_DAYS } from '@internal/plugin-insights-common';
import { InsightsService } from '@internal/plugin-insights-node';
import {
  daysBetween,
  DoraMeasure,
  elapsed,
  Measured,
  periodBefore,
  quarterAfter,
  scopeGroup,
} from '@internal/plugin-value-common';
import {
  InfrastructureCostSource,
  MeasurementOptions,
  MeasurementService,
  TimeShareSource,
} from './types';

/** Insights is asked for at most this long a window (its limit is two years). */
const WINDOW_DAYS = Math.min(MAX_WINDOW_DAYS, 720);

const toDoraMeasure = (summary: DoraSummary): DoraMeasure => ({
  repositories: summary.scope.repositories,
  incidentsRestored: summary.timeToRestore.incidents,
  changes: summary.leadTimeForChanges.changes,
  medianLeadTimeHours: summary.leadTimeForChanges.medianHours,
  medianTimeToRestoreHours: summary.timeToRestore.medianHours,
});

/** Windows of at most WINDOW_DAYS days that together make `[from, to)`. */
export function splitWindow(from: string, to: string): [string, string][] {
  const windows: [string, string][] = [];
  let start = Date.parse(from);
  const end = Date.parse(to);
  while (start < end) {
    const next = Math.min(end, start + WINDOW_DAYS * 86_400_000);
    windows.push([new Date(start).toISOString(), new Date(next).toISOString()]);
    start = next;
  }
  return windows;
}

/**
 * Measurements through insights (DORA over each window, for the scope's group or the whole
 * organisation), the survey's time share and the infrastructure costs; a source that fails
 * becomes the reason its lines show no number, not a failed report.
 */
export function createMeasurementService(options: {
  insights: InsightsService;
  timeShare: TimeShareSource;
  costs: InfrastructureCostSource;
  logger: LoggerService;
}): MeasurementService {
  const { insights, timeShare, costs, logger } = options;

  const failed = (what: string, error: unknown) => {
    logger.warn(`Value: ${what} could not be read`, {
      error: error instanceof Error ? error.message : String(error),
    });
    return {
      ok: false as const,
      reason: `${what} did not answer: ${
        error instanceof Error ? error.message : String(error)
      }`,
    };
  };

  async function dora(
    scope: string,
    from: string,
    to: string,
    request: MeasurementOptions,
  ): Promise<Measured<DoraMeasure>> {
    if (daysBetween(from, to) <= 0) {
      return { ok: false, reason: 'The quarter has no day measured yet' };
    }
    try {
      // a long span is asked in parts; counts add up, the repositories are the most seen
      const parts = await Promise.all(
        splitWindow(from, to).map(([f, t]) =>
          insights.getDora(
            { group: scopeGroup(scope), from: f, to: t },
            { credentials: request.credentials, timeoutMs: 10_000 },
          ),
        ),
      );
      const measures = parts.map(toDoraMeasure);
      if (measures.length === 1) return { ok: true, value: measures[0] };
      return {
        ok: true,
        value: {
          repositories: Math.max(...measures.map(x => x.repositories)),
          incidentsRestored: measures.reduce(
            (s, x) => s + x.incidentsRestored,
            0,
          ),
          changes: measures.reduce((s, x) => s + x.changes, 0),
          // medians do not add up over parts: only the incident count is asked of a long span
          medianLeadTimeHours: null,
          medianTimeToRestoreHours: null,
        },
      };
    } catch (error) {
      return failed('Insights', error);
    }
  }

  const safely = async <T>(
    what: string,
    read: () => Promise<Measured<T>>,
  ): Promise<Measured<T>> => {
    try {
      return await read();
    } catch (error) {
      return failed(what, error);
    }
  };

  return {
    async measure(baseline, index, now, request) {
      const { scope, startDate } = baseline;
      const before = periodBefore(startDate);
      const quarter = quarterAfter(startDate, index);
      const until = elapsed(quarter, now).until;
      const quarters = Array.from({ length: index }, (_, i) => {
        const q = quarterAfter(startDate, i + 1);
        return { from: q.from, to: elapsed(q, now).until };
      });
      const [
        doraBefore,
        doraQuarter,
        doraSinceStart,
        timeShareBefore,
        timeShareQuarters,
        costBefore,
        costQuarters,
      ] = await Promise.all([
        dora(scope, before.from, before.to, request),
        dora(scope, quarter.from, until, request),
        index === 1 ? undefined : dora(scope, startDate, until, request),
        safely('The survey', () =>
          timeShare.share({ scope, ...before }, request),
        ),
        Promise.all(
          quarters.map(q =>
            safely('The survey', () =>
              timeShare.share({ scope, ...q }, request),
            ),
          ),
        ),
        safely('Costs', () => costs.cost({ scope, ...before }, request)),
        Promise.all(
          quarters.map(q =>
            safely('Costs', () => costs.cost({ scope, ...q }, request)),
          ),
        ),
      ]);
      return {
        doraBefore,
        doraQuarter,
        // in the first quarter, since the start is the quarter itself
        doraSinceStart: doraSinceStart ?? doraQuarter,
        timeShareBefore,
        timeShareQuarters,
        costBefore,
        costQuarters,
      };
    },
  };
}
