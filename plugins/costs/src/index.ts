/**
 * Costs frontend: the organisation's Costs page, and the Costs tab of a service and of a team.
 *
 * @packageDocumentation
 */
export { costsPlugin as default } from './plugin';
export { costsApiRef } from './api';
