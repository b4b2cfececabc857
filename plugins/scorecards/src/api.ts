import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ScorecardsApi } from '@internal/plugin-scorecards-common';

export type { ScorecardsApi } from '@internal/plugin-scorecards-common';

/** The scorecards backend through the client generated from its contract. */
export const scorecardsApiRef = createApiRef<ScorecardsApi>({
  id: 'plugin.scorecards.api',
});
