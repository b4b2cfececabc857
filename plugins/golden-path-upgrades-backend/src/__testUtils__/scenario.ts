import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git } from '../lib/git';
import { renderTemplate } from '../lib/renderTemplate';
import { TemplateSource } from '../lib/templateSource';

export const repoRoot = path.resolve(__dirname, '../../../..');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function edit(file: string, from: string, to: string) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

/**
 * A portal repository holding one real golden path (copied from this repository's templates/)
 * as its first version, committed with real git.
 */
export async function portalWithTemplate(template: string) {
  const dir = tempDir('gpu-portal-');
  await git(['init', '-q', '-b', 'main'], { cwd: dir });
  fs.cpSync(
    path.join(repoRoot, 'templates', template),
    path.join(dir, 'templates', template),
    { recursive: true },
  );
  await git(['add', '-A'], { cwd: dir });
  await git(['commit', '-q', '-m', `${template}: first version`], { cwd: dir });
  const templateDir = path.join(dir, 'templates', template);
  return { dir, templateDir, source: new TemplateSource(dir) };
}

/** Publishes a new version of the template: files changed by `change`, version and changelog. */
export async function publishVersion(options: {
  portalDir: string;
  template: string;
  from: string;
  to: string;
  changes: string;
  why: string;
  change: (skeleton: string) => void;
}) {
  const templateDir = path.join(
    options.portalDir,
    'templates',
    options.template,
  );
  options.change(path.join(templateDir, 'skeleton'));
  const templateFile = path.join(templateDir, 'template.yaml');
  edit(
    templateFile,
    `acme.example/template-version: ${options.from}`,
    `acme.example/template-version: ${options.to}`,
  );
  edit(
    templateFile,
    `templateVersion: ${options.from}`,
    `templateVersion: ${options.to}`,
  );
  edit(
    path.join(templateDir, 'versions.yaml'),
    'versions:\n',
    `versions:\n  - version: ${
      options.to
    }\n    date: 2026-12-04\n    changes: ${JSON.stringify(
      options.changes,
    )}\n    why: ${JSON.stringify(options.why)}\n`,
  );
  await git(['add', '-A'], { cwd: options.portalDir });
  await git(['commit', '-q', '-m', `${options.template} ${options.to}`], {
    cwd: options.portalDir,
  });
}

/**
 * A service made from the template's current version, as the scaffolder makes it: rendered,
 * then pushed as the first commit of a bare repository (like the local git host's).
 */
export async function createService(options: {
  source: TemplateSource;
  template: string;
  version: string;
  values: Record<string, unknown>;
  /** The bare repository to create (default: a new scratch folder's service.git). */
  repositoryDir?: string;
}) {
  const root = tempDir('gpu-service-');
  const templateDir = await options.source.checkout(
    options.template,
    options.version,
    path.join(root, 'template'),
  );
  const work = path.join(root, 'work');
  fs.mkdirSync(work);
  await renderTemplate({
    templateDir,
    template: options.template,
    values: options.values,
    outDir: work,
  });
  const bare = options.repositoryDir ?? path.join(root, 'service.git');
  await git(['init', '-q', '--bare', '-b', 'main', bare], { cwd: root });
  await git(['init', '-q', '-b', 'main'], { cwd: work });
  await git(['add', '-A'], { cwd: work });
  await git(['commit', '-q', '-m', 'Created from the golden path'], {
    cwd: work,
  });
  await git(['push', '-q', bare, 'main:main'], { cwd: work });
  return { repositoryDir: bare, work };
}

/** A fresh clone of `branch` of a repository. */
export async function cloneBranch(repositoryDir: string, branch: string) {
  const dir = tempDir('gpu-clone-');
  await git(['clone', '-q', '-b', branch, repositoryDir, dir], { cwd: dir });
  return dir;
}
