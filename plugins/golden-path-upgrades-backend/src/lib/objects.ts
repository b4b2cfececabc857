import { createHash } from 'node:crypto';
import { runGit, UPGRADE_GIT_IDENTITY } from './git';
import { RenderedFile } from './renderCache';

/** An object read by `git cat-file --batch`. */
export type GitObject = { sha: string; type: string; content: Buffer };

/**
 * Reads several objects (`refs/heads/main`, `refs/heads/main:.golden-path.json`) with one git
 * process; a name that resolves to nothing answers undefined.
 */
export async function readObjects(
  repositoryDir: string,
  names: string[],
): Promise<(GitObject | undefined)[]> {
  for (const name of names) {
    if (/[\n\0]/.test(name)) throw new Error('object names are single lines');
  }
  const { raw } = await runGit(['cat-file', '--batch'], {
    cwd: repositoryDir,
    input: names.map(n => `${n}\n`).join(''),
  });
  const objects: (GitObject | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < names.length; i++) {
    const eol = raw.indexOf(10, at);
    const header = raw.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const [sha, type, size] = header.split(' ');
    if (type === 'missing' || type === 'ambiguous' || size === undefined) {
      objects.push(undefined);
      continue;
    }
    const length = Number(size);
    objects.push({ sha, type, content: raw.subarray(at, at + length) });
    at += length + 1;
  }
  return objects;
}

/** What the upgrade needs of a commit. */
export type CommitInfo = {
  sha: string;
  tree: string;
  parents: string[];
  committerEmail: string;
};

export function commitInfo(
  object: GitObject | undefined,
): CommitInfo | undefined {
  if (!object || object.type !== 'commit') return undefined;
  const headers = object.content.toString('utf8').split('\n\n', 1)[0];
  const lines = headers.split('\n');
  const value = (key: string) =>
    lines
      .filter(l => l.startsWith(`${key} `))
      .map(l => l.slice(key.length + 1));
  const committer = value('committer')[0] ?? '';
  return {
    sha: object.sha,
    tree: value('tree')[0],
    parents: value('parent'),
    committerEmail: /<([^>]*)>/.exec(committer)?.[1] ?? '',
  };
}

/** A commit for fast-import: its files (or a whole tree first) on top of `from`. */
export type ImportCommit = {
  ref: string;
  message: string;
  /** Another commit of the same import (its index), or none: a root commit. */
  from?: number;
  /** A tree already in the repository, as the commit's whole content before `files`. */
  tree?: string;
  /** Files of the commit (replacing everything when no `tree` is given, unless `keep`). */
  files: RenderedFile[];
  /** The files change the parent's (`from`) instead of replacing them. */
  keep?: boolean;
};

function quotePath(p: string): string {
  return `"${p
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')}"`;
}

/**
 * Writes blobs, trees and commits into a repository with one `git fast-import`: each distinct
 * file content once, each commit on its ref (forced: these are the upgrade's own scratch
 * refs). Returns nothing; read the refs for the commits.
 */
export async function importCommits(
  repositoryDir: string,
  commits: ImportCommit[],
): Promise<void> {
  const chunks: Buffer[] = [];
  const marks = new Map<string, number>();
  let mark = 0;
  const text = (s: string) => chunks.push(Buffer.from(s, 'utf8'));
  for (const commit of commits) {
    for (const file of commit.files) {
      const key = createHash('sha1').update(file.content).digest('hex');
      if (marks.has(key)) continue;
      marks.set(key, ++mark);
      text(`blob\nmark :${mark}\ndata ${file.content.length}\n`);
      chunks.push(file.content);
      text('\n');
    }
  }
  const commitMarks: number[] = [];
  const now = Math.floor(Date.now() / 1000);
  const { name, email } = UPGRADE_GIT_IDENTITY;
  for (const commit of commits) {
    const own = ++mark;
    commitMarks.push(own);
    const message = Buffer.from(commit.message, 'utf8');
    text(
      `commit ${commit.ref}\nmark :${own}\ncommitter ${name} <${email}> ${now} +0000\n` +
        `data ${message.length}\n`,
    );
    chunks.push(message);
    text('\n');
    if (commit.from !== undefined) text(`from :${commitMarks[commit.from]}\n`);
    if (commit.tree) text(`M 040000 ${commit.tree} ""\n`);
    else if (!commit.keep) text('deleteall\n');
    for (const file of commit.files) {
      const key = createHash('sha1').update(file.content).digest('hex');
      text(`M ${file.mode} :${marks.get(key)} ${quotePath(file.path)}\n`);
    }
    text('\n');
  }
  await runGit(['fast-import', '--quiet', '--force', '--done'], {
    cwd: repositoryDir,
    input: Buffer.concat([...chunks, Buffer.from('done\n')]),
  });
}

/** Deletes scratch refs with one git process. */
export async function deleteRefs(repositoryDir: string, refs: string[]) {
  await runGit(['update-ref', '--stdin'], {
    cwd: repositoryDir,
    input: refs.map(r => `delete ${r}\n`).join(''),
  });
}
