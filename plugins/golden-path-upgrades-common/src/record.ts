import { InputError } from '@backstage/errors';
import { isVersion } from './versions';

/**
 * The file every repository made from a golden path carries at its root: the template, its
 * version and the values its skeleton was rendered with, so a later version can be rendered
 * with the same values.
 */
export const RECORD_FILE = '.golden-path.json';

/** Annotations of the generated catalog entity (written by the skeleton's catalog-info.yaml). */
export const TEMPLATE_ANNOTATION = 'acme.example/template';
export const TEMPLATE_VERSION_ANNOTATION = 'acme.example/template-version';
export const TEMPLATE_VALUES_ANNOTATION = 'acme.example/template-values';
/** Set by a team, with the reason as its value, to receive no upgrades. */
export const UPGRADES_OPT_OUT_ANNOTATION = 'acme.example/golden-path-opt-out';

export type TemplateValues = Record<string, unknown>;

/** What a repository was made from. */
export type GoldenPathRecord = {
  template: string;
  version: string;
  values: TemplateValues;
};

const TEMPLATE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkRecord(value: unknown, source: string): GoldenPathRecord {
  if (!isPlainObject(value)) {
    throw new InputError(`${source}: must be an object`);
  }
  const { template, version, values } = value;
  if (typeof template !== 'string' || !TEMPLATE_NAME.test(template)) {
    throw new InputError(`${source}: template: must be a template name`);
  }
  if (typeof version !== 'string' || !isVersion(version)) {
    throw new InputError(`${source}: version: must be major.minor.patch`);
  }
  if (!isPlainObject(values)) {
    throw new InputError(`${source}: values: must be an object`);
  }
  return { template, version, values };
}

/** A record is a few hundred bytes; anything much larger was not written by a golden path. */
export const MAX_RECORD_BYTES = 64 * 1024;

/**
 * Reads the record file's text; an unreadable, malformed or oversized record is an InputError.
 * The file lives in the team's repository, so it is treated as user input: its values only
 * ever reach the sandboxed renderer of fetch:template, never a shell or a path unchecked.
 */
export function parseRecord(text: string): GoldenPathRecord {
  if (new TextEncoder().encode(text).length > MAX_RECORD_BYTES) {
    throw new InputError(
      `${RECORD_FILE}: must be at most ${MAX_RECORD_BYTES} bytes`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(`${RECORD_FILE}: is not valid JSON`);
  }
  return checkRecord(json, RECORD_FILE);
}

/**
 * Reads the record from a catalog entity's annotations; undefined when the entity was not
 * made from a golden path (no template annotation).
 */
export function recordFromAnnotations(
  annotations: Record<string, string> | undefined,
): GoldenPathRecord | undefined {
  const template = annotations?.[TEMPLATE_ANNOTATION];
  if (!template) return undefined;
  let values: unknown = {};
  const rawValues = annotations?.[TEMPLATE_VALUES_ANNOTATION];
  if (rawValues) {
    try {
      values = JSON.parse(rawValues);
    } catch {
      throw new InputError(`${TEMPLATE_VALUES_ANNOTATION}: is not valid JSON`);
    }
  }
  return checkRecord(
    {
      template,
      version: annotations?.[TEMPLATE_VERSION_ANNOTATION],
      values,
    },
    'annotations',
  );
}

/** The reason a team gave to opt its service out of upgrades, or undefined. */
export function optOutReason(
  annotations: Record<string, string> | undefined,
): string | undefined {
  const reason = annotations?.[UPGRADES_OPT_OUT_ANNOTATION]?.trim();
  return reason ? reason : undefined;
}
