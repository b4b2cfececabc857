import { TemplateValues } from '@internal/plugin-golden-path-upgrades-common';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SkeletonRenderer } from './renderTemplate';
import { TemplateSource } from './templateSource';

/** One file of a render, as git stores it. */
export type RenderedFile = {
  /** Relative to the repository root, `/`-separated. */
  path: string;
  mode: '100644' | '100755' | '120000';
  content: Buffer;
};

/** JSON with object keys sorted, so equal values hash equally whatever their order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b, 'en'))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The cache key of a render: template, version and a hash of the values. */
export function renderKey(
  template: string,
  version: string,
  values: TemplateValues,
): string {
  // Key order is part of the key: the record files dump the values in their order.
  const digest = createHash('sha256')
    .update(stableJson(values))
    .update('\0')
    .update(JSON.stringify(Object.keys(values)))
    .digest('hex');
  return `${template}@${version}#${digest}`;
}

async function readFiles(root: string): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  const walk = async (dir: string, prefix: string) => {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git') await walk(full, rel);
      } else if (entry.isSymbolicLink()) {
        files.push({
          path: rel,
          mode: '120000',
          content: Buffer.from(await fs.promises.readlink(full)),
        });
      } else if (entry.isFile()) {
        const stat = await fs.promises.stat(full);
        files.push({
          path: rel,
          // eslint-disable-next-line no-bitwise
          mode: stat.mode & 0o111 ? '100755' : '100644',
          content: await fs.promises.readFile(full),
        });
      }
    }
  };
  await walk(root, '');
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * Renders of a template version with a set of values, kept in memory (a render of a golden
 * path is tens of kilobytes): services with the same values, and every re-run of the
 * schedule, render each (template, version, values) once. At most `capacity` renders are
 * kept, the least recently used dropped first.
 */
export class RenderCache {
  private readonly renders = new Map<string, Promise<RenderedFile[]>>();
  private readonly renderer = new SkeletonRenderer();

  constructor(
    private readonly source: TemplateSource,
    private readonly capacity = 256,
  ) {}

  render(
    template: string,
    version: string,
    values: TemplateValues,
  ): Promise<RenderedFile[]> {
    const key = renderKey(template, version, values);
    let files = this.renders.get(key);
    if (files) {
      this.renders.delete(key); // re-inserted below: most recently used last
    } else {
      files = this.renderNow(template, version, values);
      files.catch(() => this.renders.delete(key));
    }
    this.renders.set(key, files);
    while (this.renders.size > this.capacity) {
      this.renders.delete(this.renders.keys().next().value!);
    }
    return files;
  }

  private async renderNow(
    template: string,
    version: string,
    values: TemplateValues,
  ): Promise<RenderedFile[]> {
    const templateDir = await this.source.templateDir(template, version);
    const out = await this.renderer.render({ templateDir, template, values });
    try {
      return await readFiles(out);
    } finally {
      await fs.promises.rm(out, { recursive: true, force: true });
    }
  }
}
