/**
 * Value delivered: a saved ROI scenario adopted as a scope's baseline, and the pure formulas
 * that hold its expected figures against what was measured, quarter by quarter.
 *
 * @packageDocumentation
 */
export * from './periods';
export * from './surveyQuarters';
export * from './scope';
export * from './expected';
export * from './actuals';
export * from './api';
export * from './report';
export * from './requests';
export * from './permissions';
export * from './client';
