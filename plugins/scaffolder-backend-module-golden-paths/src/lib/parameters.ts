import { InputError } from '@backstage/errors';
import { dns1123LabelProblem } from './names';

/**
 * The rules of every golden-path parameter that reaches a generated file. The templates'
 * JSON schemas carry exactly these patterns (a test compares them), and `acme:validate-name`
 * checks them again on the server, whatever the template's schema says.
 *
 * Each pattern admits one line of plain text at most: no line breaks (a newline and `---` add
 * YAML documents), no NUL or other control and invisible formatting characters, no template
 * or expression syntax (`{`, `}`, `$`), no markup (`<`, `>`), no backquote or backslash.
 */
export const PARAMETER_PATTERNS = {
  name: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  description:
    '^[^\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff<>{}$`\\\\]{1,200}$',
  owner: '^group:[a-z0-9]+(-[a-z0-9]+)*/[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$',
  system: '^system:[a-z0-9]+(-[a-z0-9]+)*/[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$',
  repoUrl:
    '^github\\.com\\?owner=[A-Za-z0-9]+(-[A-Za-z0-9]+)*&repo=[A-Za-z0-9_-][A-Za-z0-9_.-]*$',
} as const;

/** Longest accepted value per parameter (entity refs: kind, namespace and name of 63 each). */
export const PARAMETER_MAX_LENGTHS = {
  name: 63,
  description: 200,
  owner: 140,
  system: 140,
  repoUrl: 160,
} as const;

/** The environments a golden path knows (its overlays and quotas). */
export const ENVIRONMENTS = ['dev', 'staging', 'production'] as const;

export type GoldenPathParameter = keyof typeof PARAMETER_PATTERNS;

const compiled = Object.fromEntries(
  Object.entries(PARAMETER_PATTERNS).map(([key, source]) => [
    key,
    new RegExp(source, 'u'),
  ]),
) as Record<GoldenPathParameter, RegExp>;

/** A value as the task log may show it: quoted, control characters escaped, cut short. */
export function printable(value: unknown): string {
  const text = JSON.stringify(String(value)).replace(
    /[\p{C}\u2028\u2029]/gu,
    c => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
  return text.length > 80 ? `${text.slice(0, 77)}…"` : text;
}

const DESCRIBED: Record<GoldenPathParameter, string> = {
  name: 'must consist of lower-case letters, digits and "-", and start and end with a letter or digit',
  description:
    'must be one line of text without control characters or any of < > { } $ ` \\',
  owner:
    'must be the entity reference of a Group, e.g. group:default/platform-team',
  system:
    'must be the entity reference of a System, e.g. system:default/developer-platform',
  repoUrl:
    'must be a GitHub repository as the repository picker writes it, e.g. github.com?owner=acme-retail&repo=orders-api',
};

/** Why `value` is not acceptable for `parameter`, or undefined when it is. */
export function parameterProblem(
  parameter: GoldenPathParameter,
  value: unknown,
): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (parameter === 'name') return dns1123LabelProblem(value);
  if (value.length > PARAMETER_MAX_LENGTHS[parameter]) {
    return `must be at most ${PARAMETER_MAX_LENGTHS[parameter]} characters, got ${value.length}`;
  }
  if (!compiled[parameter].test(value)) return DESCRIBED[parameter];
  return undefined;
}

/** Throws an InputError naming the parameter when `value` breaks its rule. */
export function checkParameter(
  parameter: GoldenPathParameter,
  value: unknown,
): void {
  const problem = parameterProblem(parameter, value);
  if (problem) {
    throw new InputError(`${parameter}: ${printable(value)} ${problem}`);
  }
}

/** Throws an InputError unless every environment is one the golden paths know. */
export function checkEnvironments(environments: unknown[]): void {
  for (const environment of environments) {
    if (!(ENVIRONMENTS as readonly unknown[]).includes(environment)) {
      throw new InputError(
        `environments: ${printable(
          environment,
        )} is not one of ${ENVIRONMENTS.join(', ')}`,
      );
    }
  }
}
