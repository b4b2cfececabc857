import { Config } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The portal's repository root: the nearest folder, from `start` upwards, that holds
 * `backstage.json`. Falls back to `start` when there is none (e.g. a container without it).
 */
export function findRepoRoot(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'backstage.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/**
 * The git repository whose `templates/<name>/` hold the golden paths and their
 * `versions.yaml`: `goldenPathUpgrades.templatesRepository`, else the portal's repository root.
 * Every backend that reads a template's versions reads them from here.
 */
export function goldenPathTemplatesRepository(
  config: Config,
  cwd: string = process.cwd(),
): string {
  return (
    config.getOptionalString('goldenPathUpgrades.templatesRepository') ??
    findRepoRoot(cwd)
  );
}
