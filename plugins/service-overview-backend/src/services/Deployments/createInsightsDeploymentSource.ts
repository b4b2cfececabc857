import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { DeploymentSource } from '../ServiceCatalog/types';

/** How far back the overview card looks for deployments. */
export const DEPLOYMENT_WINDOW_DAYS = 90;

type DoraAnswer = {
  deploymentFrequency?: { deployments?: number };
  weekly?: Array<{ weekStart: string; deployments: number }>;
};

/**
 * The latest deployment as the insights plugin knows it (`GET /api/insights/dora`). The
 * insights plugin is optional: any failure, timeout or unexpected answer means "unknown".
 */
export function createInsightsDeploymentSource(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  timeoutMs?: number;
  now?: () => Date;
}): DeploymentSource {
  return {
    async latest(entityRef, credentials) {
      const now = options.now?.() ?? new Date();
      const from = new Date(
        now.getTime() - DEPLOYMENT_WINDOW_DAYS * 86_400_000,
      );
      const base = await options.discovery.getBaseUrl('insights');
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'insights',
      });
      const params = new URLSearchParams({
        entityRef,
        from: from.toISOString(),
        to: now.toISOString(),
      });
      const res = await fetch(`${base}/dora?${params}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
      });
      if (!res.ok) return undefined;
      const body = (await res.json()) as DoraAnswer;
      const deployments = body.deploymentFrequency?.deployments;
      if (typeof deployments !== 'number') return undefined;
      const latestWeek = (body.weekly ?? [])
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
