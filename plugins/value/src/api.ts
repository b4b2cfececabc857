import { createApiRef } from '@backstage/frontend-plugin-api';
import { RoiClient, RoiScenarioSummary } from '@internal/plugin-roi-common';
import {
  AdoptBaselineRequest,
  Baseline,
  QuarterReport,
  ScopeBaseline,
  ValueApi,
  ValueClient,
} from '@internal/plugin-value-common';

/** What the Value delivered page calls: the value backend, and the saved scenarios to adopt. */
export interface ValuePageApi extends ValueApi {
  /** The saved ROI scenarios the caller may read, latest first. */
  listScenarios(): Promise<RoiScenarioSummary[]>;
}

/** The value and ROI backends through the clients generated from their contracts. */
export class ValuePageClient implements ValuePageApi {
  private readonly value: ValueClient;
  private readonly roi: RoiClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi: { fetch: typeof fetch };
  }) {
    this.value = new ValueClient(options);
    this.roi = new RoiClient(options);
  }

  getBaseline(scope: string): Promise<ScopeBaseline> {
    return this.value.getBaseline(scope);
  }

  adoptBaseline(request: AdoptBaselineRequest): Promise<Baseline> {
    return this.value.adoptBaseline(request);
  }

  getReport(scope: string, quarter: number): Promise<QuarterReport> {
    return this.value.getReport(scope, quarter);
  }

  listScenarios(): Promise<RoiScenarioSummary[]> {
    return this.roi.listScenarios({ limit: 100 });
  }
}

export const valueApiRef = createApiRef<ValuePageApi>({
  id: 'plugin.value.api',
});
