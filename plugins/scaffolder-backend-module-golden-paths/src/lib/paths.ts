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

/** Where the local git host keeps its data, under the git-ignored `.data/` folder. */
export type LocalGitPaths = {
  /** Bare repositories, `<name>.git`: what developers clone. */
  repositories: string;
  /** One working copy per repository, read by the catalog and TechDocs. */
  checkouts: string;
};

export function localGitPaths(dataDir: string): LocalGitPaths {
  return {
    repositories: path.join(dataDir, 'git'),
    checkouts: path.join(dataDir, 'git-checkouts'),
  };
}
