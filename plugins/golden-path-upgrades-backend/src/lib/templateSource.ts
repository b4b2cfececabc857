import {
  parseVersionsFile,
  TemplateVersion,
} from '@internal/plugin-golden-path-upgrades-common';
import { InputError, NotFoundError } from '@backstage/errors';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { git, runGit } from './git';

const TEMPLATE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function checkTemplateName(template: string) {
  if (!TEMPLATE_NAME.test(template)) {
    throw new InputError(
      `template: ${JSON.stringify(template)} is not a template name`,
    );
  }
}

/**
 * The golden paths' history: the git repository holding `templates/<name>/` (this portal's own
 * repository in production, a scratch repository in tests). A version's files are read from the
 * revision that holds them, never from the working tree, so a template can be rendered at any
 * version it ever published.
 */
export class TemplateSource {
  private readonly revisions: Map<string, string>;
  private readonly checkouts: Map<string, Promise<string>>;
  /** Versions read at a pinned commit (they cannot change); none for a moving head. */
  private readonly pinnedVersions?: Map<string, Promise<TemplateVersion[]>>;

  constructor(
    readonly repositoryDir: string,
    readonly templatesPath = 'templates',
    /** The revision whose versions.yaml lists the published versions. */
    readonly head = 'HEAD',
    /** A pinned source shares its parent's revisions and checkouts. */
    shared?: {
      revisions: Map<string, string>;
      checkouts: Map<string, Promise<string>>;
    },
  ) {
    this.revisions = shared?.revisions ?? new Map();
    this.checkouts = shared?.checkouts ?? new Map();
    if (shared) this.pinnedVersions = new Map();
  }

  /**
   * This source at the commit its head is at now: a run over many services (the scheduled
   * one) reads each template's versions once instead of once a service, and every service in
   * it is offered the same latest version.
   */
  async pinned(): Promise<TemplateSource> {
    const commit = await git(
      ['rev-parse', '--verify', `${this.head}^{commit}`],
      {
        cwd: this.repositoryDir,
      },
    );
    return new TemplateSource(this.repositoryDir, this.templatesPath, commit, {
      revisions: this.revisions,
      checkouts: this.checkouts,
    });
  }

  private templatePath(template: string) {
    checkTemplateName(template);
    return `${this.templatesPath}/${template}`;
  }

  private async show(revision: string, file: string): Promise<string> {
    const { stdout } = await runGit(['show', `${revision}:${file}`], {
      cwd: this.repositoryDir,
    });
    return stdout;
  }

  /** The template names with a versions.yaml at the head revision. */
  async templates(): Promise<string[]> {
    const listing = await git(
      ['ls-tree', '--name-only', `${this.head}:${this.templatesPath}`],
      { cwd: this.repositoryDir },
    );
    const names = listing.split('\n').filter(n => TEMPLATE_NAME.test(n));
    const withVersions: string[] = [];
    for (const name of names) {
      const { code } = await runGit(
        [
          'cat-file',
          '-e',
          `${this.head}:${this.templatesPath}/${name}/versions.yaml`,
        ],
        { cwd: this.repositoryDir, okCodes: [1, 128] },
      );
      if (code === 0) withVersions.push(name);
    }
    return withVersions.sort();
  }

  /** The published versions of a template, newest first, from its versions.yaml. */
  async versions(template: string): Promise<TemplateVersion[]> {
    if (!this.pinnedVersions) return this.readVersions(template);
    let versions = this.pinnedVersions.get(template);
    if (!versions) {
      versions = this.readVersions(template);
      versions.catch(() => this.pinnedVersions?.delete(template));
      this.pinnedVersions.set(template, versions);
    }
    return versions;
  }

  private async readVersions(template: string): Promise<TemplateVersion[]> {
    const file = `${this.templatePath(template)}/versions.yaml`;
    let text: string;
    try {
      text = await this.show(this.head, file);
    } catch {
      throw new NotFoundError(`Template ${template} has no versions.yaml`);
    }
    return parseVersionsFile(text);
  }

  /**
   * The commit holding a version's files: the entry's `revision` when given, otherwise the newest
   * commit at which template.yaml declares that version (the version's final state).
   */
  async revisionOf(template: string, version: string): Promise<string> {
    const key = `${template}@${version}`;
    const known = this.revisions.get(key);
    if (known) return known;
    const entry = (await this.versions(template)).find(
      v => v.version === version,
    );
    if (!entry) {
      throw new NotFoundError(`Template ${template} has no version ${version}`);
    }
    let revision: string | undefined;
    if (entry.revision) {
      revision = await git(
        ['rev-parse', '--verify', `${entry.revision}^{commit}`],
        {
          cwd: this.repositoryDir,
        },
      );
    } else {
      const dir = this.templatePath(template);
      const commits = (
        await git(['log', '--format=%H', this.head, '--', dir], {
          cwd: this.repositoryDir,
        })
      )
        .split('\n')
        .filter(Boolean);
      for (const commit of commits) {
        const declared = await this.declaredVersion(commit, dir);
        if (declared === version) {
          revision = commit;
          break;
        }
      }
    }
    if (!revision) {
      throw new NotFoundError(
        `No commit of ${template} declares version ${version} in its template.yaml`,
      );
    }
    this.revisions.set(key, revision);
    return revision;
  }

  private async declaredVersion(
    commit: string,
    dir: string,
  ): Promise<string | undefined> {
    try {
      const document = parse(await this.show(commit, `${dir}/template.yaml`));
      return document?.metadata?.annotations?.['acme.example/template-version'];
    } catch {
      return undefined;
    }
  }

  /**
   * The template's files at a version, checked out once per process into scratch space and
   * shared by every render of that version (a revision's files never change; renders only
   * read them).
   */
  templateDir(template: string, version: string): Promise<string> {
    const key = `${template}@${version}`;
    let dir = this.checkouts.get(key);
    if (!dir) {
      dir = fs.promises
        .mkdtemp(path.join(os.tmpdir(), 'gpu-template-'))
        .then(into => this.checkout(template, version, into));
      dir.catch(() => this.checkouts.delete(key));
      this.checkouts.set(key, dir);
    }
    return dir;
  }

  /**
   * Copies the template's files at a version into `into` (an empty scratch folder; its
   * `index` file is git's scratch index) and returns the folder of the template, holding
   * template.yaml and skeleton/.
   */
  async checkout(
    template: string,
    version: string,
    into: string,
  ): Promise<string> {
    const revision = await this.revisionOf(template, version);
    const dir = this.templatePath(template);
    const out = path.join(into, 'files');
    await fs.promises.mkdir(out, { recursive: true });
    // A scratch index and work tree: the repository's own index and files are never touched.
    await git(['--work-tree', out, 'checkout', revision, '--', dir], {
      cwd: this.repositoryDir,
      env: { GIT_INDEX_FILE: path.join(into, 'index') },
    });
    return path.join(out, dir);
  }
}
