/**
 * What the platform's Kubernetes workloads cost: resource quantities, the pricing of
 * requests and of a namespace's idle quota, days and quarters, the permission to collect now,
 * and the typed client of the costs backend.
 *
 * @packageDocumentation
 */
export * from './quantity';
export * from './pricing';
export * from './workloads';
export * from './period';
export * from './permissions';
export * from './client';
