import path from 'node:path';

export { findRepoRoot } from '@internal/plugin-golden-path-upgrades-node';

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
