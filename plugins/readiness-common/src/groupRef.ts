/**
 * Group references as the readiness routes take them: `payments-team`, `group:payments-team`
 * or `group:default/payments-team`, in any case. The name and namespace follow the catalog's
 * rules (letters, digits, `-_.`, at most 63), so NUL, control characters, spaces and extra
 * separators are refused before a reference reaches the catalog or PostgreSQL.
 */

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?';
const GROUP_REF = new RegExp(
  `^(?:(?<kind>[A-Za-z]+):)?(?:(?<namespace>${NAME})/)?(?<name>${NAME})$`,
);

export const GROUP_REF_ERROR =
  'must be a group entity reference such as group:default/payments-team';

/**
 * The reference in one spelling, `group:<namespace>/<name>` in lower case, or why the value
 * is not a Group reference.
 */
export function readGroupRef(
  value: string,
): { ref: string } | { error: string } {
  const match = GROUP_REF.exec(value.trim());
  if (!match?.groups) return { error: GROUP_REF_ERROR };
  const { kind, namespace, name } = match.groups;
  if (kind !== undefined && kind.toLocaleLowerCase('en-US') !== 'group') {
    return {
      error: `a ${kind.toLocaleLowerCase(
        'en-US',
      )} is not a Group reference; ${GROUP_REF_ERROR}`,
    };
  }
  return {
    ref: `group:${namespace ?? 'default'}/${name}`.toLocaleLowerCase('en-US'),
  };
}

/** {@link readGroupRef}'s reference, or undefined when the value is not one. */
export function normalizeGroupRef(value: string): string | undefined {
  const read = readGroupRef(value);
  return 'ref' in read ? read.ref : undefined;
}

// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Free text (a note, an evidence line) PostgreSQL stores as given: no NUL or other control
 * characters but tabs and line breaks, no unpaired surrogates (which would be stored as U+FFFD).
 */
export function isStorableText(value: string): boolean {
  return !CONTROL_BUT_LINES.test(value) && !LONE_SURROGATE.test(value);
}

export const STORABLE_TEXT_ERROR =
  'must not contain control characters (such as NUL) or unpaired surrogates';
