import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The calculator page, `/roi`. */
export const rootRouteRef = createRouteRef();
