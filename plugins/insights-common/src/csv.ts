/** One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(
  value: string | number | boolean | null | undefined,
): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text with CRLF line ends. */
export function toCsv(
  header: ReadonlyArray<string>,
  rows: ReadonlyArray<
    ReadonlyArray<string | number | boolean | null | undefined>
  >,
): string {
  const lines = [header, ...rows].map(r => r.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
