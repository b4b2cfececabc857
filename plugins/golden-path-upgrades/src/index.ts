/**
 * Golden path upgrades: the Golden paths page (every template and version, the services on
 * it, their upgrades, deprecations and opt-outs) and the card of a component made from a
 * golden path (its version, the changelog it is behind, its upgrade, "Prepare upgrade now").
 *
 * @packageDocumentation
 */
import { goldenPathUpgradesPlugin } from './plugin';

export { goldenPathUpgradesApiRef } from './api';
export type { GoldenPathUpgradesApi } from './api';
export default goldenPathUpgradesPlugin;
