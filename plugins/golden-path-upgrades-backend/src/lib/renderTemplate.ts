import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { TemplateValues } from '@internal/plugin-golden-path-upgrades-common';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

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
