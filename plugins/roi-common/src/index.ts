/**
 * The ROI model of Platform Engineering ("What are the ROI elements of Platform
 * Engineering?", WeScale): pure functions shared by the calculator page and its backend.
 *
 * @packageDocumentation
 */
export * from './model/currencies';
export * from './model/inputs';
export * from './model/money';
export * from './model/calculate';
export * from './model/helpers';
export * from './model/presets';
export * from './model/productivity';
export * from './model/diff';
export * from './model/csv';
export * from './permissions';
export * from './scenarios';
export * from './scenarioCursor';
export * from './text';
export * from './seedExample';
export * from './requests';
export * from './client';
