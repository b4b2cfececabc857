/**
 * Service overview: the services page, catalog hygiene, the entity overview card and the
 * repositories not in the catalog yet.
 *
 * @packageDocumentation
 */
import { serviceOverviewPlugin } from './plugin';

export { serviceOverviewApiRef } from './api';
export type { ServiceOverviewApi } from './api';
export default serviceOverviewPlugin;
