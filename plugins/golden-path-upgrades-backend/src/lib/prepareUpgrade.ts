import {
  compareVersions,
  GoldenPathRecord,
  latestVersion,
  parseRecord,
  RECORD_FILE,
  upgradeBranch,
  upgradeDescription,
  upgradeTitle,
  versionsCrossed,
} from '@internal/plugin-golden-path-upgrades-common';
import { InputError } from '@backstage/errors';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGit } from './git';
import { renderTemplate } from './renderTemplate';
import { TemplateSource } from './templateSource';
import { mergeTemplateChange, writeUpgradeBranch } from './threeWayMerge';

export type UpgradeOutcome =
  | { state: 'not-a-golden-path' }
  | { state: 'up-to-date'; record: GoldenPathRecord }
  | {
      state: 'nothing-to-change' | 'unchanged' | 'prepared';
      record: GoldenPathRecord;
      to: string;
      branch: string;
      /** The upgrade branch's tip (absent when there is nothing to change). */
      commit?: string;
      conflicts: string[];
      title: string;
      description: string;
      /** Milliseconds spent rendering both versions, and in git (trees, merge, branch). */
      timings: { renderMs: number; gitMs: number };
    };

/** What the default branch says it was made from, or undefined when it has no record. */
export async function readRecord(
  repositoryDir: string,
  defaultBranch: string,
): Promise<GoldenPathRecord | undefined> {
  const { stdout, code } = await runGit(
    ['show', `refs/heads/${defaultBranch}:${RECORD_FILE}`],
    { cwd: repositoryDir, okCodes: [128] },
  );
  if (code !== 0) return undefined;
  return parseRecord(stdout);
}

/**
 * Prepares the upgrade of one repository to `to` (default: the latest version): renders the
 * recorded version and the target version with the recorded values, merges the difference into
 * the default branch three-way, and puts the result on the upgrade branch
 * (`golden-path-upgrade/<template>`), one commit whose message is the upgrade's description.
 */
export async function prepareUpgrade(options: {
  source: TemplateSource;
  repositoryDir: string;
  defaultBranch?: string;
  to?: string;
}): Promise<UpgradeOutcome> {
  const { source, repositoryDir } = options;
  const defaultBranch = options.defaultBranch ?? 'main';
  const record = await readRecord(repositoryDir, defaultBranch);
  if (!record) return { state: 'not-a-golden-path' };
  const versions = await source.versions(record.template);
  const to = options.to ?? latestVersion(versions).version;
  if (!versions.some(v => v.version === to)) {
    throw new InputError(`to: ${record.template} has no version ${to}`);
  }
  if (compareVersions(to, record.version) <= 0) {
    return { state: 'up-to-date', record };
  }

  const scratch = await fs.promises.mkdtemp(
    path.join(os.tmpdir(), 'gpu-upgrade-'),
  );
  try {
    const started = performance.now();
    const renders: string[] = [];
    for (const version of [record.version, to]) {
      const templateDir = await source.templateDir(record.template, version);
      const out = path.join(scratch, `render-${version}`);
      await fs.promises.mkdir(out);
      await renderTemplate({
        templateDir,
        template: record.template,
        values: record.values,
        outDir: out,
      });
      renders.push(out);
    }
    const rendered = performance.now();
    const merge = await mergeTemplateChange({
      repositoryDir,
      defaultBranch,
      oldRenderDir: renders[0],
      newRenderDir: renders[1],
      templateLabel: `${record.template}-${to}`,
    });
    const summary = {
      template: record.template,
      from: record.version,
      to,
      crossed: versionsCrossed(versions, record.version, to),
      conflicts: merge.conflicts,
    };
    const title = upgradeTitle(summary);
    const description = upgradeDescription(summary);
    const branch = upgradeBranch(record.template);
    const written = await writeUpgradeBranch({
      repositoryDir,
      branch,
      merge,
      message: `${title}\n\n${description}`,
    });
    return {
      state: written.state,
      record,
      to,
      branch,
      commit:
        written.state === 'nothing-to-change' ? undefined : written.commit,
      conflicts: merge.conflicts,
      title,
      description,
      timings: {
        renderMs: rendered - started,
        gitMs: performance.now() - rendered,
      },
    };
  } finally {
    await fs.promises.rm(scratch, { recursive: true, force: true });
  }
}
