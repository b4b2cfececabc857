/**
 * The costs backend: workloads of the portal's Kubernetes clusters priced per day and
 * attributed to services and teams.
 *
 * @packageDocumentation
 */
export { costsPlugin as default } from './plugin';
export { costsPlugin } from './plugin';
