import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { DoraCategory } from '@internal/plugin-insights-common';
import { InsightsService } from '@internal/plugin-insights-node';
import { DORA_BAND_RANK } from '@internal/plugin-scorecards-common';
import { FactRetriever } from './types';
import { FactRecord } from '../../database/ScorecardStore';

/** The window the DORA facts are measured over, as on the insights page's default. */
export const INSIGHTS_WINDOW_DAYS = 90;
/** Components asked for at once. */
const CONCURRENCY = 4;

function rank(category: DoraCategory | null): number | null {
  return category ? DORA_BAND_RANK[category] : null;
}

/**
 * The insights retriever: each component's DORA figures over the last 90 days, read through
 * the insights plugin's API (insights-node), never its tables. A component the insights plugin
 * cannot answer for keeps its earlier facts; the failure is logged.
 */
export function createInsightsRetriever(options: {
  insights: InsightsService;
  auth: AuthService;
  logger: LoggerService;
  now?: () => Date;
}): FactRetriever {
  const now = options.now ?? (() => new Date());
  return {
    source: 'insights',
    facts: [
      'insights.leadTimeHours',
      'insights.changeFailureRatePercent',
      'insights.deploymentsPerWeek',
      'insights.timeToRestoreHours',
      'insights.leadTimeBandRank',
      'insights.changeFailureRateBandRank',
    ],
    async collect(entities, signal) {
      const credentials = await options.auth.getOwnServiceCredentials();
      const to = now();
      const from = new Date(
        to.getTime() - INSIGHTS_WINDOW_DAYS * 24 * 3600 * 1000,
      );
      const components = entities.filter(
        e => e.kind.toLocaleLowerCase('en-US') === 'component',
      );
      const facts: FactRecord[] = [];
      let next = 0;
      const worker = async () => {
        while (next < components.length && !signal?.aborted) {
          const { entityRef } = components[next++];
          try {
            const dora = await options.insights.getDora(
              { entityRef, from: from.toISOString(), to: to.toISOString() },
              { credentials, timeoutMs: 30_000 },
            );
            const collectedAt = new Date().toISOString();
            const rate = dora.changeFailureRate.rate;
            const values: Record<string, number | null> = {
              'insights.leadTimeHours': dora.leadTimeForChanges.medianHours,
              'insights.changeFailureRatePercent':
                rate === null ? null : rate * 100,
              'insights.deploymentsPerWeek':
                dora.deploymentFrequency.deployments === 0 &&
                dora.scope.repositories === 0
                  ? null
                  : dora.deploymentFrequency.deploymentsPerWeek,
              'insights.timeToRestoreHours': dora.timeToRestore.medianHours,
              'insights.leadTimeBandRank': rank(
                dora.leadTimeForChanges.category,
              ),
              'insights.changeFailureRateBandRank': rank(
                dora.changeFailureRate.category,
              ),
            };
            for (const [factId, value] of Object.entries(values)) {
              facts.push({ entityRef, factId, value, collectedAt });
            }
          } catch (error) {
            options.logger.warn(
              'Scorecards could not read the DORA figures of a component',
              {
                entityRef,
                error: String(error),
              },
            );
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      return facts;
    },
  };
}
