import { InputError } from '@backstage/errors';
import { parse } from 'yaml';
import { z } from 'zod';

/** `major.minor.patch`, digits only: the versions a golden path publishes. */
const VERSION_PATTERN =
  /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/;

function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

const dateSchema = z
  .string()
  .refine(isRealDate, { message: 'must be a real date written YYYY-MM-DD' });

const versionEntrySchema = z
  .object({
    version: z
      .string()
      .regex(VERSION_PATTERN, 'must be major.minor.patch, e.g. 1.2.0'),
    date: dateSchema,
    changes: z.string().trim().min(1).max(4000),
    why: z.string().trim().min(1).max(4000),
    /** A tag or commit of this repository holding the version's files (optional, see docs). */
    revision: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/)
      .optional(),
    deprecated: z
      .object({
        sunset: dateSchema,
        reason: z.string().trim().min(1).max(1000),
      })
      .strict()
      .optional(),
  })
  .strict();

const versionsFileSchema = z
  .object({ versions: z.array(versionEntrySchema).min(1) })
  .strict();

/** One published version of a golden path with its changelog entry. */
export type TemplateVersion = z.infer<typeof versionEntrySchema>;

/** Compares two `major.minor.patch` versions: negative when `a` is older than `b`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if (pa[i] !== pb[i]) return pa[i] - pb[i];
  }
  return 0;
}

export function isVersion(text: string): boolean {
  return VERSION_PATTERN.test(text);
}

/**
 * Reads a template's `versions.yaml`: every entry checked, newest first and strictly
 * decreasing, so "the latest" is always the first entry. A problem is an InputError naming
 * the entry and field.
 */
export function parseVersionsFile(text: string): TemplateVersion[] {
  const parsed = versionsFileSchema.safeParse(parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `versions.yaml: ${issue.path.join('.') || '(file)'}: ${issue.message}`,
    );
  }
  const versions = parsed.data.versions;
  for (let i = 1; i < versions.length; i++) {
    if (compareVersions(versions[i - 1].version, versions[i].version) <= 0) {
      throw new InputError(
        `versions.yaml: versions.${i}.version: ${
          versions[i].version
        } must be older than ${
          versions[i - 1].version
        } above it (newest first, no repeats)`,
      );
    }
  }
  return versions;
}

/** The newest version (the first entry). */
export function latestVersion(versions: TemplateVersion[]): TemplateVersion {
  return versions[0];
}

/**
 * The versions an upgrade from `from` to `to` crosses, oldest first: every version newer than
 * `from` up to and including `to`. Their changelog entries go into the upgrade's description.
 */
export function versionsCrossed(
  versions: TemplateVersion[],
  from: string,
  to: string,
): TemplateVersion[] {
  return versions
    .filter(
      v =>
        compareVersions(v.version, from) > 0 &&
        compareVersions(v.version, to) <= 0,
    )
    .sort((a, b) => compareVersions(a.version, b.version));
}

/** How many published versions are newer than `current` (0 when it is the latest). */
export function versionsBehind(
  versions: TemplateVersion[],
  current: string,
): number {
  return versions.filter(v => compareVersions(v.version, current) > 0).length;
}

export type Deprecation =
  | { state: 'supported' }
  | { state: 'deprecated'; sunset: string; reason: string; daysLeft: number }
  | { state: 'sunset'; sunset: string; reason: string; daysPast: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Where a version stands on `today` (YYYY-MM-DD): supported, deprecated with the days left
 * until its sunset date (0 on the day itself), or past its sunset.
 */
export function deprecationOf(
  versions: TemplateVersion[],
  version: string,
  today: string,
): Deprecation {
  const entry = versions.find(v => v.version === version);
  if (!entry?.deprecated) return { state: 'supported' };
  const { sunset, reason } = entry.deprecated;
  const days = Math.round(
    (Date.parse(`${sunset}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) /
      DAY_MS,
  );
  return days >= 0
    ? { state: 'deprecated', sunset, reason, daysLeft: days }
    : { state: 'sunset', sunset, reason, daysPast: -days };
}
