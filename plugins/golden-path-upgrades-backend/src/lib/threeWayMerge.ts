import {
  CATALOG_FILE,
  RECORD_FILE,
  withRecordLines,
} from '@internal/plugin-golden-path-upgrades-common';
import { git, runGit, UPGRADE_GIT_IDENTITY } from './git';
import {
  CommitInfo,
  commitInfo,
  deleteRefs,
  importCommits,
  readObjects,
} from './objects';
import { RenderedFile } from './renderCache';

export type MergeInput = {
  /** The service's repository (bare or not); only objects and refs are written. */
  repositoryDir: string;
  /** The branch the team works on; the upgrade starts from its tip. */
  defaultBranch: string;
  /** The default branch's tip, its tree and its catalog file. */
  base: { commit: string; tree: string; catalog?: Buffer };
  /** The old version rendered with the recorded values: the common ancestor. */
  oldFiles: RenderedFile[];
  /** The new version rendered with the same values. */
  newFiles: RenderedFile[];
  /** Names the template side in conflict markers, e.g. `typescript-service-1.2.0`. */
  templateLabel: string;
  /**
   * The repository has no `.golden-path.json` (an adopted repository): the team's side is
   * given the old render's record, and the record annotations of the old render's
   * catalog-info.yaml that its own lacks, as if they had always been there, so the merge
   * writes the new version's record instead of a conflict nobody made.
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
  /**
   * The merge's scratch refs (they name the sides in conflict markers), still in the
   * repository: writeUpgradeBranch deletes them in the same git process as it moves the branch.
   */
  scratchRefs: string[];
};

/**
 * What the team's side of the merge adds to the default branch for an adopted repository:
 * the old render's record file, and its catalog-info.yaml with the old render's record
 * annotations it lacks (see withRecordLines).
 */
export function adoptedRecordFiles(
  oldFiles: RenderedFile[],
  teamCatalog: Buffer | undefined,
): RenderedFile[] {
  const files = oldFiles.filter(f => f.path === RECORD_FILE);
  const oldCatalog = oldFiles.find(f => f.path === CATALOG_FILE);
  if (oldCatalog && teamCatalog) {
    const team = teamCatalog.toString('utf8');
    const completed = withRecordLines(
      team,
      oldCatalog.content.toString('utf8'),
    );
    if (completed !== team) {
      files.push({ ...oldCatalog, content: Buffer.from(completed, 'utf8') });
    }
  }
  return files;
}

/**
 * Applies the template's change (old render → new render) to the default branch as a real
 * three-way merge by git (merge-ort, rename detection included): the old render is the common
 * ancestor of two synthetic commits, one holding the default branch's files, one the new
 * render. What the team changed since the old render is kept, what the template changed is
 * applied, a file the team renamed receives the template's change under its new name, a file
 * the team deleted stays deleted unless the template changed it (then it is a conflict), and
 * overlapping edits carry standard conflict markers. Nothing is checked out: one fast-import
 * writes the three commits (on scratch refs that name the sides in the markers) and one
 * merge-tree merges; the scratch refs go when the branch is written (or at once on failure).
 */
export async function mergeTemplateChange(
  input: MergeInput,
): Promise<MergeResult> {
  const { repositoryDir, defaultBranch, base } = input;
  const ancestorRef = 'refs/golden-path-upgrade/ancestor';
  const teamRef = `refs/golden-path-upgrade/${defaultBranch}`;
  const templateRef = `refs/golden-path-upgrade/${input.templateLabel}`;
  const scratchRefs = [ancestorRef, teamRef, templateRef];
  const record = input.addRecord
    ? adoptedRecordFiles(input.oldFiles, base.catalog)
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
      scratchRefs,
    };
  } catch (error) {
    await deleteRefs(repositoryDir, scratchRefs);
    throw error;
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
 * The move and the removal of the merge's scratch refs are one `update-ref --stdin`.
 *
 * `tip` is the branch's tip when the caller read it already (null: no such branch).
 */
export async function writeUpgradeBranch(options: {
  repositoryDir: string;
  branch: string;
  merge: MergeResult;
  message: string;
  tip?: CommitInfo | null;
}): Promise<BranchResult> {
  const { repositoryDir, branch, merge, message } = options;
  const ref = `refs/heads/${branch}`;
  let moved = false;
  try {
    if (merge.unchanged) return { state: 'nothing-to-change' };
    const tip =
      options.tip === undefined
        ? commitInfo((await readObjects(repositoryDir, [ref]))[0])
        : options.tip ?? undefined;
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
    const swapped = await runGit(['update-ref', '--stdin'], {
      cwd: repositoryDir,
      input: [
        `update ${ref} ${commit} ${tip?.sha ?? ZERO}`,
        ...merge.scratchRefs.map(r => `delete ${r}`),
        '',
      ].join('\n'),
      okCodes: [128],
    });
    if (swapped.code !== 0) {
      // Someone pushed between the read and the write: theirs stands.
      const [now] = await readObjects(repositoryDir, [ref]);
      return { state: 'team-commits-kept', commit: now?.sha ?? '' };
    }
    moved = true;
    return { state: 'prepared', commit };
  } finally {
    if (!moved) await deleteRefs(repositoryDir, merge.scratchRefs);
  }
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
