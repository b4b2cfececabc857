/**
 * The portal's one CSV writer: every export (the ROI business case, the readiness assessment,
 * the insights figures) goes through it, in the browser and on the backend alike.
 *
 * @packageDocumentation
 */
export { csvCell, toCsv } from './csv';
export type { CsvValue } from './csv';
