import { LoggerService } from '@backstage/backend-plugin-api';
import { DoraWindows, MAX_WINDOW_DAYS } from '@internal/plugin-insights-common';
import { InsightsService } from '@internal/plugin-insights-node';
import {
  daysBetween,
  DoraMeasure,
  elapsed,
  Measured,
  Period,
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
 * Measurements through insights (lead time, time to restore and incidents over the windows,
 * for the scope's group or the whole organisation, in one request), the survey's time share and the infrastructure costs; a source that fails
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

  const noDay = {
    ok: false as const,
    reason: 'The quarter has no day measured yet',
  };

  /**
   * Insights' figures over `windows` (changes, lead time, incidents and time to restore) and
   * the incidents alone over `span`, in one request: one statement in insights instead of a
   * DORA summary per window. A span longer than insights answers for is asked in parts whose
   * incidents add up (its medians are not asked: they do not add up).
   */
  async function dora(
    scope: string,
    windows: Period[],
    span: Period | undefined,
    request: MeasurementOptions,
  ): Promise<{
    windows: Measured<DoraMeasure>[];
    span: Measured<DoraMeasure> | undefined;
  }> {
    const iso = (date: string) => new Date(date).toISOString();
    const measured = windows.filter(w => daysBetween(w.from, w.to) > 0);
    const spanParts =
      span && daysBetween(span.from, span.to) > 0
        ? splitWindow(span.from, span.to)
        : [];
    if (measured.length === 0 && spanParts.length === 0) {
      return { windows: windows.map(() => noDay), span: span && noDay };
    }
    let answer: DoraWindows;
    try {
      answer = await insights.getDoraWindows(
        {
          group: scopeGroup(scope),
          windows: measured.map(w => ({ from: iso(w.from), to: iso(w.to) })),
          incidentWindows: spanParts.map(([from, to]) => ({ from, to })),
        },
        { credentials: request.credentials, timeoutMs: 10_000 },
      );
    } catch (error) {
      const reason = failed('Insights', error);
      return { windows: windows.map(() => reason), span: span && reason };
    }
    const repositories = answer.scope.repositories;
    const spanAnswers = answer.windows.slice(measured.length);
    let next = 0;
    return {
      windows: windows.map(w => {
        if (daysBetween(w.from, w.to) <= 0) return noDay;
        const figures = answer.windows[next++];
        return {
          ok: true,
          value: {
            repositories,
            incidentsRestored: figures.incidentsRestored,
            changes: figures.changes,
            medianLeadTimeHours: figures.medianLeadTimeHours,
            medianTimeToRestoreHours: figures.medianTimeToRestoreHours,
          },
        };
      }),
      span:
        span &&
        (spanParts.length === 0
          ? noDay
          : {
              ok: true,
              value: {
                repositories,
                incidentsRestored: spanAnswers.reduce(
                  (sum, part) => sum + part.incidentsRestored,
                  0,
                ),
                changes: null,
                medianLeadTimeHours: null,
                medianTimeToRestoreHours: null,
              },
            }),
    };
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
        delivery,
        timeShareBefore,
        timeShareQuarters,
        costBefore,
        costQuarters,
      ] = await Promise.all([
        dora(
          scope,
          [before, { from: quarter.from, to: until }],
          // in the first quarter, since the start is the quarter itself
          index === 1 ? undefined : { from: startDate, to: until },
          request,
        ),
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
      const [doraBefore, doraQuarter] = delivery.windows;
      return {
        doraBefore,
        doraQuarter,
        doraSinceStart: delivery.span ?? doraQuarter,
        timeShareBefore,
        timeShareQuarters,
        costBefore,
        costQuarters,
      };
    },
  };
}
