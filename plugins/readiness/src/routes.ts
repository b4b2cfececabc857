import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The readiness page, `/readiness`. */
export const rootRouteRef = createRouteRef();
