import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git, runGit } from './git';

export type MergeInput = {
  /** The service's repository (bare or not); only objects and refs are written. */
  repositoryDir: string;
  /** The branch the team works on; the upgrade starts from its tip. */
  defaultBranch: string;
  /** The old version rendered with the recorded values: the common ancestor. */
  oldRenderDir: string;
  /** The new version rendered with the same values. */
  newRenderDir: string;
  /** Names the template side in conflict markers, e.g. `typescript-service-1.2.0`. */
  templateLabel: string;
};

export type MergeResult = {
  /** The tip of the default branch the merge started from. */
  baseCommit: string;
  /** The merged tree, with conflict markers where the two sides overlap. */
  tree: string;
  /** True when the merged tree is the default branch's: nothing to change. */
  unchanged: boolean;
  /** Files that need a person, sorted, relative to the repository root. */
  conflicts: string[];
};

/** A tree object holding exactly the files of `dir`, as `git add -A` would stage them. */
async function treeOf(repositoryDir: string, dir: string): Promise<string> {
  const scratch = await fs.promises.mkdtemp(
    path.join(os.tmpdir(), 'gpu-index-'),
  );
  try {
    const env = { GIT_INDEX_FILE: path.join(scratch, 'index') };
    await git(['--work-tree', dir, 'add', '-A', '--', '.'], {
      cwd: repositoryDir,
      env,
    });
    return await git(['write-tree'], { cwd: repositoryDir, env });
  } finally {
    await fs.promises.rm(scratch, { recursive: true, force: true });
  }
}

async function commitTree(
  repositoryDir: string,
  tree: string,
  parents: string[],
  message: string,
): Promise<string> {
  return git(
    ['commit-tree', tree, ...parents.flatMap(p => ['-p', p]), '-m', message],
    { cwd: repositoryDir },
  );
}

/**
 * Applies the template's change (old render → new render) to the default branch as a real
 * three-way merge by git (merge-ort, rename detection included): the old render is the common
 * ancestor of two synthetic commits, one holding the default branch's files, one the new
 * render. What the team changed since the old render is kept, what the template changed is
 * applied, a file the team renamed receives the template's change under its new name, a file
 * the team deleted stays deleted unless the template changed it (then it is a conflict), and
 * overlapping edits carry standard conflict markers. Nothing is checked out; only objects are
 * written (plus two temporary refs, removed at the end, that name the sides in the markers).
 */
export async function mergeTemplateChange(
  input: MergeInput,
): Promise<MergeResult> {
  const { repositoryDir, defaultBranch } = input;
  const baseCommit = await git(
    ['rev-parse', '--verify', `refs/heads/${defaultBranch}^{commit}`],
    { cwd: repositoryDir },
  );
  const baseTree = await git(['rev-parse', `${baseCommit}^{tree}`], {
    cwd: repositoryDir,
  });
  const oldTree = await treeOf(repositoryDir, input.oldRenderDir);
  const newTree = await treeOf(repositoryDir, input.newRenderDir);

  const ancestor = await commitTree(
    repositoryDir,
    oldTree,
    [],
    'template, old version',
  );
  const template = await commitTree(
    repositoryDir,
    newTree,
    [ancestor],
    'template, new version',
  );
  const team = await commitTree(
    repositoryDir,
    baseTree,
    [ancestor],
    defaultBranch,
  );

  const teamRef = `refs/golden-path-upgrade/${defaultBranch}`;
  const templateRef = `refs/golden-path-upgrade/${input.templateLabel}`;
  await git(['update-ref', teamRef, team], { cwd: repositoryDir });
  await git(['update-ref', templateRef, template], { cwd: repositoryDir });
  try {
    const { stdout, code } = await runGit(
      [
        'merge-tree',
        '--write-tree',
        '--name-only',
        '-z',
        teamRef.slice('refs/'.length),
        templateRef.slice('refs/'.length),
      ],
      { cwd: repositoryDir, okCodes: [1] },
    );
    const fields = stdout.split('\0');
    const tree = fields[0].trim();
    const conflicts: string[] = [];
    if (code === 1) {
      for (const name of fields.slice(1)) {
        if (name === '') break;
        if (!conflicts.includes(name)) conflicts.push(name);
      }
    }
    conflicts.sort();
    return { baseCommit, tree, unchanged: tree === baseTree, conflicts };
  } finally {
    await git(['update-ref', '-d', teamRef], { cwd: repositoryDir });
    await git(['update-ref', '-d', templateRef], { cwd: repositoryDir });
  }
}

export type BranchResult =
  | { state: 'nothing-to-change' }
  | { state: 'unchanged'; commit: string }
  | { state: 'prepared'; commit: string };

/**
 * Puts a merge result on `branch` as one commit on top of the default branch. A re-run moves
 * the same branch; when its tip already holds this tree on this base, it is left as it is.
 */
export async function writeUpgradeBranch(options: {
  repositoryDir: string;
  branch: string;
  merge: MergeResult;
  message: string;
}): Promise<BranchResult> {
  const { repositoryDir, branch, merge, message } = options;
  if (merge.unchanged) return { state: 'nothing-to-change' };
  const ref = `refs/heads/${branch}`;
  const existing = await runGit(
    ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`],
    {
      cwd: repositoryDir,
      okCodes: [1],
    },
  );
  const tip = existing.stdout.trim();
  if (tip) {
    const [tipTree, tipParent] = (
      await git(['log', '-1', '--format=%T %P', tip], { cwd: repositoryDir })
    ).split(' ');
    if (tipTree === merge.tree && tipParent === merge.baseCommit) {
      return { state: 'unchanged', commit: tip };
    }
  }
  const commit = await commitTree(
    repositoryDir,
    merge.tree,
    [merge.baseCommit],
    message,
  );
  await git(['update-ref', ref, commit], { cwd: repositoryDir });
  return { state: 'prepared', commit };
}
