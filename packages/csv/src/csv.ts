/** What a CSV cell may hold; `null` and `undefined` are empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * A spreadsheet reads a cell starting with one of these as a formula (or, for tab and CR, as
 * the start of one once trimmed); OWASP's CSV injection guidance is to make it text with `'`.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Quoting is needed when the cell holds a separator, a quote or a line break (RFC 4180). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell. Numbers stay numbers (a negative figure is not a formula; non-finite ones are
 * left empty); text that starts like a formula is prefixed with `'`, then quoted when needed.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : '';
  }
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the header being the first) to CSV text, CRLF line ends, ending with a line break. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return rows.map(row => `${row.map(csvCell).join(',')}\r\n`).join('');
}
