import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { TemplateValues } from '@internal/plugin-golden-path-upgrades-common';
import {
  createFetchTemplateAction,
  createWorkspaceTemplateAction,
} from '@backstage/plugin-scaffolder-backend';
import { isChildPath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  readSkeleton,
  RenderedFile,
  renderSkeleton,
  SkeletonFiles,
} from './memoryRender';

type FetchStep = {
  action: string;
  input?: { url?: string; values?: Record<string, unknown> } & Record<
    string,
    unknown
  >;
};

function isLiteral(value: unknown): boolean {
  return !(typeof value === 'string' && value.includes('${{'));
}

/**
 * The fetch:template step of a template.yaml and the values to render it with: the recorded
 * values, with the step's literal values (template name and version) taken from this
 * version, since they say which version the files come from.
 */
export function renderInput(
  templateYaml: string,
  recorded: TemplateValues,
): { input: Record<string, unknown>; values: TemplateValues } {
  const document = parse(templateYaml);
  const steps: FetchStep[] = document?.spec?.steps ?? [];
  const fetchSteps = steps.filter(s => s.action === 'fetch:template');
  if (fetchSteps.length !== 1 || !fetchSteps[0].input?.url) {
    throw new InputError(
      'template.yaml: an upgradable golden path has exactly one fetch:template step with a url',
    );
  }
  const { values: stepValues = {}, ...input } = fetchSteps[0].input;
  const literals = Object.fromEntries(
    Object.entries(stepValues).filter(([, value]) => isLiteral(value)),
  );
  return { input, values: { ...recorded, ...literals } };
}

/**
 * The values a version would have recorded for a repository whose values were recovered
 * (not read from a record): in the order of the version's fetch step (the record files dump
 * them in that order), with the step's literals (template name and version) of this version,
 * and any recovered value the step does not name after them.
 */
export function valuesForVersion(
  templateYaml: string,
  recovered: TemplateValues,
): TemplateValues {
  const document = parse(templateYaml);
  const steps: FetchStep[] = document?.spec?.steps ?? [];
  const stepValues =
    steps.find(s => s.action === 'fetch:template')?.input?.values ?? {};
  const { values } = renderInput(templateYaml, recovered);
  const ordered: TemplateValues = {};
  for (const key of Object.keys(stepValues)) {
    if (key in values) ordered[key] = values[key];
  }
  for (const [key, value] of Object.entries(values)) {
    if (!(key in ordered)) ordered[key] = value;
  }
  return ordered;
}

const quietLogger: LoggerService = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quietLogger;
  },
};

/**
 * Renders a template's skeleton (the folder holding its template.yaml) into `outDir` with
 * Backstage's own fetch:template action, as the scaffolder does when a service is created:
 * same nunjucks environment, filters and options.
 */
export async function renderTemplate(options: {
  templateDir: string;
  template: string;
  values: TemplateValues;
  outDir: string;
}): Promise<TemplateValues> {
  const { templateDir, template, outDir } = options;
  const templateFile = path.join(templateDir, 'template.yaml');
  const { input, values } = renderInput(
    await fs.promises.readFile(templateFile, 'utf8'),
    options.values,
  );
  const action = createFetchTemplateAction({
    // Only local files are read (a file:// base URL); nothing is fetched from a URL.
    reader: {
      readUrl: async () => {
        throw new InputError('golden path upgrades render local files only');
      },
      readTree: async () => {
        throw new InputError('golden path upgrades render local files only');
      },
      search: async () => {
        throw new InputError('golden path upgrades render local files only');
      },
    },
    integrations: { byUrl: () => undefined } as any,
  });
  const scratch: string[] = [];
  const ctx = {
    input: { ...input, values },
    workspacePath: outDir,
    logger: quietLogger,
    isDryRun: false,
    output: () => {},
    checkpoint: async (opts: { fn: () => Promise<unknown> }) => opts.fn(),
    createTemporaryDirectory: async () => {
      const dir = await fs.promises.mkdtemp(
        path.join(os.tmpdir(), 'gpu-render-'),
      );
      scratch.push(dir);
      return dir;
    },
    templateInfo: {
      entityRef: `template:default/${template}`,
      baseUrl: `file://${templateFile}`,
    },
  };
  try {
    await action.handler(ctx as any);
  } finally {
    await Promise.all(
      scratch.map(dir => fs.promises.rm(dir, { recursive: true, force: true })),
    );
  }
  return values;
}

/** The files of a render on disk, as git stores them. */
export async function readFiles(root: string): Promise<RenderedFile[]> {
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
 * Renders versions' skeletons for upgrades, many times over: with Backstage's own template
 * action handler — `workspace:template`, which is `fetch:template` without the fetch, the same
 * handler, nunjucks environment, filters and options — straight from the version's checkout
 * (shared by every render of the version and never written to but for each render's own
 * output folder next to the skeleton). `fetch:template` would first copy the skeleton into
 * scratch space for every render; half of a render's file system work, saved.
 */
export class SkeletonRenderer {
  private readonly action = createWorkspaceTemplateAction({
    integrations: { byUrl: () => undefined } as any,
  });
  /**
   * Each checkout's fetch step: its input and literal values, read once (a checkout never
   * changes).
   */
  private readonly fetchSteps = new Map<
    string,
    Promise<ReturnType<typeof renderInput>>
  >();

  private fetchStep(templateDir: string) {
    let step = this.fetchSteps.get(templateDir);
    if (!step) {
      step = fs.promises
        .readFile(path.join(templateDir, 'template.yaml'), 'utf8')
        .then(text => renderInput(text, {}));
      step.catch(() => this.fetchSteps.delete(templateDir));
      this.fetchSteps.set(templateDir, step);
    }
    return step;
  }

  /** Each checkout's skeleton in memory, or undefined where it must be rendered on disk. */
  private readonly skeletons = new Map<
    string,
    Promise<SkeletonFiles | undefined>
  >();

  /** The fetch step's inputs the in-memory render handles; others are rendered on disk. */
  private static readonly IN_MEMORY_INPUTS = new Set([
    'url',
    'targetPath',
    'values',
    'cookiecutterCompat',
    'trimBlocks',
    'lstripBlocks',
    'replace',
  ]);

  /**
   * A render's files. In memory (see renderSkeleton) when the skeleton holds text files only
   * and the fetch step asks for nothing else (no copyWithoutTemplating, no
   * templateFileExtension): a render is then a few milliseconds of CPU instead of writing,
   * reading and removing every file. Otherwise through the file system with the handler
   * itself (render).
   */
  async renderFiles(options: {
    templateDir: string;
    template: string;
    values: TemplateValues;
  }): Promise<RenderedFile[]> {
    const { templateDir } = options;
    const { input, values: literals } = await this.fetchStep(templateDir);
    const inMemory = Object.keys(input).every(key =>
      SkeletonRenderer.IN_MEMORY_INPUTS.has(key),
    );
    const url = String(input.url);
    if (
      inMemory &&
      !/^[a-z][a-z0-9+.-]*:/i.test(url) &&
      !path.isAbsolute(url)
    ) {
      let skeleton = this.skeletons.get(templateDir);
      if (!skeleton) {
        skeleton = readSkeleton(path.resolve(templateDir, url));
        skeleton.catch(() => this.skeletons.delete(templateDir));
        this.skeletons.set(templateDir, skeleton);
      }
      const files = await skeleton;
      if (files) {
        return renderSkeleton(
          files,
          { ...options.values, ...literals },
          input as Record<string, any>,
        );
      }
    }
    const out = await this.render(options);
    try {
      return await readFiles(out);
    } finally {
      await fs.promises.rm(out, { recursive: true, force: true });
    }
  }

  /** Renders into a folder of its own inside `templateDir`; returns that folder. */
  async render(options: {
    templateDir: string;
    template: string;
    values: TemplateValues;
  }): Promise<string> {
    const { templateDir, template } = options;
    const { input, values: literals } = await this.fetchStep(templateDir);
    // As renderInput: the recorded values, the step's literals of this version over them.
    const values = { ...options.values, ...literals };
    const { url, targetPath, ...rest } = input as {
      url: string;
      targetPath?: string;
    } & Record<string, unknown>;
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || path.isAbsolute(url)) {
      throw new InputError(
        `template.yaml: the fetch:template url of ${template} must be a path next to it`,
      );
    }
    const out = await fs.promises.mkdtemp(path.join(templateDir, '.render-'));
    const skeleton = path.resolve(templateDir, url);
    if (isChildPath(skeleton, out)) {
      // The skeleton is the template's own folder: render from a copy, as fetch:template does.
      await fs.promises.rm(out, { recursive: true, force: true });
      const scratch = await fs.promises.mkdtemp(
        path.join(os.tmpdir(), 'gpu-out-'),
      );
      await renderTemplate({ ...options, outDir: scratch });
      return scratch;
    }
    await this.action.handler({
      input: {
        ...rest,
        sourcePath: path.relative(templateDir, skeleton),
        targetPath: path.join(
          path.relative(templateDir, out),
          targetPath ?? '.',
        ),
        values,
      },
      workspacePath: templateDir,
      logger: quietLogger,
      isDryRun: false,
      output: () => {},
      checkpoint: async (opts: { fn: () => Promise<unknown> }) => opts.fn(),
      createTemporaryDirectory: async () => {
        throw new InputError('a render needs no scratch space of its own');
      },
      templateInfo: {
        entityRef: `template:default/${template}`,
        baseUrl: `file://${path.join(templateDir, 'template.yaml')}`,
      },
    } as any);
    return out;
  }
}
