import { createApiRef } from '@backstage/frontend-plugin-api';
import type { InsightsApi } from '@internal/plugin-insights-common';

export type {
  InsightsApi,
  InsightsDefinitions,
  InsightsScope,
  MySurveyAnswer,
} from '@internal/plugin-insights-common';

export const insightsApiRef = createApiRef<InsightsApi>({
  id: 'plugin.insights.api',
});
