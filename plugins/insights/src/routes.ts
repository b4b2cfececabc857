import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The insights page, `/insights`. */
export const rootRouteRef = createRouteRef();
