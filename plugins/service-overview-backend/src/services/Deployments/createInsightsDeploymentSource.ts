import { InsightsService } from '@internal/plugin-insights-node';
import { DeploymentSource } from '../ServiceCatalog/types';

/** How far back the overview card looks for deployments. */
export const DEPLOYMENT_WINDOW_DAYS = 90;

/**
 * The latest deployment as the insights plugin knows it. The insights plugin is optional: a
 * failure, a timeout or an answer without deployments means "unknown".
 */
export function createInsightsDeploymentSource(options: {
  insights: InsightsService;
  timeoutMs?: number;
  now?: () => Date;
}): DeploymentSource {
  return {
    async latest(entityRef, credentials) {
      const now = options.now?.() ?? new Date();
      const from = new Date(
        now.getTime() - DEPLOYMENT_WINDOW_DAYS * 86_400_000,
      );
      const dora = await options.insights.getDora(
        { entityRef, from: from.toISOString(), to: now.toISOString() },
        { credentials, timeoutMs: options.timeoutMs ?? 2000 },
      );
      const deployments = dora.deploymentFrequency?.deployments;
      if (typeof deployments !== 'number') return undefined;
      const latestWeek = (dora.weekly ?? [])
        .filter(w => w.deployments > 0)
        .map(w => w.weekStart)
        .sort()
        .pop();
      return {
        deployments,
        windowDays: DEPLOYMENT_WINDOW_DAYS,
        ...(latestWeek ? { latestWeekStart: latestWeek } : {}),
      };
    },
  };
}
