import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { TemplateValues } from '@internal/plugin-golden-path-upgrades-common';
import fs from 'node:fs';
import path from 'node:path';
import { createTemplateRenderer } from 'nunjitsu';

/** One file of a render, as git stores it. */
export type RenderedFile = {
  /** Relative to the repository root, `/`-separated. */
  path: string;
  mode: '100644' | '100755' | '120000';
  content: Buffer;
};

/** A skeleton's files, read once: path (relative, `/`-separated), mode and text. */
export type SkeletonFiles = {
  path: string;
  mode: '100644' | '100755';
  text: string;
}[];

/**
 * Plain text as the scaffolder's handler sees it (isbinaryfile): valid UTF-8 without a byte
 * order mark or control characters other than tab, line feed and carriage return, and not
 * a PDF. The handler renders such a file as a string; anything else it copies as bytes.
 */
function isPlainText(content: Buffer): string | undefined {
  const text = content.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(content)) return undefined;
  if (text.startsWith('\uFEFF') || text.startsWith('%PDF-')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) return undefined;
  return text;
}

/**
 * Reads a skeleton folder for rendering in memory; undefined when it holds anything the
 * scaffolder's handler treats otherwise than rendering a text file (a symbolic link, a
 * binary file): such a skeleton is rendered through the file system.
 */
export async function readSkeleton(
  dir: string,
): Promise<SkeletonFiles | undefined> {
  const files: SkeletonFiles = [];
  const walk = async (at: string, prefix: string): Promise<boolean> => {
    for (const entry of await fs.promises.readdir(at, {
      withFileTypes: true,
    })) {
      const full = path.join(at, entry.name);
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!(await walk(full, rel))) return false;
      } else if (entry.isFile()) {
        const text = isPlainText(await fs.promises.readFile(full));
        if (text === undefined) return false;
        const { mode } = await fs.promises.stat(full);
        // eslint-disable-next-line no-bitwise
        files.push({
          path: rel,
          mode: mode & 0o111 ? '100755' : '100644',
          text,
        });
      } else {
        return false;
      }
    }
    return true;
  };
  if (!(await walk(dir, ''))) return undefined;
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** lodash's `get` as the scaffolder's `pick` filter uses it: `a.b`, `a[0].b`. */
function pick(value: unknown, property: string): unknown {
  let current: any = value;
  for (const key of property.replace(/\[(\w+)\]/g, '.$1').split('.')) {
    if (key === '') continue;
    if (current === null || current === undefined) return undefined;
    current = current[key];
  }
  return current;
}

function scmFilter(name: string) {
  return () => {
    // As in the scaffolder without SCM integrations (upgrades render with none).
    throw new InputError(
      `${name}: golden path upgrades render without SCM integrations`,
    );
  };
}

/** What a fetch:template step says about rendering, besides its url and values. */
export type RenderOptions = {
  targetPath?: string;
  cookiecutterCompat?: boolean;
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
};

/**
 * Renders a skeleton in memory as the scaffolder's template action handler (fetch:template,
 * workspace:template) renders it onto disk: the same engine (nunjitsu) with the same options
 * and filters (parseEntityRef itself, pick as the lodash get it wraps, the repository URL
 * filters failing as they do without SCM integrations); every path rendered, a path that renders empty, to
 * an absolute path or with an empty segment skipped, a path leaving the target refused, the
 * first file written to a path kept, contents rendered and written with the file's mode.
 */
export function renderSkeleton(
  skeleton: SkeletonFiles,
  values: TemplateValues,
  options: RenderOptions,
): RenderedFile[] {
  const renderer = createTemplateRenderer({
    filters: {
      parseRepoUrl: scmFilter('parseRepoUrl'),
      parseEntityRef: (ref: any, context?: any) =>
        parseEntityRef(ref, context) as any,
      pick: (value: any, property: any) => pick(value, property) as any,
      projectSlug: scmFilter('projectSlug'),
    },
    globals: {},
    allowRegexExecution: true,
    cookiecutterCompat: options.cookiecutterCompat,
    trimBlocks: options.trimBlocks,
    lstripBlocks: options.lstripBlocks,
  });
  const context = renderer.prepareContext({
    [options.cookiecutterCompat ? 'cookiecutter' : 'values']: values,
  } as any);
  const target = path.posix.normalize(options.targetPath ?? '.');
  const out = new Map<string, RenderedFile>();
  for (const file of skeleton) {
    const rendered = renderer.render(file.path, context);
    if (
      rendered === '' ||
      rendered.startsWith('/') ||
      rendered.includes('//')
    ) {
      continue;
    }
    const at = path.posix.normalize(path.posix.join(target, rendered));
    if (at === '..' || at.startsWith('../') || path.posix.isAbsolute(at)) {
      throw new NotAllowedError(
        'Relative path is not allowed to refer to a directory outside its parent',
      );
    }
    if (out.has(at)) continue;
    out.set(at, {
      path: at,
      mode: file.mode,
      content: Buffer.from(renderer.render(file.text, context), 'utf8'),
    });
  }
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}
