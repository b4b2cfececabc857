/**
 * Value delivered: the leaders' page holding the adopted business case against the actuals.
 *
 * @packageDocumentation
 */
export { valuePlugin as default } from './plugin';
export { valueApiRef } from './api';
export type { ValuePageApi } from './api';
