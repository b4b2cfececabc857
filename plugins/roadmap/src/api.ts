import { createApiRef } from '@backstage/frontend-plugin-api';
import type { RoadmapApi } from '@internal/plugin-roadmap-common';

export type { RoadmapApi } from '@internal/plugin-roadmap-common';

/** The roadmap backend through the client generated from its contract. */
export const roadmapApiRef = createApiRef<RoadmapApi>({
  id: 'plugin.roadmap.api',
});
