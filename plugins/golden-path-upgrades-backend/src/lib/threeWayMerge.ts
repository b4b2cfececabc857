import { RECORD_FILE } from '@internal/plugin-golden-path-upgrades-common';
import { git, runGit, UPGRADE_GIT_IDENTITY } from './git';
import { commitInfo, deleteRefs, importCommits, readObjects } from './objects';
import { RenderedFile } from './renderCache';

export type MergeInput = {
  /** The service's repository (bare or not); only objects and refs are written. */
  repositoryDir: string;
  /** The branch the team works on; the upgrade starts from its tip. */
  defaultBranch: string;
  /** The default branch's tip and its tree. */
  base: { commit: string; tree: string };
  /** The old version rendered with the recorded values: the common ancestor. */
  oldFiles: RenderedFile[];
  /** The new version rendered with the same values. */
  newFiles: RenderedFile[];
  /** Names the template side in conflict markers, e.g. `typescript-service-1.2.0`. */
  templateLabel: string;
  /**
   * The repository has no `.golden-path.json` (an adopted repository): the team's side is
   * given the old render's record, as if it had always been there, so the merge writes the
   * new version's record instead of a modify/delete conflict.
   */
  addRecord?: boolean;
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

/**
 * Applies the template's change (old render → new render) to the default branch as a real
 * three-way merge by git (merge-ort, rename detection included): the old render is the common
 * ancestor of two synthetic commits, one holding the default branch's files, one the new
 * render. What the team changed since the old render is kept, what the template changed is
 * applied, a file the team renamed receives the template's change under its new name, a file
 * the team deleted stays deleted unless the template changed it (then it is a conflict), and
 * overlapping edits carry standard conflict markers. Nothing is checked out: one fast-import
 * writes the three commits (on scratch refs that name the sides in the markers), one
 * merge-tree merges, one update-ref removes the scratch refs.
 */
export async function mergeTemplateChange(
  input: MergeInput,
): Promise<MergeResult> {
  const { repositoryDir, defaultBranch, base } = input;
  const ancestorRef = 'refs/golden-path-upgrade/ancestor';
  const teamRef = `refs/golden-path-upgrade/${defaultBranch}`;
  const templateRef = `refs/golden-path-upgrade/${input.templateLabel}`;
  const record = input.addRecord
    ? input.oldFiles.filter(f => f.path === RECORD_FILE)
    : [];
  try {
    await importCommits(repositoryDir, [
      {
        ref: ancestorRef,
        message: 'template, old version',
        files: input.oldFiles,
      },
      {
        ref: templateRef,
        message: 'template, new version',
        from: 0,
        files: input.newFiles,
      },
      {
        ref: teamRef,
        message: defaultBranch,
        from: 0,
        tree: base.tree,
        files: record,
      },
    ]);
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
    return {
      baseCommit: base.commit,
      tree,
      unchanged: tree === base.tree,
      conflicts,
    };
  } finally {
    await deleteRefs(repositoryDir, [ancestorRef, teamRef, templateRef]);
  }
}

export type BranchResult =
  | { state: 'nothing-to-change' }
  | { state: 'unchanged'; commit: string }
  | { state: 'prepared'; commit: string }
  /** The team pushed to the upgrade branch: their commits are left as they are. */
  | { state: 'team-commits-kept'; commit: string };

const ZERO = '0000000000000000000000000000000000000000';

/**
 * Puts a merge result on `branch` as one commit on top of the default branch. A re-run moves
 * the same branch; when its tip already holds this tree on this base, it is left as it is.
 *
 * The branch is the team's to push to (resolving conflicts, say): when its tip is a commit
 * someone else made, not yet on the default branch, it is left alone, and the move itself
 * is a compare-and-swap on the tip read (`update-ref <ref> <new> <old>`, what
 * `git push --force-with-lease` is on a remote), so a push landing in between is kept too.
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
  const [tipObject] = await readObjects(repositoryDir, [ref]);
  const tip = commitInfo(tipObject);
  if (tip) {
    if (tip.tree === merge.tree && tip.parents[0] === merge.baseCommit) {
      return { state: 'unchanged', commit: tip.sha };
    }
    if (
      tip.committerEmail !== UPGRADE_GIT_IDENTITY.email &&
      !(await isAncestor(repositoryDir, tip.sha, merge.baseCommit))
    ) {
      return { state: 'team-commits-kept', commit: tip.sha };
    }
  }
  const commit = await git(
    ['commit-tree', merge.tree, '-p', merge.baseCommit, '-m', message],
    { cwd: repositoryDir },
  );
  const swapped = await runGit(['update-ref', ref, commit, tip?.sha ?? ZERO], {
    cwd: repositoryDir,
    okCodes: [128],
  });
  if (swapped.code !== 0) {
    // Someone pushed between the read and the write: theirs stands.
    const [now] = await readObjects(repositoryDir, [ref]);
    return { state: 'team-commits-kept', commit: now?.sha ?? '' };
  }
  return { state: 'prepared', commit };
}

async function isAncestor(
  repositoryDir: string,
  commit: string,
  of: string,
): Promise<boolean> {
  const { code } = await runGit(['merge-base', '--is-ancestor', commit, of], {
    cwd: repositoryDir,
    okCodes: [1],
  });
  return code === 0;
}
