/**
 * What free text may hold. PostgreSQL refuses NUL in text and lone UTF-16 surrogates in
 * jsonb (a scenario's version history), so both fail a save with a server error unless they
 * are refused first; other control characters have no place in a name either.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A one-line text: no control characters, no lone surrogates. */
export function isPlainLine(value: string): boolean {
  return !CONTROL.test(value) && !LONE_SURROGATE.test(value);
}

/** A text of several lines: tabs and line breaks allowed, other control characters not. */
export function isPlainText(value: string): boolean {
  return !CONTROL_BUT_LINES.test(value) && !LONE_SURROGATE.test(value);
}

export const PLAIN_TEXT_ERROR =
  'must not contain control characters (such as NUL) or unpaired surrogates';
