import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findRepoRoot } from '../lib/paths';
import { actionContext } from './context';

export const repoRoot = findRepoRoot(__dirname);
export const templatesDir = path.join(repoRoot, 'templates');

/**
 * A package the backend depends on (the scaffolder backend, its GitHub module, the
 * integration library), resolved from the backend package and loaded by Jest like any
 * CommonJS module: the golden paths run with exactly those versions.
 */
export function requireFromBackend<T>(name: string): T {
  const resolved = require.resolve(name, {
    paths: [path.join(repoRoot, 'packages/backend')],
  });
  return require(resolved) as T;
}

/** Renders a template's skeleton with the scaffolder's own fetch:template action. */
export async function render(
  template: string,
  values: Record<string, unknown>,
): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `gp-${template}-`));
  const { createFetchTemplateAction } = requireFromBackend<{
    createFetchTemplateAction(options: any): {
      handler(ctx: any): Promise<void>;
    };
  }>('@backstage/plugin-scaffolder-backend');
  const action = createFetchTemplateAction({
    reader: mockServices.urlReader.mock(),
    integrations: { byUrl: () => undefined },
  });
  const ctx = actionContext({
    input: { url: './skeleton', values },
    workspacePath: out,
  });
  // Like the task engine: scratch space outside the workspace.
  ctx.createTemporaryDirectory = async () =>
    fs.mkdtempSync(path.join(os.tmpdir(), 'gp-tmp-'));
  ctx.templateInfo = {
    entityRef: `template:default/${template}`,
    baseUrl: `file://${path.join(templatesDir, template, 'template.yaml')}`,
  };
  await action.handler(ctx);
  return out;
}
