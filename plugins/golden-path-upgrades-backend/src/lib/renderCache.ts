import { TemplateValues } from '@internal/plugin-golden-path-upgrades-common';
import { createHash } from 'node:crypto';
import { RenderedFile } from './memoryRender';
import { SkeletonRenderer } from './renderTemplate';
import { TemplateSource } from './templateSource';

export type { RenderedFile } from './memoryRender';

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
    return this.renderer.renderFiles({ templateDir, template, values });
  }
}
