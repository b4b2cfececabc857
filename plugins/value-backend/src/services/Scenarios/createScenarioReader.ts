import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { RoiClient, RoiScenario } from '@internal/plugin-roi-common';

/** Saved ROI scenarios, read with the caller's permissions. */
export interface ScenarioReader {
  /** Throws the ROI backend's refusal (404 when the caller may not read it or it is gone). */
  read(
    id: string,
    options: { credentials: BackstageCredentials },
  ): Promise<RoiScenario>;
}

/**
 * The ROI backend through the client generated from its contract (in roi-common), called with
 * a plugin-to-plugin token issued on behalf of the caller: a scenario is adopted only by
 * someone who may read it.
 */
export function createScenarioReader(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): ScenarioReader {
  const { discovery, auth } = options;
  return {
    async read(id, { credentials }) {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'roi',
      });
      const roi = new RoiClient({
        discoveryApi: discovery,
        fetchApi: {
          fetch: (input, init) =>
            fetch(input, {
              ...init,
              headers: {
                ...(init?.headers as Record<string, string>),
                Authorization: `Bearer ${token}`,
              },
              signal: AbortSignal.timeout(10_000),
            }),
        },
      });
      return roi.getScenario(id);
    },
  };
}
