import { ConflictError, InputError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { git } from './git';
import { dns1123LabelProblem } from './names';
import { LocalGitPaths } from './paths';

export type PublishResult = {
  /** The bare repository: `git clone <remoteUrl>`. */
  remoteUrl: string;
  /** The portal's working copy of the default branch. */
  checkoutPath: string;
  /** `catalog-info.yaml` in the working copy. */
  catalogInfoPath: string;
  /** The commit at the tip of the default branch. */
  commit: string;
  /** True when an identical repository already existed (a retried task). */
  reused: boolean;
};

export type PublishOptions = {
  name: string;
  /** The folder whose content becomes the first commit. */
  sourceDir: string;
  commitMessage: string;
  defaultBranch?: string;
  log?: (message: string) => void;
};

function checkRepositoryName(name: string): void {
  const problem = dns1123LabelProblem(name);
  if (problem) throw new InputError(`name: ${problem}`);
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return (
    relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
  );
}

/**
 * Refuses a symbolic link in `dir` that leads outside it (absolute, or climbing out with `..`):
 * committed, it would let the catalog and TechDocs read files of the portal's machine from the
 * working copy.
 */
async function refuseEscapingLinks(dir: string): Promise<void> {
  const root = await fs.promises.realpath(dir);
  const entries = await fs.promises.readdir(dir, {
    recursive: true,
    withFileTypes: true,
  });
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) continue;
    const link = path.join(entry.parentPath, entry.name);
    const target = await fs.promises.readlink(link);
    const resolved = path.resolve(path.dirname(link), target);
    let real = resolved;
    try {
      real = await fs.promises.realpath(link);
    } catch {
      // A dangling link: judged by where it points.
    }
    const inside = (file: string) =>
      file === root || isInside(root, file) || isInside(dir, file);
    if (path.isAbsolute(target) || !inside(resolved) || !inside(real)) {
      throw new InputError(
        `sourcePath: ${path.relative(
          dir,
          link,
        )} is a symbolic link to ${target}, outside the repository; the local git host does not publish it`,
      );
    }
  }
}

/**
 * The embedded git host: bare repositories under `.data/git/<name>.git` that anyone on the
 * portal machine can clone, plus a working copy of each under `.data/git-checkouts/<name>` that
 * the catalog and TechDocs read.
 */
export class LocalGitHost {
  constructor(readonly paths: LocalGitPaths) {}

  /** The bare repository of `name`; a name that is not a DNS-1123 label is refused. */
  repositoryPath(name: string): string {
    checkRepositoryName(name);
    return path.join(this.paths.repositories, `${name}.git`);
  }

  /** The working copy of `name`; a name that is not a DNS-1123 label is refused. */
  checkoutPath(name: string): string {
    checkRepositoryName(name);
    return path.join(this.paths.checkouts, name);
  }

  /**
   * Whether `file` lies inside the portal's working copies, as written and once symbolic links
   * are resolved (a link cannot lead out of them).
   */
  isInCheckouts(file: string): boolean {
    if (!isInside(this.paths.checkouts, path.resolve(file))) return false;
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      // Not there yet: nothing to follow.
      return true;
    }
    return isInside(fs.realpathSync(this.paths.checkouts), real);
  }

  /** Every working copy's catalog-info.yaml. */
  async listCatalogFiles(): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.paths.checkouts);
    } catch {
      return [];
    }
    // Only the working copies the host made, and only a real file: never a link elsewhere.
    return names
      .filter(name => dns1123LabelProblem(name) === undefined)
      .map(name => path.join(this.paths.checkouts, name, 'catalog-info.yaml'))
      .filter(file => fs.lstatSync(file, { throwIfNoEntry: false })?.isFile())
      .sort();
  }

  /**
   * Publishes `sourceDir` as the first commit of a new repository. Idempotent: when the
   * repository exists and its first commit has exactly this content, it is reused; when its
   * content differs, a ConflictError is thrown and nothing is changed. A failure part-way
   * leaves nothing behind: the repository is assembled in a staging folder and moved into
   * place in one rename.
   */
  async publish(options: PublishOptions): Promise<PublishResult> {
    const { name, sourceDir, commitMessage, defaultBranch = 'main' } = options;
    const log = options.log ?? (() => {});
    checkRepositoryName(name);
    if (!fs.existsSync(path.join(sourceDir))) {
      throw new InputError(`sourcePath: ${sourceDir} does not exist`);
    }
    await refuseEscapingLinks(sourceDir);

    const repository = this.repositoryPath(name);
    await fs.promises.mkdir(this.paths.repositories, { recursive: true });
    await fs.promises.mkdir(this.paths.checkouts, { recursive: true });
    const staging = await fs.promises.mkdtemp(
      path.join(this.paths.repositories, `.staging-${name}-`),
    );
    try {
      // The commit we would publish, made in a scratch repository.
      const work = path.join(staging, 'work');
      await fs.promises.cp(sourceDir, work, {
        recursive: true,
        // Links stay as written (relative, inside the repository), not rewritten to the workspace.
        verbatimSymlinks: true,
        filter: src => path.basename(src) !== '.git',
      });
      await git(['init', '-q', '-b', defaultBranch], work);
      await git(['add', '-A'], work);
      await git(['commit', '-q', '--allow-empty', '-m', commitMessage], work);
      const tree = await git(['rev-parse', 'HEAD^{tree}'], work);

      let reused = false;
      if (fs.existsSync(repository)) {
        const existingTree = await this.firstCommitTree(
          repository,
          defaultBranch,
        );
        if (existingTree !== tree) {
          throw new ConflictError(
            `A repository named "${name}" already exists on the local git host (${repository}) ` +
              'with different content. Choose another name, or delete that repository if it is a leftover.',
          );
        }
        log(`Repository ${repository} already holds this content; reusing it`);
        reused = true;
      } else {
        const bare = path.join(staging, `${name}.git`);
        await git(['init', '-q', '--bare', '-b', defaultBranch, bare], staging);
        await git(
          ['push', '-q', bare, `${defaultBranch}:${defaultBranch}`],
          work,
        );
        try {
          await fs.promises.rename(bare, repository);
        } catch (error) {
          throw new ConflictError(
            `Could not create ${repository}: ${(error as Error).message}`,
          );
        }
        log(`Created ${repository} with the first commit`);
      }

      const checkoutPath = await this.syncCheckout(
        name,
        defaultBranch,
        staging,
        log,
      );
      const catalogInfoPath = path.join(checkoutPath, 'catalog-info.yaml');
      return {
        remoteUrl: repository,
        checkoutPath,
        catalogInfoPath,
        commit: await git(['rev-parse', defaultBranch], repository),
        reused,
      };
    } finally {
      await fs.promises.rm(staging, { recursive: true, force: true });
    }
  }

  private async firstCommitTree(
    repository: string,
    branch: string,
  ): Promise<string> {
    try {
      const roots = await git(
        ['rev-list', '--max-parents=0', branch],
        repository,
      );
      const first = roots.split('\n').pop() ?? '';
      return await git(['rev-parse', `${first}^{tree}`], repository);
    } catch {
      // Not a repository, or no such branch: not ours, and not reusable.
      return '';
    }
  }

  /** Brings the working copy to the tip of the default branch, cloning it when missing. */
  private async syncCheckout(
    name: string,
    branch: string,
    staging: string,
    log: (message: string) => void,
  ): Promise<string> {
    const repository = this.repositoryPath(name);
    const checkout = this.checkoutPath(name);
    if (fs.existsSync(checkout)) {
      let origin = '';
      try {
        origin = await git(['config', '--get', 'remote.origin.url'], checkout);
      } catch {
        origin = '';
      }
      if (origin === repository) {
        await git(['fetch', '-q', 'origin', branch], checkout);
        await git(['reset', '-q', '--hard', `origin/${branch}`], checkout);
        return checkout;
      }
      // A working copy of a repository that no longer exists: it is derived data, replace it.
      log(`Replacing the stale working copy ${checkout}`);
      await fs.promises.rm(checkout, { recursive: true, force: true });
    }
    const clone = path.join(staging, 'checkout');
    await git(['clone', '-q', '--branch', branch, repository, clone], staging);
    await fs.promises.rename(clone, checkout);
    return checkout;
  }
}
