import { createApiRef } from '@backstage/frontend-plugin-api';
import type { RoiApi } from '@internal/plugin-roi-common';

export type { RoiApi } from '@internal/plugin-roi-common';

/** The ROI backend, through the client generated from its contract (roi-common RoiClient). */
export const roiApiRef = createApiRef<RoiApi>({ id: 'plugin.roi.api' });
