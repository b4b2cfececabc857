import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { git } from '../git';
import { ServiceChange, ServiceFiles } from './serviceFiles';

/**
 * The files of a working copy in the task's workspace. Only regular files are read: a symbolic
 * link in the repository never leads the portal to a file outside it.
 */
export function checkoutFiles(dir: string): ServiceFiles {
  return {
    read(file) {
      const full = resolveSafeChildPath(dir, file);
      const stat = fs.lstatSync(full, { throwIfNoEntry: false });
      if (!stat) return undefined;
      if (!stat.isFile()) {
        throw new InputError(
          `${file} is not a regular file in the repository (a link or a folder); the golden path does not change it`,
        );
      }
      return fs.readFileSync(full, 'utf8');
    },
  };
}

/**
 * Writes a change into the working copy and, file by file, into `changeDir`, the folder a pull
 * request is made from (only the changed files: the rest of the repository stays as it is).
 */
export async function writeChange(
  change: ServiceChange,
  checkoutDir: string,
  changeDir: string,
): Promise<string[]> {
  const written: string[] = [];
  await fs.promises.rm(changeDir, { recursive: true, force: true });
  for (const [file, content] of change.files) {
    for (const root of [checkoutDir, changeDir]) {
      const full = resolveSafeChildPath(root, file);
      await fs.promises.mkdir(path.dirname(full), { recursive: true });
      // resolveSafeChildPath follows links: a link inside the folder is replaced, not written through.
      await fs.promises.rm(full, { force: true });
      await fs.promises.writeFile(full, content, 'utf8');
    }
    written.push(file);
  }
  return written;
}

/** Clone of `remote`'s default branch into `dir`; answers the branch and commit. */
export async function cloneDefaultBranch(options: {
  remote: string;
  dir: string;
  /** `Authorization` header for an HTTPS remote, handed to git through its environment. */
  authorization?: string;
}): Promise<{ defaultBranch: string; commit: string }> {
  const { remote, dir, authorization } = options;
  await fs.promises.rm(dir, { recursive: true, force: true });
  await fs.promises.mkdir(path.dirname(dir), { recursive: true });
  const env: Record<string, string> = {
    // A local repository, or HTTPS (HTTP for a loopback stand-in): never ext:: or ssh commands.
    GIT_ALLOW_PROTOCOL: path.isAbsolute(remote) ? 'file' : 'https:http',
    ...(authorization
      ? {
          GIT_CONFIG_COUNT: '1',
          GIT_CONFIG_KEY_0: 'http.extraHeader',
          GIT_CONFIG_VALUE_0: `Authorization: ${authorization}`,
        }
      : {}),
  };
  await git(
    ['clone', '-q', '--no-tags', '--single-branch', remote, dir],
    path.dirname(dir),
    env,
  );
  return {
    defaultBranch: await git(['symbolic-ref', '--short', 'HEAD'], dir),
    commit: await git(['rev-parse', 'HEAD'], dir),
  };
}
